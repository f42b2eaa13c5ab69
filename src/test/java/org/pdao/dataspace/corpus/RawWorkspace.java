package org.pdao.dataspace.corpus;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.internal.query.QueryableWorkspace;

/**
 * The oracle: an unrestricted DuckDB connection on the very workspace file the governed executor queries
 * (opened from {@link org.pdao.dataspace.internal.query.WorkspaceGateway#openForQuery}), so that expected
 * answers are computed, never written down. Test code only.
 */
public final class RawWorkspace implements AutoCloseable {

    private final Connection connection;

    public RawWorkspace(QueryableWorkspace workspace) throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET force_mbedtls_unsafe = true");
            s.execute("ATTACH '" + workspace.databaseFile() + "' AS ws (ENCRYPTION_KEY '"
                    + HexFormat.of().formatHex(workspace.databaseKey()) + "', READ_ONLY)");
            s.execute("USE ws");
            // as the governed engine: DuckDB 1.5.0's row group pruner breaks ORDER BY … LIMIT on non-ASCII text
            s.execute("SET disabled_optimizers = 'row_group_pruner'");
        }
    }

    /** Every row of the query, each cell normalised by {@link #cell}. */
    public synchronized List<List<@Nullable String>> rows(String sql) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            List<List<@Nullable String>> out = new ArrayList<>();
            while (rs.next()) {
                List<@Nullable String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    Object value = rs.getObject(i);
                    row.add(cell(value));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("oracle query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The first cell of the first row (null when there is no row). */
    public @Nullable String single(String sql) {
        List<List<@Nullable String>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    List<String> column(String sql) {
        List<String> out = new ArrayList<>();
        for (List<@Nullable String> row : rows(sql)) {
            if (row.get(0) != null) {
                out.add(row.get(0));
            }
        }
        return out;
    }

    /** A value as comparable text: numbers without trailing zeros, everything else as its string. */
    static @Nullable String cell(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number(number.toString());
        }
        return value.toString();
    }

    static String number(String text) {
        try {
            BigDecimal d = new BigDecimal(text.trim());
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notNumeric) {
            return text;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
