package org.pdao.dataspace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.pdao.catalog.CatalogDirectory;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.dataspace.GeneratedCity;
import org.pdao.dataspace.SyntheticCity;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.ZoneKind;
import org.pdao.dataspace.corpus.CorpusRunner;
import org.pdao.dataspace.corpus.GovernedWorkspace;
import org.pdao.dataspace.corpus.QueryCorpus;
import org.pdao.dataspace.corpus.RawWorkspace;
import org.pdao.dataspace.internal.query.WorkspaceGateway;
import org.pdao.identity.DemoOrganizations;
import org.pdao.shared.Actor;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Governed execution against raw DuckDB on the same workspace (issue 5): a synthetic city of
 * {@code -Dpdao.benchmark.residents} residents (default 20 000, about 1e5 rows over the four tables; about
 * 1.94 million residents give 10 million rows) is loaded into a zone of its own, the demo rules are approved
 * for it through the API, the demo developer's workspace is prepared through the API, and every legitimate
 * query of the corpus runs {@code -Dpdao.benchmark.repetitions} times (default 5, after one warm-up) through
 * {@code POST /queries} and on an unrestricted DuckDB connection to the same workspace file. Reports per query
 * the median governed and raw times, their ratio, and the dry-run time (the validation cost), and the median
 * ratio over all queries, into {@code target/governed-query-benchmark.md}.
 *
 * <p>Run: {@code ./mvnw -B -ntp -o test -Dpdao.excludedGroups=none -Dtest=GovernedQueryBenchmark
 * -Dpdao.benchmark.residents=1940000}.
 */
@Tag("benchmark")
class GovernedQueryBenchmark extends ApiTest {

    private static final long SEED = 20_260_101L;

    @Autowired
    ZoneRegistry zones;

    @Autowired
    DatasetIngestion ingestion;

    @Autowired
    CatalogDirectory catalog;

    @Autowired
    WorkspaceGateway gateway;

    @Autowired
    DataspaceSettings settings;

    @Autowired
    ZoneDatasets datasets;

    @Test
    void governedQueriesAgainstRawDuckDb() throws Exception {
        int residents = Integer.getInteger("pdao.benchmark.residents", 20_000);
        int repetitions = Integer.getInteger("pdao.benchmark.repetitions", 5);
        Zone zone = benchmarkZone(residents);
        String operator = login("operator");
        String authority = login("authority");
        approveDemoRules(zone, operator, authority);
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String dataset : GovernedWorkspace.DATASETS) {
            columns.put(dataset, new ArrayList<>(datasets.dataset(zone.id(), dataset).orElseThrow().grades().keySet()));
        }
        UUID workspace = new GovernedWorkspace(api, this::login).prepare(zone.id(), zone.code(), columns,
                "区域医疗资源配置分析");
        Actor developer = new Actor(null, "developer", DemoOrganizations.DEVELOPER, List.of("DEVELOPER"), null);
        String token = login("developer");
        StringBuilder report = new StringBuilder();
        List<Double> ratios = new ArrayList<>();
        List<Double> validations = new ArrayList<>();
        long rows = 0;
        try (RawWorkspace raw = new RawWorkspace(gateway.openForQuery(workspace, developer))) {
            for (String t : GovernedWorkspace.DATASETS) {
                rows += Long.parseLong(String.valueOf(raw.single("select count(*) from " + t)));
            }
            Map<String, String> values = CorpusRunner.placeholders(raw, 10);
            report.append(String.format(Locale.ROOT, "%d residents, %d rows in the workspace, %d repetitions%n%n",
                    residents, rows, repetitions));
            report.append("| query | governed ms (median) | raw ms (median) | ratio | dry-run ms (median) | state |\n");
            report.append("|---|---:|---:|---:|---:|---|\n");
            for (QueryCorpus.Entry entry : QueryCorpus.load().legitimate()) {
                String sql = entry.resolved(values).sql();
                List<Double> governed = new ArrayList<>();
                List<Double> direct = new ArrayList<>();
                List<Double> dry = new ArrayList<>();
                String state = "";
                for (int i = 0; i <= repetitions; i++) {
                    long t0 = System.nanoTime();
                    Api.Response answer = api.post("/api/v1/workspaces/" + workspace + "/queries", token, Map.of("sql", sql));
                    long t1 = System.nanoTime();
                    boolean rawFailed = false;
                    try {
                        raw.rows(sql);
                    } catch (IllegalStateException engineBug) {
                        // e.g. DuckDB 1.5.0's Top-N on non-ASCII VARCHAR (duckdb/duckdb#21160): no raw time to compare
                        rawFailed = true;
                    }
                    long t2 = System.nanoTime();
                    if (rawFailed) {
                        state = "raw DuckDB fails";
                        break;
                    }
                    api.post("/api/v1/workspaces/" + workspace + "/queries/dry-run", token, Map.of("sql", sql));
                    long t3 = System.nanoTime();
                    state = answer.status() + " " + answer.text("state") + answer.text("code");
                    if (i > 0) {
                        governed.add((t1 - t0) / 1e6);
                        direct.add((t2 - t1) / 1e6);
                        dry.add((t3 - t2) / 1e6);
                    }
                }
                if (direct.isEmpty()) {
                    report.append("| ").append(entry.id()).append(" | – | – | – | – | ").append(state).append(" |\n");
                    continue;
                }
                double g = median(governed);
                double r = median(direct);
                double ratio = g / Math.max(r, 0.001);
                ratios.add(ratio);
                validations.add(median(dry));
                report.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.1f | %s |%n", entry.id(), g, r,
                        ratio, median(dry), state));
            }
        }
        report.append(String.format(Locale.ROOT, "%nMedian ratio governed/raw: %.2f; median validation (dry-run) cost: "
                + "%.1f ms per query.%n", median(ratios), median(validations)));
        System.out.println(report);
        Path out = Path.of("target", "governed-query-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString(), StandardCharsets.UTF_8);
        assertThat(ratios).isNotEmpty();
    }

    /** A zone of its own holding a synthetic city of the requested size, loaded like the demo city. */
    private Zone benchmarkZone(int residents) throws Exception {
        Zone demo = zones.findByCode(DemoZones.COMPREHENSIVE).orElseThrow();
        String code = "BENCH-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        Zone zone = zones.create(new ZoneRegistry.NewZone(code, "基准测试专区", "Benchmark zone", ZoneKind.COMPREHENSIVE,
                null, demo.supervisorOrganizationId(), demo.operatorOrganizationId()));
        Path dir = Files.createTempDirectory(Files.createDirectories(settings.uploadDir()), "bench-city");
        try {
            GeneratedCity city = SyntheticCity.generate(SEED, residents, dir);
            assertThat(city.files()).hasSize(4);
            Map<String, String> resources = Map.of(SyntheticCity.RESIDENTS, "居民基本信息", SyntheticCity.ENTERPRISES,
                    "企业登记信息", SyntheticCity.SOCIAL_INSURANCE, "社会保险缴费记录", SyntheticCity.MEDICAL_VISITS, "医疗就诊记录");
            for (Map.Entry<String, String> file : resources.entrySet()) {
                CatalogResourceView resource = catalog.resourceNamed(DemoOrganizations.HRSS_SOURCE_UNIT, file.getValue())
                        .orElseThrow();
                try (InputStream in = Files.newInputStream(dir.resolve(file.getKey()))) {
                    ingestion.startUpload(zone, in, DatasetIngestion.UploadFormat.CSV, "UTF-8",
                            new DatasetIngestion.Request(file.getKey().replace(".csv", ""), resource.id(), null,
                                    Map.of()), Actor.system(), false);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return zone;
    }

    /** The demo zone's rules (DemoAccess), written by the operator and approved by the authority through the API. */
    private void approveDemoRules(Zone zone, String operator, String authority) {
        List<List<Object>> rules = List.of(
                List.of("residents", "name", "MASK_SHOW_FIRST_N", Map.of("n", "1")),
                List.of("residents", "phone", "MASK_SHOW_LAST_N", Map.of("n", "4")),
                List.of("residents", "birth_date", "GENERALISE_AGE_BAND", Map.of("width", "10")),
                List.of("residents", "address", "SUPPRESS", Map.of()),
                List.of("residents", "monthly_income", "NOISE_BOUNDED",
                        Map.of("distribution", "LAPLACE", "scale", "200", "clamp", "1000")),
                List.of("social_insurance", "base", "NOISE_BOUNDED",
                        Map.of("distribution", "LAPLACE", "scale", "100", "clamp", "500")),
                List.of("social_insurance", "amount", "KEEP_RAW_AGGREGATE_ONLY", Map.of()),
                List.of("medical_visits", "visit_date", "GENERALISE_DATE", Map.of("level", "MONTH")),
                List.of("medical_visits", "icd10", "MASK_SHOW_FIRST_N", Map.of("n", "3", "mask", "*")),
                List.of("medical_visits", "cost", "KEEP_RAW_AGGREGATE_ONLY", Map.of()));
        for (List<Object> rule : rules) {
            Api.Response written = api.post("/api/v1/desensitization-rules", operator, Map.of("zoneId", zone.id(),
                    "dataset", rule.get(0), "column", rule.get(1), "method", rule.get(2), "params", rule.get(3)));
            assertThat(written.status()).as(written.body()).isEqualTo(201);
            String id = written.text("id");
            assertThat(api.post("/api/v1/desensitization-rules/" + id + "/submission", operator, null).status())
                    .isEqualTo(200);
            Api.Response approved = api.post("/api/v1/desensitization-rules/" + id + "/approval", authority, null);
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
