package org.pdao.dataspace.internal.ingest;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Hands the rows of a {@link RowPipe} to DuckDB as Arrow record batches through the Arrow C data interface, and has
 * DuckDB insert them into the staging table with one {@code INSERT … SELECT}: DuckDB copies each batch's strings in
 * native code on its own threads instead of one JNI call per long value through the appender. Each batch gets fresh
 * buffers (DuckDB may still read the previous one while this one fills). Where Arrow is not usable
 * ({@link ArrowInsert#available()}) {@link StagedLoad} appends row by row as before.
 */
final class ArrowRowStream extends ArrowInsert {

    /** Rows per Arrow batch: DuckDB scans batches in parallel, so not too few of them either. */
    static final int BATCH_ROWS = 32_768;

    private final int width;
    private final RowPipe pipe;
    private final LongConsumer progress;
    private byte @Nullable [][][] pending;
    private int pendingAt;
    private boolean done;
    private long rows;
    private long waitedNanos;
    private @Nullable Exception failure;

    private ArrowRowStream(BufferAllocator allocator, List<String> columns, RowPipe pipe, LongConsumer progress) {
        super(allocator, schema(columns));
        this.width = columns.size();
        this.pipe = pipe;
        this.progress = progress;
    }

    private static Schema schema(List<String> columns) {
        List<Field> fields = new ArrayList<>();
        for (String column : columns) {
            fields.add(Field.nullable(column, new ArrowType.Utf8()));
        }
        return new Schema(fields);
    }

    /** What the insert did: the rows and the time spent waiting for the reader. */
    record Inserted(long rows, long waitedNanos) {}

    /** Inserts every row of {@code pipe} into {@code staging} (a table of VARCHAR columns named as {@code columns}). */
    static Inserted insert(DuckDBConnection connection, String staging, List<String> columns, RowPipe pipe,
            LongConsumer progress) throws Exception {
        ArrowRowStream reader;
        try (BufferAllocator allocator = new RootAllocator()) {
            reader = new ArrowRowStream(allocator, columns, pipe, progress);
            try {
                reader.insertInto(connection, staging, staging + "_arrow");
            } catch (SQLException e) {
                if (reader.failure != null) {
                    throw reader.failure;
                }
                throw e;
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
}
