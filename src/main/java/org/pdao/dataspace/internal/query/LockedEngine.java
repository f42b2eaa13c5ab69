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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * threads and temp space are bounded and the configuration is locked. Statements are cancelled at the time limit
 * and rows are counted while read. DuckDB's own error texts (they can carry values) are logged at debug level
 * only and never returned: callers get one of the executor's codes.
 */
@Component
class LockedEngine {

    private static final Logger log = LoggerFactory.getLogger(LockedEngine.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A column of a result as DuckDB binds it. */
    record Column(String name, String type) {}

    /** Rows read from a statement, with its columns. */
    record Rows(List<Column> columns, List<List<Object>> rows) {}

    private final QuerySettings settings;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pdao-query-watchdog");
        t.setDaemon(true);
        return t;
    });

    LockedEngine(QuerySettings settings) {
        this.settings = settings;
    }

    @PreDestroy
    void stop() {
        watchdog.shutdownNow();
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

    /** A locked session on the workspace's database, attached read-only. */
    Session open(QueryableWorkspace workspace) {
        try {
            Files.createDirectories(settings.tempDir());
            Connection c = DriverManager.getConnection("jdbc:duckdb:", locked());
            try (Statement s = c.createStatement()) {
                s.execute("SET force_mbedtls_unsafe = true");
                s.execute("ATTACH '" + workspace.databaseFile().toString().replace("'", "''") + "' AS ws (ENCRYPTION_KEY '"
                        + HexFormat.of().formatHex(workspace.databaseKey()) + "', READ_ONLY)");
                s.execute("USE ws");
                s.execute("SET temp_directory = '" + settings.tempDir().toString().replace("'", "''") + "'");
                s.execute("SET max_temp_directory_size = '" + settings.maxTempSize().toMegabytes() + "MB'");
                s.execute("SET memory_limit = '" + settings.memoryLimit().toMegabytes() + "MB'");
                s.execute("SET threads = " + Math.max(1, settings.threads()));
                s.execute("SET enable_external_access = false");
                s.execute("SET lock_configuration = true");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return new Session(c);
        } catch (SQLException | IOException e) {
            log.warn("cannot open the workspace {} for a governed query: {}", workspace.workspaceId(),
                    e.getClass().getSimpleName());
            throw new QueryFailed("QUERY_ENGINE_UNAVAILABLE");
        }
    }

    private static Connection bare() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:", locked());
        try (Statement s = c.createStatement()) {
            s.execute("SET enable_external_access = false");
            s.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
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

        private Session(Connection connection) {
            this.connection = connection;
        }

        /** The columns {@code sql} would return, bound but not executed. */
        List<Column> describe(String sql) {
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                ResultSetMetaData meta = p.getMetaData();
                List<Column> out = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    out.add(new Column(meta.getColumnName(i), meta.getColumnTypeName(i)));
                }
                return out;
            } catch (SQLException e) {
                throw mapped(e, false);
            }
        }

        /** Runs {@code sql} with the time limit, reading at most {@code maxRows} rows (more: {@code QUERY_ROW_LIMIT}). */
        Rows query(String sql, int maxRows, List<String> params) {
            return query(sql, maxRows, params, Long.MAX_VALUE);
        }

        /** As {@link #query(String, int, List)}, stopping quietly after {@code stopAfter} rows (a LIMIT applied here). */
        Rows query(String sql, int maxRows, List<String> params, long stopAfter) {
            AtomicBoolean timedOut = new AtomicBoolean();
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    p.setString(i + 1, params.get(i));
                }
                ScheduledFuture<?> kill = watchdog.schedule(() -> {
                    timedOut.set(true);
                    try {
                        p.cancel();
                    } catch (SQLException | RuntimeException e) {
                        log.debug("cancel failed", e);
                    }
                }, settings.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
                try (ResultSet rs = p.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<Column> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(new Column(meta.getColumnName(i), meta.getColumnTypeName(i)));
                    }
                    List<List<Object>> rows = new ArrayList<>();
                    while (rows.size() < stopAfter && rs.next()) {
                        if (rows.size() >= maxRows) {
                            throw new QueryLimitExceeded("QUERY_ROW_LIMIT", maxRows);
                        }
                        if (timedOut.get()) {
                            throw new QueryLimitExceeded("QUERY_TIME_LIMIT", settings.timeLimit().toSeconds());
                        }
                        List<Object> row = new ArrayList<>(columns.size());
                        for (int i = 1; i <= columns.size(); i++) {
                            row.add(value(rs.getObject(i)));
                        }
                        rows.add(row);
                    }
                    return new Rows(columns, rows);
                } finally {
                    kill.cancel(false);
                }
            } catch (SQLException e) {
                throw mapped(e, timedOut.get());
            }
        }

        /** Runs a statement of the executor's own (temp tables of cells); not for developer text. */
        void execute(String sql) {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw mapped(e, false);
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

    /** A SQL string literal of a value (or NULL). */
    static String literal(@org.jspecify.annotations.Nullable String value) {
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
        if (m.contains("out of memory") || m.contains("memory limit")) {
            return new QueryLimitExceeded("QUERY_MEMORY_LIMIT", settings.memoryLimit().toMegabytes());
        }
        if (m.contains("binder error") || m.contains("catalog error") || m.contains("parser error")) {
            return new QueryFailed("QUERY_INVALID");
        }
        return new QueryFailed("QUERY_FAILED");
    }
}
