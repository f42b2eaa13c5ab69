package org.pdao.dataspace.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContributionSketchTest {

    /** The sketch of one population (rows of person keys) as the executor computes it. */
    private static ContributionSketch sketch(Statement s, String population) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(ContributionSketch.sql(population, 0))) {
            while (rs.next()) {
                rows.add(List.of(rs.getObject(1), rs.getObject(2)));
            }
        }
        return ContributionSketch.byKeys(rows, 0, v -> v == null ? null : v.toString()).get(List.of());
    }

    @Test
    void differingBucketsNeverExceedThePersonsWhoContributeDifferently() throws Exception {
        Random random = new Random(7);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("create table rows_ as select 'p' || (i % 5000) as pk, i from range(20000) t(i)");
            for (int trial = 0; trial < 40; trial++) {
                int dropped = random.nextInt(30);
                int lessRows = random.nextInt(5);
                // the other cell: some persons left out, some persons with one row fewer
                String other = "select pk as __pdao_pk from rows_ where pk not in (select 'p' || i from range("
                        + dropped + ") t(i)) and not (i >= 15000 and pk in (select 'p' || (100 + i) from range("
                        + lessRows + ") t(i)))";
                int differ = dropped + lessRows;
                ContributionSketch all = sketch(s, "select pk as __pdao_pk from rows_");
                ContributionSketch some = sketch(s, other);
                assertThat(all.differingBuckets(some)).as("%d persons differ", differ).isLessThanOrEqualTo(differ);
                if (differ == 0) {
                    assertThat(all).isEqualTo(some);
                }
            }
            // unrelated populations of nearly the same size differ in (almost) every bucket: no re-reading needed
            ContributionSketch even = sketch(s, "select pk as __pdao_pk from rows_ where i % 2 = 0 and pk < 'p4'");
            ContributionSketch odd = sketch(s, "select pk as __pdao_pk from rows_ where i % 2 = 1 and pk < 'p4'");
            assertThat(even.differingBuckets(odd)).isGreaterThanOrEqualTo(60);
        }
    }

    @Test
    void aSketchSurvivesTheLedgersTextForm() {
        long[] buckets = new long[ContributionSketch.BUCKETS];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = Long.MIN_VALUE / (i + 1) + i;
        }
        ContributionSketch sketch = new ContributionSketch(buckets);
        assertThat(ContributionSketch.decode(sketch.encoded())).isEqualTo(sketch);
        assertThat(ContributionSketch.decode(null)).isNull();
        assertThat(ContributionSketch.decode("AAAA")).isNull();
    }
}
