package org.pdao.dataspace.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What analysts write and now get answered, executed on a real encrypted workspace: comments, coarse thresholds
 * on aggregate-only columns in WHERE and FILTER, a top-level UNION ALL — and that the same freedoms do not single
 * a person out (suppression, FILTER complements, precise thresholds refused).
 */
class QueryUsabilityTest {

    @TempDir
    static Path dir;

    static QueryableWorkspace workspace;
    static LockedEngine engine;

    @BeforeAll
    static void setUp() throws Exception {
        workspace = TestWorkspace.create(dir);
        engine = new LockedEngine(TestWorkspace.settings(dir));
    }

    private static GovernedExecution.Outcome run(String sql) {
        TestWorkspace.MemoryLedger ledger = new TestWorkspace.MemoryLedger();
        GovernedExecution execution = new GovernedExecution(engine, TestWorkspace.settings(dir), ledger);
        return execution.run(workspace, UUID.randomUUID(), sql, 10);
    }

    private static long raw(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET force_mbedtls_unsafe = true");
            s.execute("ATTACH '" + workspace.databaseFile() + "' AS ws (ENCRYPTION_KEY '"
                    + HexFormat.of().formatHex(TestWorkspace.KEY) + "', READ_ONLY)");
            s.execute("USE ws");
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void commentsAreBlankedBeforeAnalysisAndExecution() {
        GovernedExecution.Outcome out = run("""
                -- 各区居民数 / residents by district
                select region_code, /* 人数 */ count(*) as n
                from residents -- 'not a string
                where gender <> '--' group by region_code order by region_code;""");
        assertThat(out.rows()).extracting(r -> r.get(0)).containsExactly("320101", "320102", "320103");
        assertThat(out.columns()).extracting(ResultColumnName::of).containsExactly("region_code", "n");
    }

    @Test
    void commentTricksStayRefused() {
        for (String sql : List.of(
                "select count(*) from residents /* unterminated",
                "select count(*) from residents /* outer /* inner */ still a comment for DuckDB */",
                "select /*+ parallel(4) */ count(*) from residents",
                "select /*! count(*) */ 1 from residents",
                "select count(*) from residents -- \u202e hidden",
                "select count(*) from residents /* ; */ ; drop table residents")) {
            assertThatThrownBy(() -> run(sql)).as(sql).isInstanceOf(QueryRefused.class);
        }
        // a comment is a token separator, never glue: the halves of a keyword stay two words
        assertThatThrownBy(() -> run("sel/**/ect count(*) from residents")).isInstanceOf(QueryRefused.class);
        // a comment does not hide what stands around it
        assertThatThrownBy(() -> run("select id_number -- just a comment\nfrom residents"))
                .isInstanceOf(QueryRefused.class).satisfies(e -> assertThat(((QueryRefused) e).refusals())
                        .anySatisfy(r -> assertThat(r.code()).isEqualTo("query.refusal.identifier-output")));
    }

    @Test
    void aCoarseThresholdOnAnAggregateOnlyColumnFiltersThePopulation() throws Exception {
        long truth = raw("select count(*) from medical_visits where cost > 500");
        GovernedExecution.Outcome out = run("select count(*) n from medical_visits where cost > 500");
        assertThat(((Number) out.rows().get(0).get(0)).longValue()).isBetween(truth - 2, truth + 2);
        long band = raw("select count(*) from medical_visits where cost between 200 and 400");
        GovernedExecution.Outcome filtered = run("select count(*) filter (where cost between 200 and 400) b, "
                + "count(*) n from medical_visits");
        assertThat(((Number) filtered.rows().get(0).get(0)).longValue()).isBetween(band - 2, band + 2);
    }

    @Test
    void aThresholdCellOfFewerThanKPersonsIsSuppressed() {
        // region 320104 has 3 persons: whatever their costs, the cell is not released
        GovernedExecution.Outcome out = run("select r.region_code, count(*) n from medical_visits v "
                + "join residents r on r.id_number = v.id_number where v.cost > 500 group by 1");
        assertThat(out.rows()).extracting(r -> r.get(0)).doesNotContain("320104");
        assertThat(out.suppressed()).isEqualTo(1);
    }

    @Test
    void aFilterThatLeavesOutFewerThanKPersonsIsWithheld() {
        // count(*) next to a count that leaves out the 3 persons of 320104 would tell their visits by difference;
        // a filter that leaves out nobody is withheld too, else "withheld or not" tells whether one person matched
        GovernedExecution.Outcome out = run("select count(*) filter (where not (r.region_code = '320104' "
                + "and v.cost > 500)) almost, count(*) filter (where v.cost >= 100) everyone, "
                + "count(*) filter (where r.gender = 'F') half, count(*) n "
                + "from residents r join medical_visits v using (id_number)");
        assertThat(out.rows()).singleElement().satisfies(row -> {
            assertThat(row.get(0)).isNull();
            assertThat(row.get(1)).isNull();
            assertThat(row.get(2)).isNotNull();
            assertThat(row.get(3)).isNotNull();
        });
    }

    @Test
    void preciseThresholdsAndArithmeticBeforeTheComparisonAreRefused() {
        for (String sql : List.of(
                "select count(*) from medical_visits where cost between 1234 and 1235",
                "select count(*) from medical_visits where cost > 512.5",
                "select count(*) from medical_visits where cost * 0.997 - 34 > 1200",
                "select count(*) filter (where cost > 123) from medical_visits",
                "with t as (select cost * 0.997 - 34 c from medical_visits) select count(*) from t where c > 1200",
                "with t as (select id_number, sum(cost) - 34 s from medical_visits group by 1) "
                        + "select count(*) from t where s > 1200",
                "select count(*) from medical_visits v join residents r using (id_number) where v.cost > r.monthly_income",
                "select sum(case when cost > 500 then 1 else 0 end) from medical_visits",
                "select count(*) from medical_visits v join social_insurance s on v.cost > 500 and v.id_number = s.id_number")) {
            assertThatThrownBy(() -> run(sql)).as(sql).isInstanceOf(QueryRefused.class);
        }
    }

    @Test
    void aPerPersonTotalCanBeBanded() throws Exception {
        long truth = raw("select count(*) from (select id_number, sum(cost) t from medical_visits group by 1) "
                + "where t >= 1500");
        GovernedExecution.Outcome out = run("with t as (select id_number, sum(cost) total from medical_visits "
                + "group by id_number) select count(*) n from t where total >= 1500");
        assertThat(((Number) out.rows().get(0).get(0)).longValue()).isBetween(truth - 2, truth + 2);
    }

    @Test
    void costBandsAreGroupKeysAndEveryBandIsCountedInPersons() throws Exception {
        long low = raw("select count(*) from medical_visits where cost < 500");
        GovernedExecution.Outcome out = run("select case when cost < 500 then 'low' else 'high' end band, "
                + "count(*) n from medical_visits group by 1 order by 1");
        assertThat(out.rows()).extracting(r -> r.get(0)).containsExactly("high", "low");
        assertThat(((Number) out.rows().get(1).get(1)).longValue()).isBetween(low - 2, low + 2);
        // a band that holds the 3 persons of 320104 only is suppressed
        GovernedExecution.Outcome small = run("select case when r.region_code = '320104' and v.cost > 100 then 'few' "
                + "else 'rest' end g, count(*) n from medical_visits v join residents r using (id_number) group by 1");
        assertThat(small.rows()).extracting(r -> r.get(0)).containsExactly("rest");
        assertThat(small.suppressed()).isEqualTo(1);
    }

    @Test
    void aTopLevelUnionAllOfTwoAggregatesIsAnswered() {
        GovernedExecution.Outcome out = run("select 'residents' as t, count(*) as n from residents "
                + "union all select 'visits', count(*) from medical_visits");
        assertThat(out.rows()).extracting(r -> r.get(0)).containsExactlyInAnyOrder("residents", "visits");
    }

    @Test
    void everyAggregateKeepsItsOwnValueNextToNoisedSums() throws Exception {
        // the scale column of a noised sum once sat between two aggregates and shifted the ones after it
        long patients = raw("select count(distinct id_number) from medical_visits");
        long visits = raw("select count(*) from medical_visits");
        GovernedExecution.Outcome out = run("select sum(cost) total, count(distinct id_number) patients, "
                + "avg(cost) mean, count(*) visits, min(visit_date) first_month from medical_visits");
        assertThat(out.rows()).singleElement().satisfies(row -> {
            assertThat(((Number) row.get(1)).longValue()).isBetween(patients - 2, patients + 2);
            assertThat(((Number) row.get(3)).longValue()).isBetween(visits - 2, visits + 2);
            assertThat(row.get(4)).isEqualTo("2025-01");
        });
    }

    @Test
    void anOuterJoinMayTestWhetherTheKeyMatched() {
        List<Refusal> refusals = new GovernedExecution(engine, TestWorkspace.settings(dir),
                new TestWorkspace.MemoryLedger()).analyze(workspace, "select count(*) from residents r left join "
                        + "medical_visits v on v.id_number = r.id_number where v.id_number is null").refusals();
        assertThat(refusals).isEmpty();
    }

    /** The name of a result column. */
    private static final class ResultColumnName {
        static String of(org.pdao.dataspace.internal.gate.ResultColumn c) {
            return c.name();
        }
    }
}
