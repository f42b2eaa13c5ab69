package org.pdao.dataspace.internal.access;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.duckdb.DuckDBConnection;

/**
 * A workspace's own DuckDB file, encrypted at rest with the workspace's random key, opened for writing on a
 * connection of its own — never the zone's raw store connection, which is not attached here. As for the raw
 * stores, DuckDB 1.5 encrypts through its bundled mbedtls (see {@code RawStore}).
 */
final class WorkspaceDatabase {

    static final String CATALOG = "ws";

    private WorkspaceDatabase() {}

    /** A fresh file attached as {@code ws} with external access switched off once it is attached. */
    static DuckDBConnection create(Path file, byte[] key) throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        settings.setProperty("allow_community_extensions", "false");
        Connection plain = DriverManager.getConnection("jdbc:duckdb:", settings);
        try (Statement setup = plain.createStatement()) {
            setup.execute("SET force_mbedtls_unsafe = true");
            setup.execute("ATTACH '" + file.toString().replace("'", "''") + "' AS " + CATALOG + " (ENCRYPTION_KEY '"
                    + HexFormat.of().formatHex(key) + "')");
            setup.execute("USE " + CATALOG);
            setup.execute("SET enable_external_access = false");
            setup.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            plain.close();
            throw e;
        }
        return plain.unwrap(DuckDBConnection.class);
    }

    /** The SM3 digest of the file's bytes, hex. */
    static String sm3(Path file) throws IOException {
        SM3Digest digest = new SM3Digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
