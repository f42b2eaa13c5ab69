package org.pdao.dataspace.internal.ingest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;

/**
 * A table or SELECT in a source unit's PostgreSQL database, read inside one READ ONLY, REPEATABLE
 * READ transaction (so the count for progress and the rows agree, and nothing can be written), as a
 * server-side cursor with a fetch size: rows stream, they are never all in memory. The content digest
 * is a {@link RowDigest} over the rows as text.
 */
public final class JdbcSource implements RowSource {

    public static final String URL_PREFIX = "jdbc:postgresql:";
    static final int FETCH_SIZE = 10_000;

    private final Connection connection;
    private final SourceRelation relation;
    private final List<String> columns;
    private final long total;
    private final RowDigest digest;
    private volatile long read;

    /** Opens the connection and reads the relation's columns (and, with {@code count}, its row count). */
    public JdbcSource(String url, String user, String password, SourceRelation relation, boolean count) {
        if (!url.startsWith(URL_PREFIX)) {
            throw ProblemException.badRequest("dataspace.source.url-invalid");
        }
        this.relation = relation;
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("readOnly", "true");
        properties.setProperty("ApplicationName", "pdao-ingestion");
        try {
            this.connection = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw ProblemException.badRequest("dataspace.source.unreachable");
        }
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            List<String> names = new ArrayList<>();
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM (" + relation.sql() + ") AS source LIMIT 0")) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    names.add(meta.getColumnLabel(i));
                }
            }
            this.columns = List.copyOf(names);
            if (count) {
                try (Statement s = connection.createStatement();
                        ResultSet rs = s.executeQuery("SELECT count(*) FROM (" + relation.sql() + ") AS source")) {
                    rs.next();
                    this.total = rs.getLong(1);
                }
            } else {
                this.total = -1;
            }
        } catch (SQLException e) {
            close();
            throw ProblemException.badRequest("dataspace.source.relation-unreadable");
        }
        this.digest = new RowDigest(columns);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void feed(RowSink sink) throws Exception {
        int width = columns.size();
        @Nullable String[] row = new String[width];
        try (Statement s = connection.createStatement()) {
            s.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = s.executeQuery(relation.sql())) {
                long n = 0;
                while (rs.next()) {
                    for (int i = 0; i < width; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    digest.accept(row);
                    sink.row(row);
                    if (++n % 4096 == 0) {
                        read = n;
                    }
                }
                read = n;
            }
        }
    }

    @Override
    public double fraction() {
        return total <= 0 ? (total == 0 ? 1 : 0) : Math.min(1, read / (double) total);
    }

    @Override
    public String rowDigest() {
        return digest.hex();
    }

    @Override
    public void close() {
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException ignored) {
            // nothing was written; the connection is gone
        }
    }
}
