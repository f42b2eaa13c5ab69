package org.pdao.dataspace.internal.access;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.internal.ingest.ArrowInsert;

/**
 * Writes the treated rows of one workspace table to DuckDB in Arrow record batches ({@link ArrowInsert}, the route
 * ingestion takes): rows are collected 32,768 at a time and each batch is inserted with one
 * {@code INSERT … SELECT} through the Arrow C data interface, instead of the appender's JNI call per long value
 * (pseudonyms are 64 characters). Columns are VARCHAR, DOUBLE or DATE, as the column plans say; a value arrives as
 * the treatments give it ({@link String}, {@link Double}, {@link LocalDate} or null).
 */
final class ArrowTableWriter implements AutoCloseable {

    static final int BATCH_ROWS = 32_768;

    private final DuckDBConnection connection;
    private final String table;
    private final List<String> types;
    private final Schema schema;
    private final BufferAllocator allocator = new RootAllocator();
    private final List<@Nullable Object[]> rows = new ArrayList<>(BATCH_ROWS);
    private int batches;

    ArrowTableWriter(DuckDBConnection connection, String quotedTable, List<String> sqlTypes) {
        this.connection = connection;
        this.table = quotedTable;
        this.types = List.copyOf(sqlTypes);
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            fields.add(Field.nullable("c" + i, arrowType(types.get(i))));
        }
        this.schema = new Schema(fields);
    }

    /** Adds one row (its values in column order); writes a batch once enough are collected. */
    void add(@Nullable Object[] row) throws SQLException {
        rows.add(row);
        if (rows.size() == BATCH_ROWS) {
            flush();
        }
    }

    /** Writes the collected rows. */
    void flush() throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        new OneBatch(allocator, schema).insertInto(connection, table, "__pdao_rows_" + batches++);
        rows.clear();
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            allocator.close();
        }
    }

    private static ArrowType arrowType(String sqlType) {
        return switch (sqlType) {
            case "DOUBLE" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case "DATE" -> new ArrowType.Date(DateUnit.DAY);
            default -> new ArrowType.Utf8();
        };
    }

    /** The collected rows as one record batch. */
    private final class OneBatch extends ArrowInsert {

        private boolean given;

        OneBatch(BufferAllocator allocator, Schema schema) {
            super(allocator, schema);
        }

        @Override
        public boolean loadNextBatch() throws java.io.IOException {
            if (given) {
                return false;
            }
            given = true;
            VectorSchemaRoot root = getVectorSchemaRoot();
            int n = rows.size();
            for (int c = 0; c < types.size(); c++) {
                FieldVector vector = root.getVector(c);
                vector.setInitialCapacity(n);
                vector.allocateNew();
                for (int r = 0; r < n; r++) {
                    Object value = rows.get(r)[c];
                    if (value == null) {
                        vector.setNull(r);
                    } else if (vector instanceof Float8Vector doubles) {
                        doubles.setSafe(r, value instanceof Number number ? number.doubleValue()
                                : Double.parseDouble(value.toString()));
                    } else if (vector instanceof DateDayVector days) {
                        days.setSafe(r, (int) (value instanceof LocalDate date ? date
                                : LocalDate.parse(value.toString())).toEpochDay());
                    } else {
                        byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
                        ((VarCharVector) vector).setSafe(r, text, 0, text.length);
                    }
                }
                vector.setValueCount(n);
            }
            root.setRowCount(n);
            return true;
        }
    }
}
