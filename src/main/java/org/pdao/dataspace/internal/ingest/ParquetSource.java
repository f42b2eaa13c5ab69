package org.pdao.dataspace.internal.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;

/**
 * An uploaded Parquet file, read by a platform-internal in-memory DuckDB that is not the zone's store
 * and is never reachable by a user: before it reads anything it is confined to the upload directory
 * ({@code allowed_directories}, external access off, configuration locked), and the path it reads is
 * always one the platform chose inside that directory. Values are cast to text in DuckDB and streamed
 * row by row into the locked store's staging table.
 */
public final class ParquetSource implements RowSource {

    private final Connection reader;
    private final Path file;
    private final String path;
    private final List<String> columns;
    private final long total;
    private volatile long read;
    private @Nullable FileDigest digest;

    public ParquetSource(Path uploadDir, Path file) throws SQLException {
        Path dir = uploadDir.toAbsolutePath().normalize();
        Path normalized = file.toAbsolutePath().normalize();
        if (!normalized.startsWith(dir)) {
            throw new IllegalArgumentException("a Parquet source is read from the upload directory only");
        }
        Properties settings = new Properties();
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        this.reader = DriverManager.getConnection("jdbc:duckdb:", settings);
        this.file = normalized;
        this.path = literal(normalized.toString());
        try (Statement setup = reader.createStatement()) {
            setup.execute("SET allowed_directories = [" + literal(dir + "/") + "]");
            setup.execute("SET enable_external_access = false");
            setup.execute("SET lock_configuration = true");
            List<String> names = new ArrayList<>();
            try (ResultSet rs = setup.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + path + ")")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            try (ResultSet rs = setup.executeQuery("SELECT count(*) FROM read_parquet(" + path + ")")) {
                rs.next();
                this.total = rs.getLong(1);
            }
            this.columns = List.copyOf(names);
        } catch (SQLException e) {
            reader.close();
            throw ProblemException.badRequest("dataspace.dataset.header-invalid");
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public void feed(RowSink sink) throws Exception {
        digest = FileDigest.start(file);
        String select = columns.stream().map(c -> "CAST(" + StagedLoad.quote(c) + " AS VARCHAR)")
                .collect(Collectors.joining(", "));
        int width = columns.size();
        @Nullable String[] row = new String[width];
        try (Statement s = reader.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + select + " FROM read_parquet(" + path + ")")) {
            long n = 0;
            while (rs.next()) {
                for (int i = 0; i < width; i++) {
                    row[i] = rs.getString(i + 1);
                }
                sink.row(row);
                if (++n % 4096 == 0) {
                    read = n;
                }
            }
            read = n;
        }
    }

    @Override
    public double fraction() {
        return total == 0 ? 1 : Math.min(1, read / (double) total);
    }

    /** The SM3 of the Parquet file's bytes, computed while its rows were read. */
    @Override
    public @Nullable String contentDigest() throws IOException, InterruptedException {
        return digest == null ? null : digest.hex();
    }

    @Override
    public void close() throws SQLException {
        if (digest != null) {
            digest.close();
        }
        reader.close();
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
