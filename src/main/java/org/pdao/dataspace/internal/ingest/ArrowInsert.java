package org.pdao.dataspace.internal.ingest;

import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;

/**
 * Record batches that DuckDB inserts into a table through the Arrow C data interface: the reader is exported as a
 * stream, registered as a temporary view, read by one {@code INSERT … SELECT} on DuckDB's own threads, and the view
 * dropped. Subclasses fill each batch in {@link #loadNextBatch} with fresh buffers (DuckDB may still read the previous
 * one). Used by ingestion ({@link ArrowRowStream}) and workspace preparation. Arrow needs
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (set in the jar's manifest and the build); without it
 * {@link #available()} is false and callers use DuckDB's appender.
 */
public abstract class ArrowInsert extends ArrowReader {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ArrowInsert.class);
    private static volatile @Nullable Boolean available;

    private final Schema schema;

    protected ArrowInsert(BufferAllocator allocator, Schema schema) {
        super(allocator);
        this.schema = schema;
    }

    /** True when Arrow's memory can be used in this JVM (checked once). */
    public static boolean available() {
        Boolean known = available;
        if (known == null) {
            try (BufferAllocator probe = new RootAllocator()) {
                probe.buffer(8).close();
                known = Boolean.TRUE;
            } catch (Throwable e) {
                log.warn("Arrow memory is not usable in this JVM ({}); rows go to DuckDB through its appender. Start the "
                        + "JVM with --add-opens=java.base/java.nio=ALL-UNNAMED to use it.", e.toString());
                known = Boolean.FALSE;
            }
            available = known;
        }
        return known;
    }

    /** Inserts every batch of this reader into {@code table}, through a temporary view named {@code view}. */
    public final void insertInto(DuckDBConnection connection, String table, String view) throws SQLException {
        try (ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            Data.exportArrayStream(allocator, this, stream);
            connection.registerArrowStream(view, stream);
            try (Statement insert = connection.createStatement()) {
                insert.execute("INSERT INTO " + table + " SELECT * FROM " + view);
            } finally {
                try (Statement drop = connection.createStatement()) {
                    drop.execute("DROP VIEW IF EXISTS " + view);
                }
            }
        }
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        // the rows belong to the caller
    }

    @Override
    protected Schema readSchema() {
        return schema;
    }
}
