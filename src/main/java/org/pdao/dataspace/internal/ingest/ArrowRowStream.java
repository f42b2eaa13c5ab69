package org.pdao.dataspace.internal.ingest;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Hands the rows of a {@link RowPipe} to DuckDB as Arrow record batches through the Arrow C data interface, and has
 * DuckDB insert them into the staging table with one {@code INSERT … SELECT}: DuckDB copies each batch's strings in
 * native code on its own threads instead of one JNI call per long value through the appender. Each batch gets fresh
 * buffers (DuckDB may still read the previous one while this one fills). Arrow needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (set in the jar's manifest and the build); without it
 * {@link #available()} is false and {@link StagedLoad} appends row by row as before.
 */
final class ArrowRowStream extends ArrowReader {

    /** Rows per Arrow batch: DuckDB scans batches in parallel, so not too few of them either. */
    static final int BATCH_ROWS = 32_768;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ArrowRowStream.class);
    private static volatile @Nullable Boolean available;

    private final Schema schema;
    private final RowPipe pipe;
    private final LongConsumer progress;
    private byte @Nullable [][][] pending;
    private int pendingAt;
    private boolean done;
    private long rows;
    private long waitedNanos;
    private @Nullable Exception failure;

    private ArrowRowStream(BufferAllocator allocator, List<String> columns, RowPipe pipe, LongConsumer progress) {
        super(allocator);
        List<Field> fields = new ArrayList<>();
        for (String column : columns) {
            fields.add(Field.nullable(column, new ArrowType.Utf8()));
        }
        this.schema = new Schema(fields);
        this.pipe = pipe;
        this.progress = progress;
    }

    /** True when Arrow's memory can be used in this JVM (checked once). */
    static boolean available() {
        Boolean known = available;
        if (known == null) {
            try (BufferAllocator probe = new RootAllocator()) {
                probe.buffer(8).close();
                known = Boolean.TRUE;
            } catch (Throwable e) {
                log.warn("Arrow memory is not usable in this JVM ({}); ingestion appends row by row. Start the JVM with "
                        + "--add-opens=java.base/java.nio=ALL-UNNAMED to use it.", e.toString());
                known = Boolean.FALSE;
            }
            available = known;
        }
        return known;
    }

    /** What the insert did: the rows and the time spent waiting for the reader. */
    record Inserted(long rows, long waitedNanos) {}

    /** Inserts every row of {@code pipe} into {@code staging} (a table of VARCHAR columns named as {@code columns}). */
    static Inserted insert(DuckDBConnection connection, String staging, List<String> columns, RowPipe pipe,
            LongConsumer progress) throws Exception {
        String view = staging + "_arrow";
        ArrowRowStream reader;
        try (BufferAllocator allocator = new RootAllocator()) {
            reader = new ArrowRowStream(allocator, columns, pipe, progress);
            try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
                Data.exportArrayStream(allocator, reader, stream);
                connection.registerArrowStream(view, stream);
                try (Statement insert = connection.createStatement()) {
                    insert.execute("INSERT INTO " + staging + " SELECT * FROM " + view);
                } catch (SQLException e) {
                    if (reader.failure != null) {
                        throw reader.failure;
                    }
                    throw e;
                } finally {
                    try (Statement drop = connection.createStatement()) {
                        drop.execute("DROP VIEW IF EXISTS " + view);
                    }
                }
            }
        }
        if (reader.failure != null) {
            throw reader.failure;
        }
        return new Inserted(reader.rows, reader.waitedNanos);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        if (done) {
            return false;
        }
        VectorSchemaRoot root = getVectorSchemaRoot();
        int width = schema.getFields().size();
        List<VarCharVector> vectors = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            VarCharVector vector = (VarCharVector) root.getVector(c);
            vector.clear();
            vector.allocateNew((long) BATCH_ROWS * 16, BATCH_ROWS);
            vectors.add(vector);
        }
        int n = 0;
        try {
            while (n < BATCH_ROWS) {
                if (pending == null || pendingAt == pending.length || pending[pendingAt] == null) {
                    long waitStart = System.nanoTime();
                    pending = pipe.take();
                    waitedNanos += System.nanoTime() - waitStart;
                    pendingAt = 0;
                    if (pending == null) {
                        done = true;
                        break;
                    }
                    if (pending.length == 0 || pending[0] == null) {
                        continue;
                    }
                }
                byte[][] row = pending[pendingAt++];
                for (int c = 0; c < width; c++) {
                    byte[] value = row[c];
                    if (value == null) {
                        vectors.get(c).setNull(n);
                    } else {
                        vectors.get(c).setSafe(n, value, 0, value.length);
                    }
                }
                n++;
            }
        } catch (Exception e) {
            // ends the stream; insert() rethrows the failure after DuckDB returns, and the load rolls back
            failure = e;
            done = true;
            n = 0;
        }
        for (VarCharVector vector : vectors) {
            vector.setValueCount(n);
        }
        root.setRowCount(n);
        rows += n;
        progress.accept(rows);
        return n > 0;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        // the pipe belongs to the caller
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
