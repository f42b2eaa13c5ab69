package org.pdao.dataspace.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The raw store of one zone: an embedded DuckDB file encrypted at rest (AES-GCM, DuckDB's built-in
 * encryption) with the zone's own key, attached as {@code raw} to an in-memory connection that is then
 * locked down: no file system or network access, no extension install or autoload, and the
 * configuration locked so that none of that can be switched back. Order matters: the encrypted file
 * is attached first, then access is disabled, then the configuration is locked.
 *
 * <p>One file is open at most once per JVM: DuckDB instances in one process do not lock a file against
 * each other, so two of them on the same file would each cache and write it on their own. {@link #open}
 * hands out the instance already open for the file (with a reference count) and {@link #close} closes it
 * when its last user does. Callers synchronize on the returned store.
 */
final class RawStore implements AutoCloseable {

    static final String CATALOG = "raw";

    private static final Map<Path, RawStore> OPEN = new HashMap<>();

    private final Path file;
    private final DuckDBConnection connection;
    private int users = 1;

    private RawStore(Path file, DuckDBConnection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (creating if absent) the store file with {@code key} and locks the connection down, or
     * returns the store already open for that file in this JVM.
     */
    static RawStore open(Path file, byte[] key) throws SQLException {
        Path normalized = file.toAbsolutePath().normalize();
        synchronized (OPEN) {
            RawStore shared = OPEN.get(normalized);
            if (shared != null) {
                shared.users++;
                return shared;
            }
            RawStore opened = new RawStore(normalized, connect(normalized, key));
            OPEN.put(normalized, opened);
            return opened;
        }
    }

    private static DuckDBConnection connect(Path file, byte[] key) throws SQLException {
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
        return plain.unwrap(DuckDBConnection.class);
    }

    DuckDBConnection connection() {
        return connection;
    }

    /** Gives this user's hold on the store back; the last one closes the connection. */
    @Override
    public void close() throws SQLException {
        synchronized (OPEN) {
            if (users == 0) {
                return;
            }
            users--;
            if (users > 0) {
                return;
            }
            OPEN.remove(file);
        }
        connection.close();
    }
}
