package org.pdao.dataspace.internal.ingest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a load's rows come from: an uploaded file (CSV, Parquet, Excel) or a source unit's database.
 * The column names are known once the source is open; {@link #feed} streams every row, as text
 * (null for an empty or SQL NULL value), without holding the rows in memory.
 */
public interface RowSource extends AutoCloseable {

    /** Receives one row; the array is the source's and may be reused after the call. */
    @FunctionalInterface
    interface RowSink {
        void row(@Nullable String[] values) throws Exception;
    }

    /** Receives one row as UTF-8 bytes (null for an empty or SQL NULL value); the array is the sink's to keep. */
    @FunctionalInterface
    interface Utf8Sink {
        void row(byte @Nullable [][] values) throws Exception;
    }

    /** A sink of UTF-8 rows that hands them to {@code sink} as text: {@link #feed} of a source that reads bytes. */
    static Utf8Sink asText(RowSink sink) {
        return row -> {
            String[] text = new String[row.length];
            for (int i = 0; i < row.length; i++) {
                text[i] = row[i] == null ? null : new String(row[i], java.nio.charset.StandardCharsets.UTF_8);
            }
            sink.row(text);
        };
    }

    List<String> columns();

    void feed(RowSink sink) throws Exception;

    /**
     * Streams every row as the UTF-8 bytes the store takes; a source that reads bytes (a CSV file) gives them
     * without making strings, the others encode what {@link #feed} gives.
     */
    default void feedUtf8(Utf8Sink sink) throws Exception {
        feed(row -> {
            byte[][] bytes = new byte[row.length][];
            for (int i = 0; i < row.length; i++) {
                String value = row[i];
                bytes[i] = value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            sink.row(bytes);
        });
    }

    /** How much of the source has been read, 0 to 1. */
    double fraction();

    /**
     * The digest that every row fed must go into, as the UTF-8 bytes the store receives, when the source
     * has no bytes of its own to digest (a database); null otherwise. The reading thread feeds it
     * ({@code RowPipe}), so each value is encoded once.
     */
    default @Nullable RowDigest rowsToDigest() {
        return null;
    }

    /**
     * The SM3 content digest of what {@link #feed} read, hex, once it has returned: of the file's bytes
     * for an uploaded file (computed on its own thread while the rows are parsed, {@link FileDigest}),
     * of the row stream for a database ({@link RowDigest}); null for a source that has none.
     */
    default @Nullable String contentDigest() throws Exception {
        return null;
    }

    @Override
    void close() throws Exception;
}
