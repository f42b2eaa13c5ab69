package org.pdao.dataspace.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator: lexical pre-check, DuckDB's parser and the lineage analysis refuse every class of attack with the
 * rule and, where one is concerned, the column; legitimate analyses pass. Nothing is executed here.
 */
class QueryValidationTest {

    @TempDir
    static Path dir;

    static QueryableWorkspace workspace;
    static GovernedExecution execution;

    @BeforeAll
    static void setUp() throws Exception {
        workspace = TestWorkspace.create(dir);
        execution = new GovernedExecution(new LockedEngine(TestWorkspace.settings(dir)), TestWorkspace.settings(dir),
                new TestWorkspace.MemoryLedger());
    }

    private static List<Refusal> refusals(String sql) {
        try {
            return execution.analyze(workspace, sql).refusals();
        } catch (QueryRefused refused) {
            return refused.refusals();
        }
    }

    static Stream<Arguments> attacks() {
        return Stream.of(
                // statements other than one read-only query
                a("insert into residents values ('x')", "TZ-12", "statement", null),
                a("update residents set gender = 'F'", "TZ-12", "statement", null),
                a("delete from residents", "TZ-12", "statement", null),
                a("create table x as select * from residents", "TZ-12", "statement", null),
                a("drop table residents", "TZ-12", "statement", null),
                a("alter table residents add column x int", "TZ-12", "statement", null),
                a("pragma database_list", "TZ-3", "statement", null),
                a("set enable_external_access = true", "TZ-3", "statement", null),
                a("reset lock_configuration", "TZ-3", "statement", null),
                a("attach '/tmp/raw.duckdb' as raw", "JL-prohibit", "statement", null),
                a("detach ws", "JL-prohibit", "statement", null),
                a("copy residents to '/tmp/r.csv'", "JL-prohibit", "statement", null),
                a("export database '/tmp/x'", "JL-prohibit", "statement", null),
                a("import database '/tmp/x'", "JL-prohibit", "statement", null),
                a("install httpfs", "TZ-3", "statement", null),
                a("load httpfs", "TZ-3", "statement", null),
                a("call pragma_version()", "TZ-12", "statement", null),
                a("describe residents", "TZ-12", "statement", null),
                a("show tables", "TZ-12", "statement", null),
                a("summarize residents", "TZ-12", "statement", null),
                a("explain select 1", "TZ-12", "statement", null),
                a("select 1; select 2", "TZ-12", "multiple-statements", null),
                a("select 1; drop table residents", "TZ-12", "multiple-statements", null),
                // lexical tricks
                a("select count(*) from residents /* unterminated", "TZ-12", "comment", null),
                a("select count(*) from residents /* a /* nested */ */", "TZ-12", "comment", null),
                a("select /*+ parallel(4) */ count(*) from residents", "TZ-12", "comment", null),
                a("select count(*) from residents -- \u202e", "TZ-12", "character", null),
                a("sel/**/ect count(*) from residents", "TZ-12", "statement", null),
                a("select \"id_/**/number\" from residents", "TZ-12", "quoted-identifier", null),
                a("select id_number -- x\nfrom residents", "NJ-16", "identifier-output", "residents.id_number"),
                a("select count(*) from residents /* ; */ ; drop table residents", "TZ-12", "multiple-statements", null),
                a("select count(*) from resіdents", "TZ-12", "character", null),
                a("select count(*) from residents where gender = 'F\u200b'", "TZ-12", "literal-unicode", null),
                a("select count(*) from residents where gender = 'Ｆ'", "TZ-12", "literal-unicode", null),
                a("select count(*) from \"resi dents\"", "TZ-12", "quoted-identifier", null),
                a("select $$x$$", "TZ-12", "dollar", null),
                a("select e'\\x41'", "TZ-12", "escape-string", null),
                a("select count(*) from residents\u0000", "TZ-12", "character", null),
                a("", "TZ-12", "empty", null),
                a("select 'unterminated", "TZ-12", "syntax", null),
                // files, URLs, introspection, dynamic SQL
                a("select * from read_csv('/etc/passwd')", "JL-prohibit", "table-function.file", null),
                a("select * from read_parquet('https://x/y.parquet')", "JL-prohibit", "table-function.file", null),
                a("select * from read_text('/etc/hosts')", "JL-prohibit", "table-function.file", null),
                a("select * from glob('/*')", "JL-prohibit", "table-function.file", null),
                a("select * from '/etc/passwd'", "NJ-13", "unknown-table", "/etc/passwd"),
                a("select * from duckdb_tables()", "TZ-12", "table-function.catalog", null),
                a("select * from duckdb_settings()", "TZ-12", "table-function.catalog", null),
                a("select * from information_schema.columns", "TZ-12", "catalog", "information_schema.columns"),
                a("select * from pg_catalog.pg_tables", "TZ-12", "catalog", "pg_catalog.pg_tables"),
                a("select * from sqlite_master", "TZ-12", "catalog", "sqlite_master"),
                a("select * from query('select * from residents')", "TZ-3", "table-function.dynamic", null),
                a("select * from query_table('residents')", "TZ-3", "table-function.dynamic", null),
                a("select * from range(10)", "TZ-3", "table-function.other", null),
                a("select current_setting('memory_limit')", "TZ-3", "function", null),
                a("select getenv('HOME')", "TZ-3", "function", null),
                a("select count(*) from ws.main.residents", "NJ-13", "qualified-table", "ws.main.residents"),
                a("select count(*) from system.main.residents", "TZ-12", "catalog", "system.main.residents"),
                // sampling, recursion, lambdas, parameters
                a("select count(*) from residents tablesample 10%", "TZ-3", "sample", null),
                a("select count(*) from residents using sample 5", "TZ-3", "sample", null),
                a("with recursive t(n) as (select 1 union all select n + 1 from t) select count(*) from t", "TZ-3",
                        "recursive", null),
                a("select list_transform([1, 2], x -> x + 1)", "TZ-3", "function", null),
                a("select count(*) from residents where gender = ?", "TZ-3", "parameter", null),
                // unknown tables and columns
                a("select count(*) from raw_residents", "NJ-13", "unknown-table", "raw_residents"),
                a("select address from residents", "NJ-13", "unknown-column", "address"),
                a("select count(*) from residents where __pdao_pk0 is null", "TZ-3", "reserved-name", "__pdao_pk0"),
                // person identifiers
                a("select id_number from residents", "NJ-16", "identifier-output", "residents.id_number"),
                a("select * from residents", "NJ-16", "identifier-output", "residents.id_number"),
                a("select id_number, count(*) from medical_visits group by id_number", "NJ-16",
                        "identifier-group-key", "medical_visits.id_number"),
                a("select substr(id_number, 1, 2) p, count(*) from residents group by p", "NJ-16",
                        "identifier-function", "residents.id_number"),
                a("select count(*) from residents where id_number = 'abc'", "NJ-16", "identifier-condition",
                        "residents.id_number"),
                a("select count(*) from residents where id_number < '8'", "NJ-16", "identifier-condition",
                        "residents.id_number"),
                a("select min(id_number) from residents", "NJ-16", "identifier-aggregate", "residents.id_number"),
                a("select string_agg(id_number, ',') from residents", "NJ-16", "identifier-aggregate",
                        "residents.id_number"),
                a("select v.id_number from medical_visits v join residents r on r.id_number = v.id_number", "NJ-16",
                        "identifier-output", "medical_visits.id_number"),
                // aggregate-only values
                a("select cost from medical_visits", "NJ-14", "aggregate-only-raw", "medical_visits.cost"),
                a("select cost + 0 from medical_visits", "NJ-14", "aggregate-only-raw", "medical_visits.cost"),
                a("select max(cost) from medical_visits", "NJ-14", "value-revealing-aggregate", "medical_visits.cost"),
                a("select min(cost) from medical_visits", "NJ-14", "value-revealing-aggregate", "medical_visits.cost"),
                a("select median(cost) from medical_visits", "NJ-14", "value-revealing-aggregate", "medical_visits.cost"),
                a("select quantile_cont(cost, 0.5) from medical_visits", "NJ-14", "value-revealing-aggregate",
                        "medical_visits.cost"),
                a("select any_value(cost) from medical_visits", "NJ-14", "value-revealing-aggregate",
                        "medical_visits.cost"),
                a("select arg_max(hospital, cost) from medical_visits", "NJ-14", "value-revealing-aggregate",
                        "medical_visits.cost"),
                a("select list(cost) from medical_visits", "NJ-14", "value-revealing-aggregate", "medical_visits.cost"),
                a("select histogram(cost) from medical_visits", "NJ-14", "value-revealing-aggregate",
                        "medical_visits.cost"),
                a("select mode(amount) from social_insurance", "NJ-14", "value-revealing-aggregate",
                        "social_insurance.amount"),
                a("select count(*) from medical_visits where cost > 512.5", "JL-prohibit", "aggregate-only-threshold",
                        "medical_visits.cost"),
                a("select count(*) from medical_visits where cost between 1234 and 1235", "JL-prohibit",
                        "aggregate-only-threshold", "medical_visits.cost"),
                a("select count(*) from medical_visits where cost * 0.997 - 34 > 1200", "JL-prohibit",
                        "aggregate-only-threshold", "medical_visits.cost"),
                a("select count(*) from medical_visits where cost in (100, 1234)", "JL-prohibit",
                        "aggregate-only-threshold", "medical_visits.cost"),
                a("select count(*) from medical_visits where cost > '1234.5'", "JL-prohibit",
                        "aggregate-only-threshold", "medical_visits.cost"),
                a("select count(*) from medical_visits v join residents r using (id_number) "
                        + "where v.cost > r.monthly_income", "JL-prohibit", "aggregate-only-threshold",
                        "medical_visits.cost"),
                a("select count(*) from medical_visits where cast(cost > 500 as integer) = 1", "JL-prohibit",
                        "aggregate-only-threshold", "medical_visits.cost"),
                a("select hospital, count(*) from medical_visits group by hospital having sum(cost) > 1000", null,
                        null, null),
                a("select sum(case when cost > 500 then 1 else 0 end) from medical_visits", "JL-prohibit",
                        "aggregate-only-condition", "medical_visits.cost"),
                a("select cost, count(*) from medical_visits group by cost", "JL-prohibit",
                        "aggregate-only-group-key", "medical_visits.cost"),
                a("select round(cost, -2) b, count(*) from medical_visits group by b", "JL-prohibit",
                        "aggregate-only-group-key", "medical_visits.cost"),
                a("select hospital, count(*) from medical_visits group by hospital order by sum(cost)", null, null, null),
                a("select sum(cost % 2) from medical_visits", "JL-prohibit", "aggregate-only-function",
                        "medical_visits.cost"),
                a("select sum(length(cast(cost as varchar))) from medical_visits", "JL-prohibit",
                        "aggregate-only-function", "medical_visits.cost"),
                a("select count(*) filter (where cost > 123) from medical_visits", "JL-prohibit",
                        "aggregate-only-threshold", "medical_visits.cost"),
                a("select cost > 500 from medical_visits", "JL-prohibit", "aggregate-only-condition",
                        "medical_visits.cost"),
                a("select count(*) from medical_visits v join social_insurance s on v.cost = s.amount", "JL-prohibit",
                        "aggregate-only-condition", null),
                a("with t as (select id_number, sum(cost) s from medical_visits group by id_number) "
                        + "select count(*) from t where s > 1234", "JL-prohibit", "aggregate-only-threshold",
                        "medical_visits.cost"),
                a("with t as (select id_number, sum(cost) - 34 s from medical_visits group by id_number) "
                        + "select count(*) from t where s > 1200", "JL-prohibit", "aggregate-only-threshold",
                        "medical_visits.cost"),
                a("with t as (select v.id_number, sum(v.cost) s from medical_visits v join social_insurance i "
                        + "on i.id_number = v.id_number group by v.id_number) select count(*) from t where s > 1200",
                        "JL-prohibit", "aggregate-only-threshold", "medical_visits.cost"),
                a("with t as (select cost * 0.997 - 34 c from medical_visits) select count(*) from t where c > 1200",
                        "JL-prohibit", "aggregate-only-threshold", "medical_visits.cost"),
                a("with t as (select id_number, sum(cost) s from medical_visits group by id_number "
                        + "having sum(cost * 1.01) > 1000) select count(*) from t", "JL-prohibit",
                        "aggregate-only-threshold", "medical_visits.cost"),
                a("with t as (select id_number, sum(cost) s from medical_visits group by id_number) "
                        + "select max(s) from t", "NJ-14", "value-revealing-aggregate", "medical_visits.cost"),
                a("select hospital, count(*) from medical_visits group by hospital having max(cost) > 10", "NJ-14",
                        "value-revealing-aggregate", "medical_visits.cost"),
                a("with t as (select hospital, cost, row_number() over (order by cost) rn from medical_visits) "
                        + "select count(*) from t", "JL-prohibit", "aggregate-only-order", "medical_visits.cost"),
                a("with t as (select lag(cost) over (partition by id_number) c from medical_visits) "
                        + "select avg(c) from t", "NJ-14", "window-value", "medical_visits.cost"),
                a("with t as (select sum(cost) over (partition by hospital) c from medical_visits) "
                        + "select avg(c) from t", "NJ-14", "window-value", "medical_visits.cost"),
                a("select sum(case when r.name = '王*' then v.cost else 0 end) from medical_visits v "
                        + "join residents r on r.id_number = v.id_number", "JL-prohibit", "aggregate-only-condition",
                        "medical_visits.cost"),
                a("select sum(v.cost * (1 + 999999 * cast(r.gender = 'F' as integer))) from medical_visits v "
                        + "join residents r on r.id_number = v.id_number", "JL-prohibit", "aggregate-only-mixed",
                        "medical_visits.cost"),
                a("select sum(cost * monthly_income) from medical_visits v join residents r using (id_number)",
                        "JL-prohibit", "aggregate-only-mixed", "medical_visits.cost"),
                // error channels: functions that fail on one value are not allowed
                a("select count(*) from residents where ln(case when gender = 'F' then 0 else 1 end) >= 0", "TZ-3",
                        "function", null),
                a("select length(repeat('x', 2000000000))", "TZ-3", "function", null),
                // functions not allowed
                a("select md5(gender) from residents", "TZ-3", "function", null),
                a("select regexp_extract(name, '.') from residents", "TZ-3", "function", null),
                a("select gender, count(*) from residents group by gender having sleep_ms(10) is null", "TZ-3",
                        "function", null),
                a("select cast(gender as blob) from residents", "TZ-3", "cast", null),
                // a masked text column cast to a type that cannot hold it (an error carrying the value)
                a("select cast(name as integer) as x from residents", "NJ-14", "cast-masked", "residents.name"),
                a("select count(*) from residents where try_cast(birth_date as date) is null", "NJ-14", "cast-masked",
                        "residents.birth_date"),
                // aggregates that return one member's value by order or frequency, or all values, across persons
                a("select string_agg(name, ',') from residents", "NJ-14", "value-revealing-release", "residents.name"),
                a("select first(gender order by region_code = '320104' desc) from residents", "NJ-14",
                        "value-revealing-release", "residents.gender"),
                a("select region_code, mode(birth_date) from residents group by 1", "NJ-14", "value-revealing-release",
                        "residents.birth_date"),
                a("select histogram(gender) from residents", "NJ-14", "value-revealing-release", "residents.gender"),
                a("select count(*) from (select gender from residents limit (select count(*) * 100 from residents "
                        + "where region_code = '320104')) t", "TZ-3", "limit-constant", null),
                // join conditions that can repeat one person's rows
                a("select sum(r.monthly_income) from residents r join medical_visits v on v.id_number = r.id_number "
                        + "or r.region_code = '320104'", "TZ-3", "join-condition", null),
                a("select count(v.id_number) from residents r left join medical_visits v on v.id_number = r.id_number "
                        + "and r.region_code = '320104'", "TZ-3", "join-condition", null),
                a("select count(*) from residents r join medical_visits v on v.id_number > r.id_number", "TZ-3",
                        "join-condition", null),
                a("select sum(r.monthly_income) from residents r left join (select '320104' as c union all "
                        + "select '320104') p on p.c = r.region_code", "TZ-3", "join-condition", null),
                // data-dependent window arguments (an error for one person's row)
                a("select count(*) from (select ntile(case when region_code = '320104' then 0 else 1 end) over () t "
                        + "from residents) s", "TZ-3", "window-constant", null),
                a("select count(*) from (select lag(gender, length(name)) over (order by region_code) t "
                        + "from residents) s", "TZ-3", "window-constant", null),
                // grouping sets, subqueries, windows on rows
                a("select gender, count(*) from residents group by rollup(gender)", "TZ-3", "grouping-sets", null),
                a("select gender, count(*) from residents group by cube(gender, region_code)", "TZ-3", "grouping-sets",
                        null),
                a("select gender, (select count(*) from residents) from residents", "TZ-3", "subquery", null),
                a("select gender, row_number() over () from residents", "TZ-3", "row-window", null),
                a("select gender, count(*) from residents group by gender union all select hospital, count(*) "
                        + "from medical_visits group by hospital", null, null, null),
                a("select gender, count(*) from residents group by gender union all select id_number, 1 "
                        + "from residents", "TZ-3", "setop-persons", null),
                a("select case when cost < 1234.5 then 'a' else 'b' end band, count(*) from medical_visits group by 1",
                        "JL-prohibit", "aggregate-only-threshold", "medical_visits.cost"),
                a("select case when cost > 1000 then cost else 0 end v, count(*) from medical_visits group by 1",
                        "JL-prohibit", "aggregate-only-group-key", "medical_visits.cost"),
                a("select case when cost > 1000 then 'a' else 'b' end band, count(*) from medical_visits group by 1 "
                        + "order by case when cost > 1000 then 1 else 0 end", "TZ-3", "not-grouped", null),
                a("select count(*) from (select gender from residents intersect select gender from residents) x",
                        "TZ-3", "setop", null),
                a("select count(*) from (select hospital from medical_visits except select hospital from medical_visits "
                        + "where cost > 1000) x", "TZ-3", "setop", null),
                a("select id_number from medical_visits intersect select id_number from social_insurance", "NJ-16",
                        "identifier-output", null));
    }

    private static Arguments a(String sql, @Nullable String rule, @Nullable String code, @Nullable String column) {
        return Arguments.of(sql, rule, code, column);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("attacks")
    void refusesWithTheRuleAndColumn(String sql, @Nullable String rule, @Nullable String code, @Nullable String column) {
        List<Refusal> refusals = refusals(sql);
        if (rule == null) {
            assertThat(refusals).as(sql).isEmpty();
            return;
        }
        assertThat(refusals).as(sql).isNotEmpty();
        assertThat(refusals).as(sql).anySatisfy(r -> {
            assertThat(r.rule().id()).isEqualTo(rule);
            assertThat(r.code()).isEqualTo("query.refusal." + code);
            if (column != null) {
                assertThat(r.column()).isEqualTo(column);
            }
        });
    }

    static Stream<String> legitimate() {
        return Stream.of(
                "select gender, count(*) from residents group by gender",
                "select region_code, gender, count(distinct id_number) persons, avg(monthly_income) from residents "
                        + "group by all order by 1, 2",
                "select substr(region_code, 1, 4) city, count(*) from residents group by city",
                "select v.visit_date, count(distinct v.id_number), sum(v.cost), avg(v.cost), stddev(v.cost) "
                        + "from medical_visits v join residents r on r.id_number = v.id_number where r.gender = 'F' "
                        + "group by v.visit_date order by v.visit_date",
                "with per_person as (select id_number, sum(cost) total, count(*) visits from medical_visits "
                        + "group by id_number) select case when visits >= 3 then 'many' else 'few' end band, "
                        + "count(*), avg(total) from per_person group by 1",
                "with t as (select region_code, count(*) n from residents group by region_code) "
                        + "select region_code, n, rank() over (order by n desc) from t",
                "select hospital, count(*) n, rank() over (order by count(*) desc) r from medical_visits group by hospital",
                "select date_trunc('month', cast(visit_date || '-01' as date)) m, count(*) from medical_visits group by m",
                "select extract(year from cast(visit_date || '-01' as date)) y, count(*) from medical_visits group by 1",
                "select case when birth_date in ('30-39', '40-49') then 'working' else 'other' end band, count(*) "
                        + "from residents group by band",
                "select r.region_code, avg(s.amount) from social_insurance s join residents r using (id_number) "
                        + "group by r.region_code",
                "select gender, count(*) from residents where id_number in (select id_number from medical_visits "
                        + "where hospital = '中医院') group by gender",
                "select gender, count(*) filter (where birth_date = '30-39') from residents group by gender",
                "select gender, count(*) from residents group by gender having count(*) > 20 order by 2 desc limit 5",
                "select gender, birth_date from residents",
                "select count(*) from residents",
                "-- 各区居民数\nselect region_code, count(*) as n /* 人数 */ from residents group by region_code;",
                "select count(*) from residents where name like '--%' /* a comment after a string */",
                "select count(*) from medical_visits where cost > 1000",
                "select hospital, count(*) from medical_visits where cost between 100 and 250 group by 1",
                "select count(*) filter (where cost > 500) expensive, count(*) from medical_visits",
                "select count(*) from medical_visits where cost is null or cost in (0, 50)",
                "with t as (select id_number, sum(cost) total from medical_visits group by id_number) "
                        + "select count(*) from t where total >= 5000",
                "with t as (select id_number, sum(cost) total from medical_visits group by id_number "
                        + "having sum(cost) > 2000) select count(*) from t",
                "select 'residents' as t, count(*) as n from residents union all select 'visits', count(*) "
                        + "from medical_visits",
                "with a as (select id_number from medical_visits where hospital = '中医院'), b as (select id_number "
                        + "from medical_visits where visit_date = '2025-01') select count(*) from (select id_number "
                        + "from a intersect select id_number from b) t",
                "select count(*) from (select id_number from medical_visits except select id_number "
                        + "from social_insurance) t",
                "select case when cost < 200 then 'low' when cost < 1000 then 'mid' else 'high' end band, count(*) "
                        + "from medical_visits group by 1 order by band",
                "select count(*) from residents r left join medical_visits v on v.id_number = r.id_number "
                        + "where v.id_number is null");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legitimate")
    void legitimateAnalysesPass(String sql) {
        assertThat(refusals(sql)).as(sql).extracting(r -> r.code() + " " + r.column()).isEmpty();
    }

    @Test
    void lineageFollowsCtesJoinsAndAggregates() {
        QueryAnalyzer.Analysis analysis = execution.analyze(workspace, """
                with per_person as (select id_number, sum(cost) total from medical_visits group by id_number)
                select r.gender, count(distinct r.id_number) persons, avg(p.total) avg_total
                from residents r join per_person p on p.id_number = r.id_number group by r.gender""");
        assertThat(analysis.refusals()).isEmpty();
        assertThat(analysis.aggregated()).isTrue();
        assertThat(analysis.columns()).hasSize(3);
        assertThat(analysis.columns().get(0).lineage().uses()).singleElement()
                .satisfies(u -> {
                    assertThat(u.qualified()).isEqualTo("residents.gender");
                    assertThat(u.via()).isEqualTo("group key");
                });
        assertThat(analysis.columns().get(1).disclosure().name()).isEqualTo("COUNT");
        assertThat(analysis.columns().get(1).lineage().uses()).singleElement()
                .satisfies(u -> assertThat(u.via()).isEqualTo("aggregate count distinct"));
        assertThat(analysis.columns().get(2).disclosure().name()).isEqualTo("AGGREGATE");
        assertThat(analysis.columns().get(2).lineage().uses()).singleElement().satisfies(u -> {
            assertThat(u.qualified()).isEqualTo("medical_visits.cost");
            assertThat(u.treatment()).isEqualTo(ColumnTreatment.AGGREGATE_ONLY);
            assertThat(u.via()).isEqualTo("aggregate avg");
        });
        assertThat(analysis.personCounts()).isEqualTo(2);
    }

    @Test
    void refusalsCarryThePositionOfTheNode() {
        List<Refusal> refusals = refusals("select gender, cost from medical_visits v join residents r using (id_number)");
        assertThat(refusals).singleElement().satisfies(r -> {
            assertThat(r.column()).isEqualTo("medical_visits.cost");
            assertThat(r.position()).isEqualTo(15);
        });
    }
}
