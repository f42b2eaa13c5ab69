package org.pdao.dataspace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawStoreTest {

    private static final String SECRET = "PLAINTEXT-MARKER-320102199001011234";
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    @TempDir
    Path dir;

    @Test
    void theFileDoesNotHoldPlaintextAndNeedsTheKey() throws Exception {
        Path file = dir.resolve("zone.duckdb");
        try (RawStore store = RawStore.open(file, KEY); Statement s = store.connection().createStatement()) {
            s.execute("CREATE TABLE people (id VARCHAR)");
            s.execute("INSERT INTO people SELECT '" + SECRET + "-' || i FROM range(2000) t(i)");
            s.execute("CHECKPOINT");
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).isGreaterThan(0);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("PLAINTEXT-MARKER");

        try (Connection plain = DriverManager.getConnection("jdbc:duckdb:"); Statement s = plain.createStatement()) {
            assertThatThrownBy(() -> s.execute("ATTACH '" + file + "' AS stolen")).isInstanceOf(SQLException.class);
        }
        byte[] wrong = KEY.clone();
        wrong[0] = 8;
        assertThatThrownBy(() -> RawStore.open(file, wrong).close()).isInstanceOf(SQLException.class);

        try (RawStore store = RawStore.open(file, KEY); Statement s = store.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM people")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(2000);
        }
    }

    @Test
    void theLockedConnectionRefusesConfigurationFilesAndExport() throws Exception {
        Path file = dir.resolve("zone.duckdb");
        Files.writeString(dir.resolve("outside.csv"), "a,b\n1,2\n");
        try (RawStore store = RawStore.open(file, KEY)) {
            try (Statement s = store.connection().createStatement()) {
                s.execute("CREATE TABLE t AS SELECT 1 AS x");
            }
            for (String sql : new String[] {
                "SET enable_external_access = true",
                "SET lock_configuration = false",
                "SET memory_limit = '1GB'",
                "ATTACH '" + dir.resolve("other.duckdb") + "' AS other",
                "SELECT * FROM read_csv('/etc/passwd')",
                "SELECT * FROM read_csv('" + dir.resolve("outside.csv") + "')",
                "COPY t TO '" + dir.resolve("out.csv") + "'",
                "INSTALL httpfs",
                "LOAD httpfs"}) {
                assertThatThrownBy(() -> {
                    try (Statement s = store.connection().createStatement()) {
                        s.execute(sql);
                    }
                }).as(sql).isInstanceOf(SQLException.class);
            }
            assertThat(dir.resolve("out.csv")).doesNotExist();
            assertThat(dir.resolve("other.duckdb")).doesNotExist();
            try (Statement s = store.connection().createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
    }
}
