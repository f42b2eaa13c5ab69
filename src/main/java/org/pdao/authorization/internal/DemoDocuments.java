package org.pdao.authorization.internal;

import java.nio.charset.StandardCharsets;

/** Tiny but well-formed PDF files standing in for demo application materials. */
final class DemoDocuments {

    private DemoDocuments() {}

    /** A one-page PDF whose text is {@code title}'s code points (ASCII placeholder), enough to pass type checks. */
    static byte[] pdf(String title) {
        String label = "PDAO demo material " + Integer.toHexString(title.hashCode());
        String stream = "BT /F1 12 Tf 72 720 Td (" + label + ") Tj ET";
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[5];
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 6\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
