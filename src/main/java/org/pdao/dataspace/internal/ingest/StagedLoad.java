package org.pdao.dataspace.internal.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.DatasetProfiled;

/**
 * Writes a row stream into a zone's raw store all or nothing. One DuckDB transaction creates a
 * staging table, inserts every row (as Arrow batches through the C data interface, {@link ArrowRowStream}, or where
 * Arrow is not usable through the appender; the reading thread counts duplicate rows
 * meanwhile, rows whose 64-bit hash over all values repeats, {@link RowHashes}: at 1e7 rows the chance that
 * two different rows collide is below 1e-5), and only then drops the
 * old table and renames the staging one in its place. Until the commit nothing is visible; a failure,
 * a refusal or a killed process leaves the store exactly as it was (DuckDB discards the uncommitted
 * transaction on rollback or when it next opens the file). The source is read and profiled (a
 * database's rows also digested) on its own thread while this one appends ({@link RowPipe}), so parsing
 * and appending use two cores; an uploaded file's SM3 is computed on a third ({@link FileDigest}). The
 * content digest is in hand before the decision to swap, so a caller can refuse (roll back) a load
 * whose content the dataset already holds.
 * Needs no Spring: the kill test runs it in a child JVM.
 */
public final class StagedLoad {

    /** What was staged: the row count, the duplicate rows, the column profile and the source's content digest. */
    public record Staged(long rows, long duplicateRows, List<DatasetProfiled.ColumnProfile> columns,
            @Nullable String contentDigest) {}

    /** Decides, once all rows are staged, whether to replace the dataset (false: roll back, nothing changes). */
    @FunctionalInterface
    public interface Decision {
        boolean replace(Staged staged);
    }

    private static final int PROGRESS_EVERY_ROWS = 8_192;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StagedLoad.class);

    private StagedLoad() {}

    /** Stages all rows of {@code source} and, if {@code decision} agrees, swaps them in as {@code dataset}. */
    public static Staged run(DuckDBConnection connection, String dataset, String staging, DatasetColumns columns,
            RowSource source, LongConsumer progress, Decision decision) throws Exception {
        long started = System.nanoTime();
        DatasetProfiler profiler = new DatasetProfiler(columns);
        int width = columns.columns().size();
        connection.setAutoCommit(false);
        try {
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE TABLE " + staging + " (" + columns.names().stream()
                        .map(c -> quote(c) + " VARCHAR").collect(Collectors.joining(", ")) + ")");
            }
            long[] rows = {0};
            long[] waited = {0};
            try (RowPipe pipe = RowPipe.start(source, profiler)) {
                if (ArrowInsert.available()) {
                    ArrowRowStream.Inserted inserted = ArrowRowStream.insert(connection, staging, columns.names(), pipe,
                            progress);
                    rows[0] = inserted.rows();
                    waited[0] = inserted.waitedNanos();
                } else {
                    append(connection, staging, width, pipe, progress, rows, waited);
                }
            }
            progress.accept(rows[0]);
            long appended = System.nanoTime();
            long counted = System.nanoTime();
            Staged staged = new Staged(rows[0], profiler.duplicateRows(), profiler.profile(), source.contentDigest());
            if (!decision.replace(staged)) {
                connection.rollback();
                return staged;
            }
            try (Statement swap = connection.createStatement()) {
                swap.execute("DROP TABLE IF EXISTS " + quote(dataset));
                swap.execute("ALTER TABLE " + staging + " RENAME TO " + quote(dataset));
            }
            connection.commit();
            long committed = System.nanoTime();
            connection.setAutoCommit(true);
            try (Statement checkpoint = connection.createStatement()) {
                checkpoint.execute("CHECKPOINT");
            }
            log.info("{}: {} rows appended in {} ms (of which {} ms waiting for the reader), digest awaited in {} ms, "
                    + "swapped in {} ms, checkpoint {} ms", dataset, rows[0], (appended - started) / 1_000_000,
                    waited[0] / 1_000_000, (counted - appended) / 1_000_000, (committed - counted) / 1_000_000,
                    (System.nanoTime() - committed) / 1_000_000);
            return staged;
        } catch (Exception e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the transaction is gone already
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Appends the pipe's rows one by one through DuckDB's appender (where Arrow is not usable). */
    private static void append(DuckDBConnection connection, String staging, int width, RowPipe pipe,
            LongConsumer progress, long[] rows, long[] waited) throws Exception {
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, staging)) {
            long w0 = System.nanoTime();
            for (byte[][][] batch = pipe.take(); batch != null; batch = pipe.take()) {
                waited[0] += System.nanoTime() - w0;
                for (byte[][] row : batch) {
                    if (row == null) {
                        break;
                    }
                    appender.beginRow();
                    for (int i = 0; i < width; i++) {
                        byte[] value = row[i];
                        if (value == null) {
                            appender.appendNull();
                        } else {
                            appender.append(value);
                        }
                    }
                    appender.endRow();
                    if (++rows[0] % PROGRESS_EVERY_ROWS == 0) {
                        progress.accept(rows[0]);
                    }
                }
                w0 = System.nanoTime();
            }
        }
    }

    /** Whether loads in this JVM hand rows to DuckDB as Arrow batches (else through the appender). */
    public static boolean throughArrow() {
        return ArrowInsert.available();
    }

    /** Row counts of {@code dataset}, or -1 when there is no such table. */
    public static long count(DuckDBConnection connection, String dataset) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = '"
                        + dataset.replace("'", "''") + "'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return -1;
            }
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM "
                + quote(dataset))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
