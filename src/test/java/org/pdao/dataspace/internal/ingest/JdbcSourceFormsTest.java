package org.pdao.dataspace.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A UTF-8 source database is read in COPY's binary form, other servers in its CSV form: both must give the same
 * values (NULL apart from the empty string, texts with commas, quotes and line breaks, Chinese, numbers and dates as
 * their text) and so the same content digest.
 */
class JdbcSourceFormsTest {

    private static final String URL = System.getenv().getOrDefault("PDAO_TEST_SOURCE_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");

    @Test
    void theBinaryAndTheCsvFormGiveTheSameRowsAndDigest() throws Exception {
        Connection pg;
        try {
            pg = DriverManager.getConnection(URL, "postgres", "");
        } catch (SQLException e) {
            System.err.println("!!! PostgreSQL at " + URL + " unreachable: the COPY forms are NOT compared !!!");
            Assumptions.abort("PostgreSQL unreachable");
            return;
        }
        String table = "forms_" + UUID.randomUUID().toString().substring(0, 8);
        try (pg; Statement s = pg.createStatement()) {
            s.execute("CREATE TABLE " + table + " (name varchar(40), note text, amount numeric(10,2), day date, n integer)");
            s.execute("INSERT INTO " + table + " VALUES ('泰州', 'a, \"quoted\"\nline', 12.50, '2025-10-01', 7), "
                    + "('', NULL, NULL, NULL, NULL), (NULL, '', -0.05, '2026-02-17', -1)");
            try {
                List<List<String>> binary = rows(table, true);
                List<List<String>> csv = rows(table, false);
                assertThat(binary).isEqualTo(csv).hasSize(3);
                // sorted by n as text: "-1", "7", then the row whose n is NULL
                assertThat(binary.get(0)).containsExactly(null, "", "-0.05", "2026-02-17", "-1");
                assertThat(binary.get(1)).containsExactly("泰州", "a, \"quoted\"\nline", "12.50", "2025-10-01", "7");
                assertThat(binary.get(2)).containsExactly("", null, null, null, null);
                assertThat(digest(table, true)).isEqualTo(digest(table, false));
            } finally {
                s.execute("DROP TABLE " + table);
            }
        }
    }

    private static List<List<String>> rows(String table, boolean binary) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (JdbcSource source = new JdbcSource(URL, "postgres", "", SourceRelation.of("SELECT * FROM " + table), true,
                binary)) {
            source.feedUtf8(row -> rows.add(Arrays.stream(row)
                    .map(v -> v == null ? null : new String(v, StandardCharsets.UTF_8)).toList()));
            assertThat(source.fraction()).isEqualTo(1.0);
        }
        rows.sort(java.util.Comparator.comparing(r -> String.valueOf(r.get(4))));
        return rows;
    }

    private static String digest(String table, boolean binary) throws Exception {
        try (JdbcSource source = new JdbcSource(URL, "postgres", "", SourceRelation.of(table), false, binary)) {
            RowDigest digest = source.rowsToDigest();
            source.feedUtf8(digest::accept);
            return source.contentDigest();
        }
    }
}
