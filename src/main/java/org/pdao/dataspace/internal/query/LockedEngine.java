package org.pdao.dataspace.internal.query;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.crypto.Sm3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The locked DuckDB engine of governed queries. Parsing runs on a throwaway in-memory connection with nothing
 * attached; execution on a fresh in-memory connection per query with only the workspace attached READ_ONLY with
 * its key, after which external access, extension loading and installing, community extensions are off, memory,
 * threads and temp space are bounded and the configuration is locked.
 *
 * <p>The time limit holds for a whole query, whatever DuckDB does. A session has two budgets: the time limit for the
 * query's own statements together ({@link Budget#QUERY}: binding, cells, sub-results, output; over it
 * {@code QUERY_TIME_LIMIT}) and half of it for the release ledger's comparisons ({@link Budget#LEDGER}: over it
 * {@link LedgerTimeUp}, and the executor holds the result for review). A watchdog cancels a statement when its budget runs out. The work of
 * one query runs on a worker thread ({@link #bounded}): when DuckDB does not stop (a statement that cannot be
 * interrupted, e.g. while a constant is folded), the caller gets {@code QUERY_TIME_LIMIT} at both budgets plus a short
 * grace all the same and the worker is left to finish on its own connection, which it closes.
 * Rows are counted while read, and no value or row larger than {@code pdao.query.max-result-size} is ever handed to
 * Java ({@code QUERY_SIZE_LIMIT}). DuckDB's own error texts (they can carry values) are logged at debug level only
 * and never returned: callers get one of the executor's codes.
 */
@Component
class LockedEngine {

    private static final Logger log = LoggerFactory.getLogger(LockedEngine.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A column of a result as DuckDB binds it. */
    record Column(String name, String type) {}

    /** Rows read from a statement, with its columns. */
    record Rows(List<Column> columns, List<List<Object>> rows) {}

    /** Marks the error a size guard raises inside DuckDB. */
    private static final String SIZE_MARK = "pdao-size-limit";

    /** How long a cancelled statement gets to stop before its worker is left behind. */
    private static final long GRACE_MILLIS = 2_000;

    /**
     * DuckDB 1.5.0's row group pruner makes ORDER BY … LIMIT (and top-N windows) on VARCHAR columns with non-ASCII
     * values fail ("Invalid unicode … in value construction", duckdb/duckdb#21160); it is switched off before the
     * configuration is locked.
     */
    static final String DISABLED_OPTIMIZERS = "row_group_pruner";

    private final QuerySettings settings;
    private final AtomicInteger workerNumber = new AtomicInteger();
    private final AtomicInteger runaway = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pdao-query-" + workerNumber.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pdao-query-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Which time budget of a session a statement spends. */
    enum Budget { QUERY, LEDGER }

    /** The release ledger's time budget ran out: the comparisons stop and the result goes to review. */
    static final class LedgerTimeUp extends RuntimeException {
        LedgerTimeUp() {
            super("release ledger time budget", null, false, false);
        }
    }

    private final Object parserLock = new Object();
    private final Map<String, LockedDatabase> databases = new HashMap<>();
    private @Nullable DuckDBConnection parser;

    LockedEngine(QuerySettings settings) {
        this.settings = settings;
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
        watchdog.shutdownNow();
        synchronized (databases) {
            for (String id : new ArrayList<>(databases.keySet())) {
                drop(id);
            }
        }
        synchronized (parserLock) {
            if (parser != null) {
                try {
                    parser.close();
                } catch (SQLException e) {
                    log.debug("close failed", e);
                }
                parser = null;
            }
        }
    }

    /** A budget in nanoseconds: the time limit for the query's statements, half of it for the ledger's comparisons. */
    private long budget(Budget budget) {
        long limit = settings.timeLimit().toNanos();
        return budget == Budget.QUERY ? limit : limit / 2;
    }

    /** Statements left running after their query ended at the time limit (they stop on their own). */
    int runaway() {
        return runaway.get();
    }

    /**
     * Runs {@code work} on a locked session of the workspace within its time budgets: the whole of it (opening,
     * binding, executing, reading, the ledger's comparisons) ends by both budgets plus a short grace with the work's
     * result or exception, or with {@code QUERY_TIME_LIMIT}. The session is closed when the work ends (a runaway statement's worker closes it
     * when DuckDB returns).
     */
    <T> T bounded(QueryableWorkspace workspace, Function<Session, T> work) {
        long deadline = System.nanoTime() + budget(Budget.QUERY) + budget(Budget.LEDGER);
        AtomicBoolean stopped = new AtomicBoolean();
        Session[] opened = new Session[1];
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
            Session session = open(workspace);
            synchronized (opened) {
                opened[0] = session;
                if (stopped.get()) {
                    session.timedOut.set(true);
                }
            }
            try (session) {
                return work.apply(session);
            }
        }, workers);
        try {
            try {
                return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException limit) {
                synchronized (opened) {
                    stopped.set(true);
                    if (opened[0] != null) {
                        opened[0].interrupt();
                    }
                }
                try {
                    return future.get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    synchronized (opened) {
                        if (opened[0] != null) {
                            // new queries get a database of their own; the runaway's connection keeps this one alive
                            drop(opened[0].database);
                        }
                    }
                    int n = runaway.incrementAndGet();
                    future.whenComplete((result, failure) -> runaway.decrementAndGet());
                    log.warn("a governed statement did not stop at the time limit; its worker is left to finish "
                            + "({} such now)", n);
                    throw new QueryLimitExceeded("QUERY_TIME_LIMIT", settings.timeLimit().toSeconds());
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new QueryFailed("QUERY_FAILED");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (opened) {
                stopped.set(true);
                if (opened[0] != null) {
                    opened[0].interrupt();
                }
            }
            throw new QueryLimitExceeded("QUERY_TIME_LIMIT", settings.timeLimit().toSeconds());
        }
    }

    /** The parser's syntax tree of {@code sql}, or a refusal (syntax error, or not a query). */
    JsonNode parse(String sql) {
        try (Connection c = bare(); PreparedStatement p = c.prepareStatement("select json_serialize_sql(?::varchar)")) {
            p.setString(1, sql);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                JsonNode root = JSON.readTree(rs.getString(1));
                if (root.path("error").asBoolean()) {
                    String type = root.path("error_type").asString("");
                    if (type.equals("not implemented")) {
                        throw new QueryRefused(List.of(LexicalCheck.statementRefusal(LexicalCheck.firstKeyword(sql))));
                    }
                    Integer position = root.path("position").isMissingNode() ? null
                            : safeInt(root.path("position").asString(""));
                    throw new QueryRefused(List.of(Refusal.of(null, QueryRules.TZ_12, position, "query.refusal.syntax")));
                }
                return root;
            }
        } catch (SQLException e) {
            log.debug("parser failed", e);
            throw new QueryRefused(List.of(Refusal.of(null, QueryRules.TZ_12, null, "query.refusal.syntax")));
        }
    }

    /** SQL text of a (rewritten) syntax tree. */
    String sql(JsonNode statement) {
        try (Connection c = bare(); PreparedStatement p = c.prepareStatement("select json_deserialize_sql(?::json)")) {
            p.setString(1, JSON.writeValueAsString(statement));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            log.debug("deserialise failed", e);
            throw new QueryFailed("QUERY_INVALID");
        }
    }

    /**
     * A locked session on the workspace's database, attached read-only: a connection of its own (its own temp tables)
     * on the workspace's locked in-memory DuckDB, which is created on first use and kept while used (creating a
     * database costs far more than a query's statements). The database is keyed by the workspace's file, its size and
     * time and its key, so a re-prepared workspace gets a new one; one that held a statement left running at the time
     * limit is dropped.
     */
    Session open(QueryableWorkspace workspace) {
        try {
            Files.createDirectories(settings.tempDir());
            String id = workspace.workspaceId() + "|" + workspace.databaseFile() + "|"
                    + Files.getLastModifiedTime(workspace.databaseFile()).toMillis() + "|"
                    + Files.size(workspace.databaseFile()) + "|" + Sm3.hex(workspace.databaseKey());
            Connection c;
            synchronized (databases) {
                evictIdle();
                LockedDatabase db = databases.get(id);
                if (db == null) {
                    db = new LockedDatabase(id, lockedDatabase(workspace));
                    databases.put(id, db);
                }
                db.lastUsed = System.nanoTime();
                c = db.root.duplicate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("USE ws");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new Session(c, id);
        } catch (SQLException | IOException e) {
            log.warn("cannot open the workspace {} for a governed query: {}", workspace.workspaceId(),
                    e.getClass().getSimpleName());
            throw new QueryFailed("QUERY_ENGINE_UNAVAILABLE");
        }
    }

    /** One workspace's locked in-memory database (the root connection; sessions duplicate it). */
    private static final class LockedDatabase {
        final String id;
        final DuckDBConnection root;
        long lastUsed;

        LockedDatabase(String id, DuckDBConnection root) {
            this.id = id;
            this.root = root;
        }
    }

    /** Databases idle for a minute, and the oldest beyond sixteen, are closed (sessions on them keep them alive). */
    private void evictIdle() {
        long now = System.nanoTime();
        List<LockedDatabase> all = new ArrayList<>(databases.values());
        all.sort(Comparator.comparingLong((LockedDatabase d) -> d.lastUsed).reversed());
        for (int i = 0; i < all.size(); i++) {
            LockedDatabase d = all.get(i);
            if (i >= 16 || now - d.lastUsed > TimeUnit.MINUTES.toNanos(1)) {
                drop(d.id);
            }
        }
    }

    private void drop(String id) {
        synchronized (databases) {
            LockedDatabase d = databases.remove(id);
            if (d != null) {
                try {
                    d.root.close();
                } catch (SQLException e) {
                    log.debug("close failed", e);
                }
            }
        }
    }

    private DuckDBConnection lockedDatabase(QueryableWorkspace workspace) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:", locked());
        try (Statement s = c.createStatement()) {
            s.execute("SET force_mbedtls_unsafe = true");
            s.execute("ATTACH '" + workspace.databaseFile().toString().replace("'", "''") + "' AS ws (ENCRYPTION_KEY '"
                    + HexFormat.of().formatHex(workspace.databaseKey()) + "', READ_ONLY)");
            s.execute("SET temp_directory = '" + settings.tempDir().toString().replace("'", "''") + "'");
            s.execute("SET max_temp_directory_size = '" + settings.maxTempSize().toMegabytes() + "MB'");
            s.execute("SET memory_limit = '" + settings.memoryLimit().toMegabytes() + "MB'");
            s.execute("SET threads = " + Math.max(1, settings.threads()));
            s.execute("SET disabled_optimizers = '" + DISABLED_OPTIMIZERS + "'");
            s.execute("SET enable_external_access = false");
            s.execute("SET lock_configuration = true");
            return c.unwrap(DuckDBConnection.class);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /**
     * A connection to the parser's database: one in-memory DuckDB with nothing attached, external access off and its
     * configuration locked, shared by every parse (a new database per call costs more than the parse); each call gets
     * a connection of its own on it.
     */
    private Connection bare() throws SQLException {
        synchronized (parserLock) {
            if (parser == null) {
                Connection c = DriverManager.getConnection("jdbc:duckdb:", locked());
                try (Statement s = c.createStatement()) {
                    s.execute("SET enable_external_access = false");
                    s.execute("SET lock_configuration = true");
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
                parser = c.unwrap(DuckDBConnection.class);
            }
            return parser.duplicate();
        }
    }

    private static Properties locked() {
        Properties p = new Properties();
        p.setProperty("autoinstall_known_extensions", "false");
        p.setProperty("autoload_known_extensions", "false");
        p.setProperty("allow_community_extensions", "false");
        return p;
    }

    private static Integer safeInt(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One query's locked connection. */
    final class Session implements AutoCloseable {

        private final Connection connection;
        private final AtomicBoolean timedOut = new AtomicBoolean();
        private final long[] spent = new long[Budget.values().length];
        private volatile @Nullable Statement running;
        private final String database;

        private Session(Connection connection, String database) {
            this.connection = connection;
            this.database = database;
        }

        /** Cancels the running statement (the time limit); every later statement of the session fails at once. */
        void interrupt() {
            timedOut.set(true);
            cancel(running);
        }

        private void cancel(@Nullable Statement s) {
            if (s != null) {
                try {
                    s.cancel();
                } catch (SQLException | RuntimeException e) {
                    log.debug("cancel failed", e);
                }
            }
        }

        private RuntimeException timeUp(Budget budget) {
            return budget == Budget.LEDGER && !timedOut.get() ? new LedgerTimeUp()
                    : new QueryLimitExceeded("QUERY_TIME_LIMIT", settings.timeLimit().toSeconds());
        }

        private long remaining(Budget budget) {
            if (timedOut.get()) {
                throw timeUp(Budget.QUERY);
            }
            long left = budget(budget) - spent[budget.ordinal()];
            if (left <= 0) {
                throw timeUp(budget);
            }
            return left;
        }

        /** Runs {@code body} on statement {@code s} within what is left of {@code budget}, cancelling it at the end. */
        private <T> T timed(Budget budget, Statement s, SqlBody<T> body) throws SQLException {
            long left = remaining(budget);
            long start = System.nanoTime();
            AtomicBoolean fired = new AtomicBoolean();
            running = s;
            ScheduledFuture<?> kill = watchdog.schedule(() -> {
                fired.set(true);
                cancel(s);
            }, left, TimeUnit.NANOSECONDS);
            try {
                return body.run(fired);
            } catch (SQLException e) {
                if (fired.get() || timedOut.get()) {
                    throw timeUp(budget);
                }
                throw e;
            } finally {
                kill.cancel(false);
                running = null;
                spent[budget.ordinal()] += System.nanoTime() - start;
            }
        }

        /** The columns {@code sql} would return, bound but not executed. */
        List<Column> describe(String sql) {
            remaining(Budget.QUERY);
            long start = System.nanoTime();
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                ResultSetMetaData meta = p.getMetaData();
                List<Column> out = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    out.add(new Column(meta.getColumnName(i), meta.getColumnTypeName(i)));
                }
                return out;
            } catch (SQLException e) {
                throw mapped(e, timedOut.get());
            } finally {
                spent[Budget.QUERY.ordinal()] += System.nanoTime() - start;
            }
        }

        /** Runs {@code sql} on the query's budget, reading at most {@code maxRows} rows (more: {@code QUERY_ROW_LIMIT}). */
        Rows query(String sql, int maxRows, List<String> params) {
            return query(sql, maxRows, params, Budget.QUERY);
        }

        /**
         * As {@link #query(String, int, List)} on the given budget. Every row passes a size guard inside DuckDB before
         * it is read: a row whose text is longer than the result size limit ends the query with
         * {@code QUERY_SIZE_LIMIT}, and so do more characters in all than that limit.
         */
        Rows query(String sql, int maxRows, List<String> params, Budget budget) {
            long cap = settings.maxResultSize().toBytes();
            String guarded = "select * from (" + stripSemicolon(sql) + ") __pdao_q where case when strlen(cast(__pdao_q "
                    + "as varchar)) > " + cap + " then error('" + SIZE_MARK + "') else true end";
            try (PreparedStatement p = connection.prepareStatement(guarded)) {
                for (int i = 0; i < params.size(); i++) {
                    p.setString(i + 1, params.get(i));
                }
                return timed(budget, p, fired -> {
                    try (ResultSet rs = p.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        List<Column> columns = new ArrayList<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            columns.add(new Column(meta.getColumnName(i), meta.getColumnTypeName(i)));
                        }
                        List<List<Object>> rows = new ArrayList<>();
                        long size = 0;
                        while (rs.next()) {
                            if (rows.size() >= maxRows) {
                                throw new QueryLimitExceeded("QUERY_ROW_LIMIT", maxRows);
                            }
                            if (fired.get() || timedOut.get()) {
                                throw timeUp(budget);
                            }
                            List<Object> row = new ArrayList<>(columns.size());
                            for (int i = 1; i <= columns.size(); i++) {
                                Object v = value(rs.getObject(i));
                                size += v instanceof String text ? text.length() : 8;
                                row.add(v);
                            }
                            if (size > cap) {
                                throw new QueryLimitExceeded("QUERY_SIZE_LIMIT", settings.maxResultSize().toMegabytes());
                            }
                            rows.add(row);
                        }
                        return new Rows(columns, rows);
                    }
                });
            } catch (SQLException e) {
                throw mapped(e, timedOut.get());
            }
        }

        /** Runs a statement of the executor's own (temp tables of cells); not for developer text. */
        void execute(String sql) {
            try (Statement s = connection.createStatement()) {
                timed(Budget.QUERY, s, fired -> s.execute(sql));
            } catch (SQLException e) {
                throw mapped(e, timedOut.get());
            }
        }

        /**
         * Inserts rows as text literals into an executor-owned temp table (DuckDB casts them to the column types).
         * Literals, not bound parameters: DuckDB 1.5's JDBC driver corrupts bound non-ASCII strings.
         */
        void insert(String table, int columns, List<List<String>> rows) {
            for (int from = 0; from < rows.size(); from += 500) {
                StringBuilder sql = new StringBuilder("insert into ").append(table).append(" values ");
                List<List<String>> chunk = rows.subList(from, Math.min(rows.size(), from + 500));
                for (int r = 0; r < chunk.size(); r++) {
                    sql.append(r == 0 ? "(" : ", (");
                    for (int i = 0; i < columns; i++) {
                        sql.append(i == 0 ? "" : ", ").append(literal(chunk.get(r).get(i)));
                    }
                    sql.append(')');
                }
                execute(sql.toString());
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("close failed", e);
            }
        }
    }

    /** A JDBC body that sees whether the watchdog fired. */
    @FunctionalInterface
    private interface SqlBody<T> {
        T run(AtomicBoolean fired) throws SQLException;
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    /** A SQL string literal of a value (or NULL). */
    static String literal(@Nullable String value) {
        return value == null ? "NULL" : "'" + value.replace("\u0000", "").replace("'", "''") + "'";
    }

    private static Object value(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return v.toString();
    }

    private RuntimeException mapped(SQLException e, boolean timedOut) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        log.debug("governed statement failed", e);
        if (timedOut || m.contains("interrupt")) {
            return new QueryLimitExceeded("QUERY_TIME_LIMIT", settings.timeLimit().toSeconds());
        }
        if (m.contains(SIZE_MARK)) {
            return new QueryLimitExceeded("QUERY_SIZE_LIMIT", settings.maxResultSize().toMegabytes());
        }
        if (m.contains("out of memory") || m.contains("memory limit") || m.contains("allocate")
                || m.contains("temp_directory")) {
            return new QueryLimitExceeded("QUERY_MEMORY_LIMIT", settings.memoryLimit().toMegabytes());
        }
        if (m.contains("binder error") || m.contains("catalog error") || m.contains("parser error")) {
            return new QueryFailed("QUERY_INVALID");
        }
        return new QueryFailed("QUERY_FAILED");
    }
}
