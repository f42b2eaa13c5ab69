package org.pdao.dataspace.internal.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;

/** An uploaded CSV file (RFC 4180, with header) in UTF-8 or GBK; a UTF-8 byte-order mark is skipped. */
public final class CsvSource implements RowSource {

    private final Path file;
    private final CsvBytes rows;
    private final InputStream bytes;
    private final AtomicLong read = new AtomicLong();
    private final long size;
    private final List<String> columns;
    private @Nullable FileDigest digest;

    public CsvSource(Path file, Charset charset) throws IOException {
        this.file = file;
        this.size = Files.size(file);
        this.bytes = new Counting(Files.newInputStream(file), read);
        this.rows = new CsvBytes(bytes, charset);
        try {
            byte @Nullable [][] header = rows.next();
            if (header == null) {
                throw ProblemException.badRequest("dataspace.dataset.empty");
            }
            List<String> names = new ArrayList<>();
            for (byte[] name : header) {
                names.add(name == null ? "" : new String(name, StandardCharsets.UTF_8));
            }
            if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
                names.set(0, names.get(0).substring(1));
            }
            this.columns = names.stream().map(String::trim).toList();
        } catch (IOException e) {
            bytes.close();
            throw ProblemException.badRequest("dataspace.dataset.header-invalid");
        } catch (RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void feed(RowSink sink) throws Exception {
        feedUtf8(RowSource.asText(sink));
    }

    /** Every row, parsed from the file's bytes without making strings ({@link CsvBytes}). */
    @Override
    public void feedUtf8(Utf8Sink sink) throws Exception {
        digest = FileDigest.start(file);
        for (byte[][] row = rows.next(); row != null; row = rows.next()) {
            if (row.length == 1 && row[0] == null) {
                continue;
            }
            if (row.length != columns.size()) {
                throw ProblemException.badRequest("dataspace.load.column-count");
            }
            sink.row(row);
        }
    }

    @Override
    public double fraction() {
        return size == 0 ? 1 : Math.min(1, read.get() / (double) size);
    }

    /** The SM3 of the file's bytes, computed while the rows were parsed. */
    @Override
    public @Nullable String contentDigest() throws IOException, InterruptedException {
        return digest == null ? null : digest.hex();
    }

    @Override
    public void close() throws IOException {
        if (digest != null) {
            digest.close();
        }
        bytes.close();
    }

    static String[] copy(@Nullable String[] row) {
        return Arrays.copyOf(row, row.length);
    }

    /** Counts the bytes read, for progress. */
    static final class Counting extends FilterInputStream {

        private final AtomicLong count;

        Counting(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
