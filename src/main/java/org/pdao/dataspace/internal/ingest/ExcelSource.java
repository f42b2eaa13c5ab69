package org.pdao.dataspace.internal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * The first sheet of an uploaded .xlsx workbook, read with Apache POI's streaming (SAX) reader so that
 * the sheet is never held in memory; the first row is the header. Cells are read as the text Excel
 * shows (so a long ID number stored as text stays exact); a missing cell is null.
 */
public final class ExcelSource implements RowSource {

    private final Path file;
    private final List<String> columns;
    private final AtomicLong read = new AtomicLong();
    private final long sheetBytes;
    private @Nullable FileDigest digest;

    public ExcelSource(Path file) throws IOException {
        this.file = file;
        this.sheetBytes = firstSheetSize(file);
        List<String> header = new ArrayList<>();
        try {
            parse(new Sink() {
                @Override
                void row(@Nullable String[] values, boolean first) {
                    for (String value : values) {
                        header.add(value == null ? "" : value.trim());
                    }
                    throw new Stop();
                }
            });
        } catch (Stop stopped) {
            // the header is all we wanted
        } catch (Exception e) {
            throw ProblemException.badRequest("dataspace.dataset.header-invalid");
        }
        if (header.isEmpty()) {
            throw ProblemException.badRequest("dataspace.dataset.empty");
        }
        this.columns = List.copyOf(header);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void feed(RowSink sink) throws Exception {
        digest = FileDigest.start(file);
        int width = columns.size();
        try {
            parse(new Sink() {
                @Override
                void row(@Nullable String[] values, boolean first) throws Exception {
                    if (first) {
                        return;
                    }
                    if (Arrays.stream(values).allMatch(v -> v == null)) {
                        return;
                    }
                    if (values.length > width) {
                        for (int i = width; i < values.length; i++) {
                            if (values[i] != null) {
                                throw ProblemException.badRequest("dataspace.load.column-count");
                            }
                        }
                    }
                    sink.row(values.length == width ? values : Arrays.copyOf(values, width));
                }
            });
        } catch (Wrapped wrapped) {
            throw wrapped.cause;
        }
    }

    @Override
    public double fraction() {
        return sheetBytes <= 0 ? 0 : Math.min(1, read.get() / (double) sheetBytes);
    }

    /** The SM3 of the workbook file's bytes, computed while the sheet was read. */
    @Override
    public @Nullable String contentDigest() throws IOException, InterruptedException {
        return digest == null ? null : digest.hex();
    }

    @Override
    public void close() {
        // each parse opens and closes the package itself
        if (digest != null) {
            digest.close();
        }
    }

    private void parse(Sink sink) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw ProblemException.badRequest("dataspace.dataset.empty");
            }
            try (InputStream sheet = new CsvSource.Counting(sheets.next(), read)) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings, sink,
                        new DataFormatter(), false));
                xml.parse(new InputSource(sheet));
            }
        }
    }

    private static long firstSheetSize(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long size = -1;
            String first = null;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith("xl/worksheets/sheet")
                        && (first == null || entry.getName().compareTo(first) < 0)) {
                    first = entry.getName();
                    size = entry.getSize();
                }
            }
            return size;
        } catch (IOException e) {
            throw ProblemException.badRequest("dataspace.dataset.header-invalid");
        }
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private static final class Wrapped extends RuntimeException {
        final Exception cause;

        Wrapped(Exception cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    /** Collects the cells of a row by column and hands the row on. */
    private abstract static class Sink implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final List<@Nullable String> cells = new ArrayList<>();
        private boolean first = true;

        abstract void row(@Nullable String[] values, boolean first) throws Exception;

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            try {
                row(cells.toArray(new String[0]), first);
            } catch (Stop | Wrapped e) {
                throw e;
            } catch (Exception e) {
                throw new Wrapped(e);
            }
            first = false;
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() < column) {
                cells.add(null);
            }
            cells.add(formattedValue == null || formattedValue.isEmpty() ? null : formattedValue);
        }
    }

}
