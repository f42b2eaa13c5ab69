package org.pdao.dataspace.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor end to end on a real encrypted DuckDB workspace: suppression, noise, ledger, lockdown. */
class GovernedExecutionTest {

    @TempDir
    static Path dir;

    static QueryableWorkspace workspace;
    static LockedEngine engine;

    @BeforeAll
    static void setUp() throws Exception {
        workspace = TestWorkspace.create(dir);
        engine = new LockedEngine(TestWorkspace.settings(dir));
    }

    private GovernedExecution.Outcome run(String sql) {
        return run(sql, new TestWorkspace.MemoryLedger());
    }

    private GovernedExecution.Outcome run(String sql, TestWorkspace.MemoryLedger ledger) {
        GovernedExecution execution = new GovernedExecution(engine, TestWorkspace.settings(dir), ledger);
        GovernedExecution.Outcome outcome = execution.run(workspace, UUID.randomUUID(), sql, 10);
        ledger.record(workspace.grantId(), outcome.ledgerCells());
        return outcome;
    }

    @Test
    void groupedCountsSuppressRegionsUnderKPersons() {
        GovernedExecution.Outcome out = run(
                "select region_code, count(*) as n from residents group by region_code order by region_code");
        assertThat(out.rows()).extracting(r -> r.get(0)).containsExactly("320101", "320102", "320103");
        assertThat(out.suppressed()).isEqualTo(1);
        assertThat(out.aggregateOnly()).isTrue();
        assertThat(out.columns()).extracting(c -> c.name()).containsExactly("region_code", "n");
        for (List<Object> row : out.rows()) {
            assertThat(((Number) row.get(1)).longValue()).isBetween(63L, 68L);
        }
    }

    @Test
    void countsPersonsNotRows() {
        // the 3 persons of region 320104 have 9 visits: still under k = 10 persons, so suppressed
        GovernedExecution.Outcome out = run("""
                select r.region_code, count(*) visits from medical_visits v join residents r on r.id_number = v.id_number
                group by r.region_code order by 1""");
        assertThat(out.rows()).extracting(r -> r.get(0)).doesNotContain("320104");
        assertThat(out.suppressed()).isEqualTo(1);
    }

    @Test
    void havingLimitOrderAndWindowsCannotBringBackASuppressedGroup() {
        for (String sql : List.of(
                "select region_code, count(*) n from residents group by region_code having count(*) < 10",
                "select region_code, count(*) n from residents group by region_code order by n limit 1",
                "select region_code, sum(count(*)) over () - count(*) rest from residents group by region_code",
                "select region_code, case when count(*) < 10 then 1 else 0 end small from residents group by region_code",
                "with t as (select region_code, count(*) n from residents group by region_code) select * from t")) {
            GovernedExecution.Outcome out = run(sql);
            assertThat(out.rows()).as(sql).extracting(r -> r.get(0)).doesNotContain("320104");
        }
        // the window's total covers released cells only, so total - visible reveals nothing
        GovernedExecution.Outcome windows = run("select region_code, sum(count(*)) over () total from residents "
                + "group by region_code");
        assertThat(windows.rows()).allSatisfy(r -> assertThat(((Number) r.get(1)).longValue()).isBetween(190L, 203L));
    }

    @Test
    void noiseIsStickyForTheSameQuestionAndBounded() {
        String sql = "select hospital, count(*) n, sum(cost) total from medical_visits group by hospital order by 1";
        GovernedExecution.Outcome first = run(sql);
        GovernedExecution.Outcome second = run(sql);
        assertThat(second.rows()).isEqualTo(first.rows());
        assertThat(first.noiseApplied()).isTrue();
        assertThat(first.noiseBound()).isEqualTo(2);
        for (List<Object> row : first.rows()) {
            assertThat(((Number) row.get(1)).longValue()).isBetween(298L, 302L);
        }
        // exact sums: 中医院 (odd i) and 市人民医院 (even i); noise ≤ bound × mean |cost| (< 1 000)
        assertThat(first.rows()).allSatisfy(r -> assertThat(((Number) r.get(2)).doubleValue()).isBetween(
                150_000.0 - 2_000, 180_000.0 + 2_000));
    }

    @Test
    void theLedgerSuppressesACellThatDiffersByFewerThanKPersonsFromAnEarlierOne() {
        TestWorkspace.MemoryLedger ledger = new TestWorkspace.MemoryLedger();
        run("select count(*) from residents where gender = 'F'", ledger);
        // the same 100 women and the 1 or 2 men of region 320104: a population that differs by 1-2 persons
        GovernedExecution.Outcome isolating = run("select count(*) from residents where gender = 'F' or region_code = "
                + "'320104'", ledger);
        assertThat(isolating.rows()).isEmpty();
        assertThat(isolating.notes()).anySatisfy(n -> assertThat(n).contains("JL-prohibit", "differencing"));
        assertThat(isolating.ledgerCells()).isEmpty();
        // a population that differs by many persons is fine, and the very same question again too
        assertThat(run("select count(*) from residents where gender = 'M'", ledger).rows()).hasSize(1);
        GovernedExecution.Outcome again = run("select count(*) from residents where gender = 'F'", ledger);
        assertThat(again.rows()).hasSize(1);
        assertThat(again.notes()).noneSatisfy(n -> assertThat(n).contains("differencing"));
    }

    @Test
    void aTrackerThroughTwoGroupingsLosesTheCellsThatWouldIsolate() {
        TestWorkspace.MemoryLedger ledger = new TestWorkspace.MemoryLedger();
        run("select gender, count(*) from residents group by gender", ledger);
        GovernedExecution.Outcome tracker = run("select gender, count(*) from residents where region_code <> '320104' "
                + "group by gender", ledger);
        assertThat(tracker.rows()).isEmpty();
        // a drill-down after a total keeps the cells that isolate nobody: regions by gender after regions
        run("select region_code, count(*) from residents group by 1", ledger);
        GovernedExecution.Outcome drill = run("select region_code, gender, count(*) from residents group by 1, 2",
                ledger);
        assertThat(drill.rows()).extracting(r -> r.get(0)).contains("320101", "320102", "320103")
                .doesNotContain("320104");
    }

    @Test
    void droppingSomeRowsOfFewerThanKPersonsIsDifferencingEvenWhenThePersonsStay() {
        TestWorkspace.MemoryLedger ledger = new TestWorkspace.MemoryLedger();
        run("select count(*) n from medical_visits v join residents r on r.id_number = v.id_number", ledger);
        // persons 0 and 2 (region 320104) lose their January visit but keep the others: the same 200 persons, and a
        // difference made of two persons' rows
        GovernedExecution.Outcome out = run("select count(*) n from medical_visits v join residents r on r.id_number = "
                + "v.id_number where not (r.region_code = '320104' and v.visit_date = '2025-01')", ledger);
        assertThat(out.rows()).isEmpty();
        assertThat(out.notes()).anySatisfy(n -> assertThat(n).contains("differencing"));
    }

    @Test
    void nearlyTheSamePersonsWithUnrelatedRowsAreNotDifferencing() {
        TestWorkspace.MemoryLedger ledger = new TestWorkspace.MemoryLedger();
        run("select count(*) n from medical_visits v join residents r on r.id_number = v.id_number "
                + "where r.region_code <> '320104'", ledger);
        // 3 persons more, but about a hundred persons' rows differ (their January visits): nobody is isolated
        GovernedExecution.Outcome other = run("select count(*) n from medical_visits v join residents r on "
                + "r.id_number = v.id_number where v.visit_date <> '2025-01'", ledger);
        assertThat(((Number) other.rows().get(0).get(0)).longValue()).isBetween(498L, 502L);
    }

    @Test
    void rowLevelResultsAreDistinctCombinationsOfAtLeastKPersonsAndGoToReview() {
        GovernedExecution.Outcome out = run("select gender, birth_date, region_code from residents");
        assertThat(out.aggregateOnly()).isFalse();
        assertThat(out.rows()).extracting(r -> r.get(2)).doesNotContain("320104");
        assertThat(out.rows()).hasSizeLessThanOrEqualTo(18);
    }

    @Test
    void theLockedEngineRefusesFilesAttachSettingsAndCopyEvenWithoutTheValidator() {
        try (LockedEngine.Session session = engine.open(workspace)) {
            for (String sql : List.of("select * from read_csv('/etc/passwd')", "attach '/tmp/x.duckdb' as x",
                    "set enable_external_access = true", "copy residents to '/tmp/pdao-leak.csv'",
                    "install httpfs", "load httpfs", "set lock_configuration = false",
                    "select * from read_text('/etc/hostname')")) {
                assertThatThrownBy(() -> session.execute(sql)).as(sql).isInstanceOf(org.pdao.shared.ProblemException.class)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("passwd"));
            }
            assertThatThrownBy(() -> session.execute("create table residents2 as select * from residents"))
                    .isInstanceOf(org.pdao.shared.ProblemException.class);
        }
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/pdao-leak.csv"))).isFalse();
    }

    @Test
    void aQueryOverTheTimeLimitIsCancelledAndTheNextQueryRuns() {
        QuerySettings quick = new QuerySettings(java.time.Duration.ofMillis(500),
                org.springframework.util.unit.DataSize.ofMegabytes(256), 1,
                org.springframework.util.unit.DataSize.ofMegabytes(64), dir.resolve("tmp").toString(), 10_000, 1_000,
                20_000, 2, 50, org.springframework.util.unit.DataSize.ofMegabytes(4));
        LockedEngine slowEngine = new LockedEngine(quick);
        GovernedExecution execution = new GovernedExecution(slowEngine, quick, new TestWorkspace.MemoryLedger());
        assertThatThrownBy(() -> execution.run(workspace, UUID.randomUUID(), """
                select a.hospital, count(*) from medical_visits a join medical_visits b on a.hospital = b.hospital
                join medical_visits c on c.hospital = b.hospital join medical_visits d on d.hospital = c.hospital
                join medical_visits e on e.hospital = d.hospital group by a.hospital""", 10))
                .isInstanceOfSatisfying(QueryLimitExceeded.class, e -> {
                    assertThat(e.code()).isEqualTo("QUERY_TIME_LIMIT");
                    assertThat(e.rule().id()).isEqualTo("SY-17");
                });
        GovernedExecution.Outcome next = execution.run(workspace, UUID.randomUUID(),
                "select gender, count(*) from residents group by gender", 10);
        assertThat(next.rows()).hasSize(2);
    }

    @Test
    void anAggregateWhoseFilterSinglesOutFewerThanKPersonsIsWithheld() {
        GovernedExecution.Outcome out = run("select count(*) filter (where region_code = '320104') few, "
                + "count(*) filter (where gender = 'F') many, sum(cost) filter (where r.region_code = '320104') c "
                + "from residents r join medical_visits v using (id_number)");
        assertThat(out.rows()).singleElement().satisfies(row -> {
            assertThat(row.get(0)).isNull();
            assertThat(((Number) row.get(1)).longValue()).isBetween(298L, 302L);
            assertThat(row.get(2)).isNull();
        });
    }

    @Test
    void aCastThatFailsOnOnePersonsValueRaisesNoError() {
        GovernedExecution.Outcome out = run("select count(*) n from residents where "
                + "case when region_code = '320104' then cast('x' as integer) else 1 end = 1");
        assertThat(out.rows()).hasSize(1);
    }

    @Test
    void anAggregateToWhichFewerThanKPersonsContributeIsWithheldWhateverItsShape() {
        // region 320104 holds 3 persons: each shape singles them out inside an aggregate over all 200
        String few = "r.region_code = '320104'";
        List<String> shapes = List.of(
                "sum(case when " + few + " then v.cost else 0 end)",
                "sum(v.cost * (" + few + ")::int)",
                "sum(v.cost) filter (where " + few + ")",
                "avg(case when " + few + " then v.cost end)",
                "count(case when " + few + " then 1 end)",
                "max((" + few + ")::int)",
                "sum(if(" + few + ", r.monthly_income, 0))",
                "sum(case when " + few + " then r.monthly_income + 1 else 1 end)",
                "sum(r.monthly_income) filter (where not (" + few + "))",
                "sum(r.monthly_income * greatest(0, least(1, (" + few + ")::int)))",
                "stddev_pop(case when " + few + " then r.monthly_income else 0 end)",
                "bool_or(" + few + ")",
                "sum(r.monthly_income * (1 // (length(replace(r.region_code, '320104', '')) + 1)))",
                "sum(r.monthly_income * (1 - sign(length(replace(r.region_code, '320104', '')))))",
                // nobody singled out looks the same as one person singled out: an empty set is under k as well
                "sum(r.monthly_income) filter (where r.region_code <> '329999')",
                "max((r.region_code = '329999')::int)");
        for (String shape : shapes) {
            String sql = "select " + shape + " as x, count(*) as n "
                    + "from residents r join medical_visits v using (id_number)";
            GovernedExecution.Outcome out;
            try {
                out = run(sql);
            } catch (QueryRefused refused) {
                // refused by the lineage rules (an aggregate-only value in a CASE branch or weighted): safe as well
                assertThat(shape).contains("v.cost");
                continue;
            }
            assertThat(out.rows()).as(shape).singleElement().satisfies(row -> {
                assertThat(row.get(0)).as(shape).isNull();
                assertThat(((Number) row.get(1)).longValue()).isBetween(598L, 602L);
            });
        }
    }

    @Test
    void aTableWithOnePersonPerRowIsCountedByItsRowsAndAMultiRowTableByDistinctPersons() {
        GovernedExecution execution = new GovernedExecution(engine, TestWorkspace.settings(dir),
                new TestWorkspace.MemoryLedger());
        String single = engine.sql(Objects.requireNonNull(execution.analyze(workspace,
                "select region_code, sum(monthly_income) as s from residents group by 1").cells()));
        String visits = engine.sql(Objects.requireNonNull(execution.analyze(workspace,
                "select hospital, sum(cost) as s from medical_visits group by 1").cells()));
        String joined = engine.sql(Objects.requireNonNull(execution.analyze(workspace,
                "select r.region_code, count(*) from residents r join residents q on q.region_code = r.region_code "
                        + "group by 1").cells()));
        assertThat(single).doesNotContainIgnoringCase("distinct");
        assertThat(visits).containsIgnoringCase("count(DISTINCT");
        // a join can repeat a person's row even when each table holds one row per person
        assertThat(joined).containsIgnoringCase("count(DISTINCT");
        // an inner join on the person keys holds one person per row on both sides: counted once; an outer join's
        // unmatched side is NULL, so both are counted
        String inner = engine.sql(Objects.requireNonNull(execution.analyze(workspace, "select r.region_code, count(*) "
                + "from medical_visits v join residents r on r.id_number = v.id_number group by 1").cells()));
        String outer = engine.sql(Objects.requireNonNull(execution.analyze(workspace, "select r.region_code, count(*) "
                + "from medical_visits v left join residents r on r.id_number = v.id_number group by 1").cells()));
        assertThat(inner.split("(?i)count\\(DISTINCT", -1)).hasSize(2);
        assertThat(outer.split("(?i)count\\(DISTINCT", -1)).hasSize(3);
    }

    @Test
    void countingRowsOfAOnePersonPerRowTableStillSuppressesAndWithholdsUnderKPersons() {
        // region 320104 holds 3 residents (one row each)
        GovernedExecution.Outcome grouped = run("select region_code, avg(monthly_income) a from residents group by 1");
        assertThat(grouped.rows()).extracting(r -> r.get(0)).doesNotContain("320104");
        assertThat(grouped.suppressed()).isEqualTo(1);
        for (String shape : List.of("sum(monthly_income) filter (where region_code = '320104')",
                "sum(case when region_code = '320104' then monthly_income else 0 end)",
                "count(case when region_code = '320104' then 1 end)",
                "sum(monthly_income) filter (where region_code <> '320104')")) {
            GovernedExecution.Outcome out = run("select " + shape + " as x, count(*) as n from residents");
            assertThat(out.rows()).as(shape).singleElement().satisfies(row -> assertThat(row.get(0)).as(shape).isNull());
        }
    }

    @Test
    void anAggregateOverManyContributorsIsReleased() {
        GovernedExecution.Outcome out = run("select gender, sum(case when birth_date = '30-39' then 1 else 0 end) s, "
                + "count(*) filter (where region_code = '320101') c, max(birth_date) m, "
                + "avg(case when region_code <> '320101' then monthly_income end) a "
                + "from residents group by gender order by gender");
        assertThat(out.rows()).hasSize(2).allSatisfy(row -> {
            assertThat(row.get(1)).isNotNull();
            assertThat(row.get(2)).isNotNull();
            assertThat(row.get(3)).isEqualTo("50-59");
            assertThat(row.get(4)).isNotNull();
        });
    }

    @Test
    void theExtremeOfAGroupLeavesOnlyWhenAtLeastKPersonsHoldIt() {
        // the highest income is one person's; the highest age band is held by dozens
        GovernedExecution.Outcome out = run("select max(monthly_income) top, max(birth_date) band, "
                + "arg_max(gender, monthly_income) g from residents");
        assertThat(out.rows()).singleElement().satisfies(row -> {
            assertThat(row.get(0)).isNull();
            assertThat(row.get(1)).isEqualTo("50-59");
            assertThat(row.get(2)).isNull();
        });
    }

    @Test
    void noRuntimeErrorDependsOnOnePersonsRow() {
        List<String> conditions = List.of(
                "(case when region_code = '320104' then 2147483647 else 1 end)::int * 2 > 0",
                "(case when region_code = '320104' then name else '1' end) = 1",
                "(case when region_code = '320104' then name else '2024-01-01' end) in (date '2024-01-01')",
                "cast(case when region_code = '320104' then 'x' else '2024-01-01' end as date) is not null",
                "date '2024-01-01' + to_days(case when region_code = '320104' then 100000000 else 1 end) is not null",
                "(case when region_code = '320104' then 99999999999 else 1 end)::decimal(12, 0) "
                        + "* 10000000000000000000000000000 > 0");
        for (String condition : conditions) {
            GovernedExecution.Outcome out = run("select count(*) n from residents where " + condition);
            assertThat(out.rows()).as(condition).hasSize(1);
        }
        GovernedExecution.Outcome sum = run("select sum(case when region_code = '320104' "
                + "then 170141183460469231731687303715884105727 else 1 end) s, count(*) n from residents");
        assertThat(sum.rows()).hasSize(1);
        GovernedExecution.Outcome join = run("select count(*) n from medical_visits v join residents r "
                + "on r.id_number = v.id_number where (case when r.region_code = '320104' then r.name else '1' end) = 1");
        assertThat(join.rows()).hasSize(1);
    }

    @Test
    void orderByAndLimitWorkOnChineseKeys() {
        GovernedExecution.Outcome out = run(
                "select hospital, count(*) as n from medical_visits group by 1 order by hospital limit 1 offset 1");
        assertThat(out.rows()).singleElement().satisfies(r -> assertThat(r.get(0)).isEqualTo("市人民医院"));
    }

    @Test
    void perPersonAggregationInACteFeedsAnAggregateOverPersons() {
        GovernedExecution.Outcome out = run("""
                with per_person as (select id_number, sum(cost) as total from medical_visits group by id_number)
                select r.gender, count(distinct r.id_number) persons, avg(p.total) avg_total
                from residents r join per_person p on p.id_number = r.id_number group by r.gender""");
        assertThat(out.rows()).hasSize(2);
        assertThat(out.columns()).extracting(c -> c.disclosure().name()).containsExactly("CLEAR", "COUNT", "AGGREGATE");
        assertThat(out.aggregateOnly()).isTrue();
    }

    @Test
    void aStatementDuckDbCannotInterruptStillEndsAtTheTimeLimitAndTheNextQueryRuns() {
        QuerySettings quick = new QuerySettings(java.time.Duration.ofMillis(500),
                org.springframework.util.unit.DataSize.ofMegabytes(256), 1,
                org.springframework.util.unit.DataSize.ofMegabytes(64), dir.resolve("tmp").toString(), 10_000, 1_000,
                20_000, 2, 50, org.springframework.util.unit.DataSize.ofMegabytes(4));
        LockedEngine quickEngine = new LockedEngine(quick);
        long start = System.nanoTime();
        // building a huge string is not interruptible inside DuckDB (the analyzer refuses repeat(); the engine is
        // tested on its own here, as for any statement DuckDB cannot stop)
        assertThatThrownBy(() -> quickEngine.bounded(workspace,
                s -> s.query("select length(repeat('x', 300000000))", 1, List.of())))
                .isInstanceOfSatisfying(QueryLimitExceeded.class, e -> assertThat(e.code()).isEqualTo("QUERY_TIME_LIMIT"));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(6));
        List<List<Object>> next = quickEngine.bounded(workspace,
                s -> s.query("select count(*) from residents", 1, List.of()).rows());
        assertThat(((Number) next.get(0).get(0)).longValue()).isEqualTo(200);
    }

    @Test
    void aValueLargerThanTheResultSizeLimitEndsInASizeLimitErrorNotInTheServicesMemory() {
        // string_agg over a cross join: about 12 MB in one cell, over the 4 MB limit of the test settings. The analyzer
        // no longer releases string_agg across persons, so the engine's guard is tested on its own, as for any value
        // that grows past the limit
        assertThatThrownBy(() -> engine.bounded(workspace, s -> s.query("select string_agg(a.name || b.name, ',') n "
                + "from residents a, residents b, residents c where c.gender = 'F' and c.region_code = '320101'", 1,
                List.of())))
                .isInstanceOfSatisfying(QueryLimitExceeded.class, e -> {
                    assertThat(e.code()).isEqualTo("QUERY_SIZE_LIMIT");
                    assertThat(e.rule().id()).isEqualTo("SY-17");
                });
        assertThat(run("select gender, count(*) n from residents group by gender").rows()).hasSize(2);
    }

    @Test
    void aRowLevelResultCountsTheRowsTheQueryAsksForAgainstTheRowLimit() {
        // 40 000 rows asked (a cross join), collapsed they would be 2: the row limit (1 000 here) applies
        assertThatThrownBy(() -> run("select a.gender from residents a, residents b"))
                .isInstanceOfSatisfying(QueryLimitExceeded.class, e -> assertThat(e.code()).isEqualTo("QUERY_ROW_LIMIT"));
        assertThat(run("select distinct a.gender from residents a, residents b").rows()).hasSize(2);
        assertThat(run("select a.gender from residents a, residents b limit 5").rows()).hasSize(2);
    }

    @Test
    void orderByAndLimitOnNonAsciiTextRunInTheEngine() {
        GovernedExecution.Outcome out = run("select hospital, count(*) n from medical_visits group by 1 "
                + "order by hospital desc limit 1");
        assertThat(out.rows()).extracting(r -> r.get(0)).containsExactly("市人民医院");
        // DuckDB 1.5.0 fails here unless its row group pruner is off (duckdb/duckdb#21160)
        List<List<Object>> first = engine.bounded(workspace, s -> s.query("select hospital from medical_visits "
                + "order by hospital limit 2", 10, List.of()).rows());
        assertThat(first).extracting(r -> r.get(0)).containsExactly("中医院", "中医院");
    }

    @Test
    void sessionsOnTheSameWorkspaceShareTheLockedDatabaseButNotTheirTempTables() {
        try (LockedEngine.Session one = engine.open(workspace); LockedEngine.Session two = engine.open(workspace)) {
            one.execute("create temp table __pdao_mine as select 1 as x");
            assertThat(one.query("select count(*) from __pdao_mine", 1, List.of()).rows()).hasSize(1);
            assertThatThrownBy(() -> two.query("select count(*) from __pdao_mine", 1, List.of()))
                    .isInstanceOf(org.pdao.shared.ProblemException.class);
            assertThatThrownBy(() -> two.execute("set lock_configuration = false"))
                    .isInstanceOf(org.pdao.shared.ProblemException.class);
            assertThatThrownBy(() -> two.execute("set memory_limit = '100GB'"))
                    .isInstanceOf(org.pdao.shared.ProblemException.class);
        }
    }
}
