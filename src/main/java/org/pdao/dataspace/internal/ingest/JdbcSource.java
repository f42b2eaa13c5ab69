package org.pdao.dataspace.internal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * A table or SELECT in a source unit's PostgreSQL database, read inside one READ ONLY, REPEATABLE
 * READ transaction (nothing can be written; progress is against the planner's estimate of the rows), streamed
 * out with COPY TO STDOUT: rows stream, they are never all in memory (a server-side cursor with a fetch
 * size was measured at half the rate, see docs/benchmarks.md). The content digest is a
 * {@link RowDigest} over the rows as text.
 */
public final class JdbcSource implements RowSource {

    public static final String URL_PREFIX = "jdbc:postgresql:";

    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

    private final Connection connection;
    private final SourceRelation relation;
    private final List<String> columns;
    private final long total;
    private final RowDigest digest;
    private volatile long read;
    private volatile boolean finished;

    /** Opens the connection and reads the relation's columns (and, with {@code count}, its estimated row count). */
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
            this.total = count ? estimatedRows(connection, relation) : -1;
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
        feedUtf8(RowSource.asText(sink));
    }

    /**
     * Streams the rows with {@code COPY (…) TO STDOUT} in CSV form inside the read-only transaction
     * (COPY TO only reads): PostgreSQL's fastest way out, in the connection's UTF-8, parsed from its bytes by
     * the same CSV reader as uploads ({@link CsvBytes}). An unquoted empty field is NULL, a quoted one the empty
     * string, exactly as COPY writes them.
     */
    @Override
    public void feedUtf8(Utf8Sink sink) throws Exception {
        int width = columns.size();
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + relation.sql() + ") TO STDOUT WITH (FORMAT csv)");
        try (InputStream in = new CopyOutStream(copy)) {
            CsvBytes rows = new CsvBytes(in, StandardCharsets.UTF_8);
            long n = 0;
            for (byte[][] row = rows.next(); row != null; row = rows.next()) {
                if (row.length != width) {
                    throw ProblemException.badRequest("dataspace.load.column-count");
                }
                sink.row(row);
                if (++n % 4096 == 0) {
                    read = n;
                }
            }
            read = n;
            finished = true;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** The bytes of a COPY OUT, as a stream. */
    private static final class CopyOutStream extends InputStream {

        private final CopyOut copy;
        private byte @Nullable [] chunk = new byte[0];
        private int position;

        CopyOutStream(CopyOut copy) {
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (chunk != null && position == chunk.length) {
                try {
                    chunk = copy.readFromCopy();
                } catch (SQLException e) {
                    throw new IOException("COPY from the source failed", e);
                }
                position = 0;
            }
            if (chunk == null) {
                return -1;
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }
    }

    /**
     * The planner's estimate of the relation's rows ({@code EXPLAIN}), for progress: counting them exactly would read the
     * whole relation once more before the load (about 7 % of a 10-million-row load). -1 when there is none.
     */
    private static long estimatedRows(Connection connection, SourceRelation relation) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) SELECT * FROM (" + relation.sql() + ") AS source")) {
            rs.next();
            Matcher rows = PLAN_ROWS.matcher(rs.getString(1));
            return rows.find() ? Long.parseLong(rows.group(1)) : -1;
        }
    }

    /** How much of the relation has been read: by the estimate, below 1 until the last row is in. */
    @Override
    public double fraction() {
        if (finished) {
            return 1;
        }
        return total <= 0 ? 0 : Math.min(0.99, read / (double) total);
    }

    /** The row digest, fed by the reading thread with every row's UTF-8 encoding. */
    @Override
    public RowDigest rowsToDigest() {
        return digest;
    }

    @Override
    public String contentDigest() {
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
