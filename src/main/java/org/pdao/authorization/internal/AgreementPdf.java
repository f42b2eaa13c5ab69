package org.pdao.authorization.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/**
 * Renders an agreement as a PDF in Chinese (A4), with the CJK font embedded as a subset so the document reads the
 * same everywhere: the OFL-licensed Noto Sans SC shipped in {@code fonts/} (see
 * docs/decisions/2026-12-02-agreement-pdf-font.md). The text is what {@link AgreementText} would show a reader:
 * parties, model, scenarios, zones, term, each clause with its title, and the signatures with their SM2 key
 * fingerprints and the SM3 digest of the signed text. A character the font lacks is shown as {@code □}.
 */
@Component
class AgreementPdf {

    private static final String FONT = "/fonts/NotoSansSC-Regular.ttf";
    private static final float MARGIN = 56;
    private static final float BODY = 10.5f;
    private static final float LEADING = 1.55f;

    /** One block of the document: a line of text at a size, bold-like (heading) or plain. */
    record Block(String text, float size, boolean heading) {}

    private volatile byte[] font;

    byte[] render(String title, List<Block> blocks) {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font cjk = PDType0Font.load(doc, new java.io.ByteArrayInputStream(fontBytes()), true);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title);
            info.setCreator("PDAO 公共数据授权运营平台");
            Calendar now = new GregorianCalendar(TimeZone.getTimeZone("Asia/Shanghai"));
            info.setCreationDate(now);
            Writer w = new Writer(doc, cjk);
            for (Block b : blocks) {
                w.paragraph(b);
            }
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the agreement PDF", e);
        }
    }

    private byte[] fontBytes() throws IOException {
        byte[] bytes = font;
        if (bytes == null) {
            try (InputStream in = AgreementPdf.class.getResourceAsStream(FONT)) {
                if (in == null) {
                    throw new IOException("the CJK font " + FONT + " is missing from the build");
                }
                bytes = in.readAllBytes();
            }
            font = bytes;
        }
        return bytes;
    }

    /** Lays paragraphs out on A4 pages, wrapping by glyph width (CJK text wraps between any two characters). */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType0Font font;
        private final float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private PDPageContentStream stream;
        private float y;
        private int pages;

        Writer(PDDocument doc, PDType0Font font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        void paragraph(Block b) throws IOException {
            if (b.heading()) {
                y -= b.size() * 0.6f;
            }
            for (String line : wrap(printable(b.text()), b.size())) {
                if (y - b.size() * LEADING < MARGIN) {
                    newPage();
                }
                y -= b.size() * LEADING;
                stream.beginText();
                stream.setFont(font, b.size());
                stream.newLineAtOffset(MARGIN, y);
                stream.showText(line);
                stream.endText();
            }
        }

        void close() throws IOException {
            footer();
            stream.close();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                footer();
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            pages++;
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private void footer() throws IOException {
            stream.beginText();
            stream.setFont(font, 8);
            stream.newLineAtOffset(MARGIN, MARGIN / 2);
            stream.showText("第 " + pages + " 页");
            stream.endText();
        }

        private String printable(String text) {
            StringBuilder s = new StringBuilder();
            text.replace('\t', ' ').codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                if (cp == '\n') {
                    s.append('\n');
                    return;
                }
                try {
                    font.encode(ch);
                    s.append(ch);
                } catch (IOException | IllegalArgumentException e) {
                    s.append('□');
                }
            });
            return s.toString();
        }

        private List<String> wrap(String text, float size) throws IOException {
            List<String> lines = new ArrayList<>();
            for (String para : text.split("\n", -1)) {
                StringBuilder line = new StringBuilder();
                float w = 0;
                int i = 0;
                while (i < para.length()) {
                    int cp = para.codePointAt(i);
                    String ch = new String(Character.toChars(cp));
                    float cw = font.getStringWidth(ch) / 1000 * size;
                    if (w + cw > width && line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                        w = 0;
                    }
                    line.append(ch);
                    w += cw;
                    i += Character.charCount(cp);
                }
                lines.add(line.toString());
            }
            return lines;
        }
    }
}
