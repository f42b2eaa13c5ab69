package org.pdao.dataspace.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.pdao.catalog.CatalogResourceView;

/** Rows reach the store intact through Arrow batches, across batch boundaries, and a failing source stages nothing. */
class ArrowRowStreamTest {

    private static final int ROWS = ArrowRowStream.BATCH_ROWS * 3 + 7;

    /** Row i: a long Chinese text (never inlined by DuckDB), a short code, and a value that is null every 5th row. */
    private static final class Generated implements RowSource {

        private final int failAt;

        Generated(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public List<String> columns() {
            return List.of("id_number", "hospital", "cost");
        }

        @Override
        public void feed(RowSink sink) throws Exception {
            for (int i = 0; i < ROWS; i++) {
                if (i == failAt) {
                    throw new IllegalStateException("source connection lost");
                }
                sink.row(new @Nullable String[] {String.format("321202198001%06d", i), "泰州市第" + (i % 97) + "人民医院门诊部",
                        i % 5 == 0 ? null : String.valueOf(i % 1000)});
            }
        }

        @Override
        public double fraction() {
            return 0;
        }

        @Override
        public void close() {}
    }

    private static DatasetColumns columns(RowSource source) {
        CatalogResourceView visits = new CatalogResourceView(UUID.randomUUID(), "就诊记录", UUID.randomUUID(), "卫生",
                "CONDITIONAL", "CONDITIONAL", "DAILY", List.of(
                        new CatalogResourceView.Field("id_number", "公民身份号码", "varchar", 4, true),
                        new CatalogResourceView.Field("hospital", "医院", "varchar", 2, false),
                        new CatalogResourceView.Field("cost", "费用", "decimal", 3, false)), 1, null);
        return DatasetColumns.resolve(visits, source.columns(), null, Map.of());
    }

    @Test
    void stagesEveryRowAcrossBatchesWithNullsAndLongTextsIntact() throws Exception {
        assertThat(ArrowRowStream.available()).as("the build opens java.nio for Arrow").isTrue();
        try (DuckDBConnection store = DriverManager.getConnection("jdbc:duckdb:").unwrap(DuckDBConnection.class);
                Generated source = new Generated(-1)) {
            long[] lastProgress = {0};
            StagedLoad.Staged staged = StagedLoad.run(store, "visits", "stg", columns(source), source,
                    n -> lastProgress[0] = n, s -> true);
            assertThat(staged.rows()).isEqualTo(ROWS);
            assertThat(lastProgress[0]).isEqualTo(ROWS);
            try (Statement s = store.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT count(*), count(cost), count(DISTINCT id_number), sum(length(hospital)),
                           max(id_number), min(hospital)
                    FROM visits""")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(ROWS);
                assertThat(rs.getLong(2)).isEqualTo(ROWS - (ROWS + 4) / 5);
                assertThat(rs.getLong(3)).isEqualTo(ROWS);
                long expectedLength = 0;
                for (int i = 0; i < ROWS; i++) {
                    expectedLength += ("泰州市第" + (i % 97) + "人民医院门诊部").length();
                }
                assertThat(rs.getLong(4)).isEqualTo(expectedLength);
                assertThat(rs.getString(5)).isEqualTo(String.format("321202198001%06d", ROWS - 1));
                assertThat(rs.getString(6)).isEqualTo("泰州市第0人民医院门诊部");
            }
            try (Statement s = store.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT count(*) FROM duckdb_views() WHERE NOT internal")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the Arrow view is dropped after the insert").isZero();
            }
        }
    }

    @Test
    void aSourceFailingMidwayLeavesNothingStaged() throws Exception {
        try (DuckDBConnection store = DriverManager.getConnection("jdbc:duckdb:").unwrap(DuckDBConnection.class);
                Generated source = new Generated(ArrowRowStream.BATCH_ROWS + 100)) {
            assertThatThrownBy(() -> StagedLoad.run(store, "visits", "stg", columns(source), source, n -> {},
                    s -> true)).hasMessageContaining("source connection lost");
            assertThat(StagedLoad.count(store, "visits")).isEqualTo(-1);
            assertThat(StagedLoad.count(store, "stg")).isEqualTo(-1);
        }
    }
}
