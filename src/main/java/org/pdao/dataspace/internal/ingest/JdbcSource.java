package org.pdao.dataspace.internal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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

    private static final byte[] BINARY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

    private final Connection connection;
    private final SourceRelation relation;
    private final List<String> columns;
    private final long total;
    private final RowDigest digest;
    private volatile long read;
    private volatile boolean finished;
    /** A UTF-8 server's values are read from binary COPY (no text conversion is needed on the way). */
    private final boolean utf8Server;

    /** Opens the connection and reads the relation's columns (and, with {@code count}, its estimated row count). */
    public JdbcSource(String url, String user, String password, SourceRelation relation, boolean count) {
        this(url, user, password, relation, count, true);
    }

    /** As the public constructor; {@code binary} false reads the CSV form even from a UTF-8 server (tests compare). */
    JdbcSource(String url, String user, String password, SourceRelation relation, boolean count, boolean binary) {
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
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW server_encoding")) {
                rs.next();
                // columns are named in the binary form's SELECT: only where their names are unique
                this.utf8Server = binary && "UTF8".equalsIgnoreCase(rs.getString(1))
                        && new HashSet<>(columns).size() == columns.size();
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
        if (utf8Server) {
            feedBinary(sink);
            return;
        }
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

    /**
     * Streams the rows with {@code COPY (SELECT c::text, …) TO STDOUT (FORMAT binary)} when the server's encoding is
     * UTF-8: every value is the text the CSV form would give (the type's output function), length-prefixed, so there
     * is no quoting for the server to write nor for us to scan; one COPY message is one row. The content digest is the
     * same as through CSV.
     */
    private void feedBinary(Utf8Sink sink) throws Exception {
        int width = columns.size();
        StringBuilder texts = new StringBuilder();
        for (int i = 0; i < width; i++) {
            texts.append(i == 0 ? "" : ", ").append(StagedLoad.quote(columns.get(i))).append("::text");
        }
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + texts + " FROM ("
                + relation.sql() + ") AS source) TO STDOUT WITH (FORMAT binary)");
        try {
            boolean header = true;
            long n = 0;
            for (byte[] message = copy.readFromCopy(); message != null; message = copy.readFromCopy()) {
                ByteBuffer in = ByteBuffer.wrap(message);
                if (header) {
                    byte[] signature = new byte[BINARY_SIGNATURE.length];
                    in.get(signature);
                    if (!Arrays.equals(signature, BINARY_SIGNATURE)) {
                        throw new IOException("not a binary COPY stream");
                    }
                    in.getInt(); // flags
                    int extension = in.getInt();
                    in.position(in.position() + extension);
                    header = false;
                    if (!in.hasRemaining()) {
                        continue;
                    }
                }
                short fields = in.getShort();
                if (fields == -1) {
                    break;
                }
                if (fields != width) {
                    throw ProblemException.badRequest("dataspace.load.column-count");
                }
                byte[][] row = new byte[width][];
                for (int i = 0; i < width; i++) {
                    int length = in.getInt();
                    if (length >= 0) {
                        row[i] = new byte[length];
                        in.get(row[i]);
                    }
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
