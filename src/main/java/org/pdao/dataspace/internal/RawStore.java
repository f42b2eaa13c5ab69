package org.pdao.dataspace.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The raw store of one zone: an embedded DuckDB file encrypted at rest (AES-GCM, DuckDB's built-in
 * encryption) with the zone's own key, attached as {@code raw} to an in-memory connection that is then
 * locked down: no file system or network access, no extension install or autoload, and the
 * configuration locked so that none of that can be switched back. Order matters: the encrypted file
 * is attached first, then access is disabled, then the configuration is locked.
 */
final class RawStore implements AutoCloseable {

    static final String CATALOG = "raw";

    private final DuckDBConnection connection;

    private RawStore(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Opens (creating if absent) the store file with {@code key} and locks the connection down. */
    static RawStore open(Path file, byte[] key) throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        settings.setProperty("allow_community_extensions", "false");
        Connection plain = DriverManager.getConnection("jdbc:duckdb:", settings);
        try (Statement setup = plain.createStatement()) {
            // DuckDB 1.5 writes encrypted files through OpenSSL from the httpfs extension; offline and
            // with extension loading disabled, only its bundled mbedtls AES-GCM is available, which it
            // makes us acknowledge explicitly (see the report of the dataspace module).
            setup.execute("SET force_mbedtls_unsafe = true");
            setup.execute("ATTACH '" + file.toString().replace("'", "''") + "' AS " + CATALOG
                    + " (ENCRYPTION_KEY '" + HexFormat.of().formatHex(key) + "')");
            setup.execute("USE " + CATALOG);
            setup.execute("SET enable_external_access = false");
            setup.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            plain.close();
            throw e;
        }
        return new RawStore(plain.unwrap(DuckDBConnection.class));
    }

    DuckDBConnection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
