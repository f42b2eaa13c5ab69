package org.pdao.dataspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.corpus.CorpusRunner.Result;
import org.pdao.dataspace.corpus.CorpusRunner.Verdict;
import org.pdao.dataspace.corpus.QueryCorpus.Entry;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.dataspace.internal.query.WorkspaceGateway;
import org.pdao.identity.DemoOrganizations;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.shared.Actor;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The adversarial query corpus (issue 5) through the public REST API, as the demo developer on a workspace of
 * the demo city set up through the API (agreement → request → approval → filing → workspace): one dynamic test
 * per corpus entry, judged by an oracle on the same workspace file, then a summary — refusal rate on attacks,
 * false-refusal rate on legitimate analyses, leaks — written to {@code target/query-corpus-summary.md}. Fails on
 * any leak and on more than 5 % false refusals, except entries listed in {@code known-failures.yaml}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// a short time limit so that the dozen resource attacks end within the CI budget (the default is 30 s)
@TestPropertySource(properties = "pdao.query.time-limit=PT3S")
class GovernedQueryCorpusIntegrationTest extends ApiTest {

    static final String SCENARIO = "区域医疗资源配置分析";
    private static final double MAX_FALSE_REFUSALS = 0.05;

    @Autowired
    WorkspaceGateway gateway;

    @Autowired
    ZoneDatasets datasets;

    @Autowired
    JurisdictionProfiles profiles;

    private final Map<String, Result> results = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private RawWorkspace raw;

    @TestFactory
    Stream<DynamicNode> corpus() throws Exception {
        QueryCorpus corpus = QueryCorpus.load();
        int k = (int) ((org.pdao.jurisdiction.EntryValue.Count) profiles.active().platformDefault("query.group-size.min")).value();
        Zone zone = datasets.zoneByCode(GovernedWorkspace.ZONE).orElseThrow();
        Map<String, List<String>> columns = new java.util.LinkedHashMap<>();
        for (String dataset : GovernedWorkspace.DATASETS) {
            columns.put(dataset, new ArrayList<>(datasets.dataset(zone.id(), dataset).orElseThrow().grades().keySet()));
        }
        UUID workspace = new GovernedWorkspace(api, this::login).prepare(zone.id(), columns, SCENARIO);
        Actor developer = new Actor(null, "developer", DemoOrganizations.DEVELOPER, List.of("DEVELOPER"), null);
        raw = new RawWorkspace(gateway.openForQuery(workspace, developer));
        Map<String, String> values = CorpusRunner.placeholders(raw, k);
        String reviewerName = System.getProperty("pdao.corpus.reviewer", "operator");
        CorpusRunner runner = new CorpusRunner(api, workspace, token("developer"), token(reviewerName), raw, k);

        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("oracle: every entry's oracle SQL runs on the unrestricted workspace",
                () -> oracleRuns(corpus, values)));
        for (Entry entry : corpus.attacks()) {
            Entry e = entry.resolved(values);
            nodes.add(DynamicTest.dynamicTest(e.id() + " [" + e.file() + "] " + e.description(),
                    () -> judge(e, runner.attack(e), corpus)));
        }
        for (Entry entry : corpus.legitimate()) {
            Entry e = entry.resolved(values);
            nodes.add(DynamicTest.dynamicTest(e.id() + " [legitimate] " + e.description(),
                    () -> judge(e, runner.legitimate(e), corpus)));
        }
        nodes.add(DynamicTest.dynamicTest("summary: no leak, false refusals ≤ 5 %", () -> summary(corpus, k, runner)));
        return nodes.stream();
    }

    private void oracleRuns(QueryCorpus corpus, Map<String, String> values) {
        List<Entry> all = new ArrayList<>(corpus.attacks());
        all.addAll(corpus.legitimate());
        for (Entry entry : all) {
            Entry e = entry.resolved(values);
            for (String sql : new String[] {e.persons(), e.secret(), e.reveals(), e.spread(),
                    e.pair() == null ? null : e.pair().secret(),
                    e.kind().equals("legitimate") ? (e.oracle() != null ? e.oracle() : e.sql()) : null}) {
                if (sql != null) {
                    raw.rows(sql);
                }
            }
        }
    }

    private Supplier<String> token(String username) {
        return () -> tokens.computeIfAbsent(username, this::login);
    }

    private void judge(Entry e, Result result, QueryCorpus corpus) {
        results.put(e.id(), result);
        String known = corpus.knownFailures().get(e.id());
        if (!result.verdict().pass && known != null) {
            Assumptions.abort("known failure (" + known + "): " + result.verdict() + " " + result.detail());
        }
        assertThat(result.verdict().pass).as("%s %s: %s — %s", e.id(), e.expect(), result.verdict(), result.detail())
                .isTrue();
    }

    private void summary(QueryCorpus corpus, int k, CorpusRunner runner) throws IOException {
        Map<String, int[]> byClass = new TreeMap<>();
        int attacks = 0;
        int refused = 0;
        int leaks = 0;
        int unknownLeaks = 0;
        int failedAttacks = 0;
        int dryRuns = 0;
        int dryRunDisagrees = 0;
        List<String> dryRunIds = new ArrayList<>();
        StringBuilder failures = new StringBuilder();
        for (Entry e : corpus.attacks()) {
            Result r = results.get(e.id());
            if (r == null) {
                continue;
            }
            attacks++;
            int[] c = byClass.computeIfAbsent(e.file(), x -> new int[6]);
            c[0]++;
            switch (r.verdict()) {
                case REFUSED, LIMITED -> c[1]++;
                case HELD, SAFE_RELEASE -> c[2]++;
                case LEAK -> c[3]++;
                default -> c[4]++;
            }
            if (r.verdict() == Verdict.REFUSED || r.verdict() == Verdict.LIMITED) {
                refused++;
            }
            if (r.dryRunAllowed() != null && r.verdict() == Verdict.REFUSED) {
                dryRuns++;
                if (r.dryRunAllowed()) {
                    dryRunDisagrees++;
                    dryRunIds.add(e.id());
                }
            }
            if (r.verdict() == Verdict.LEAK) {
                leaks++;
                if (!corpus.knownFailures().containsKey(e.id())) {
                    unknownLeaks++;
                }
            }
            if (!r.verdict().pass) {
                failedAttacks++;
                failures.append("| ").append(e.id()).append(" | ").append(r.verdict()).append(" | ")
                        .append(r.detail().replace("|", "/")).append(" |\n");
            }
        }
        int legit = 0;
        int falseRefusals = 0;
        int unknownFalseRefusals = 0;
        int wrong = 0;
        int correct = 0;
        int secondary = 0;
        for (Entry e : corpus.legitimate()) {
            Result r = results.get(e.id());
            if (r == null) {
                continue;
            }
            legit++;
            if (r.detail().contains("(cells suppressed by the release ledger)")) {
                secondary++;
            }
            switch (r.verdict()) {
                case CORRECT -> correct++;
                case FALSE_REFUSAL, ERROR -> {
                    falseRefusals++;
                    if (!corpus.knownFailures().containsKey(e.id())) {
                        unknownFalseRefusals++;
                    }
                }
                case LEAK -> {
                    leaks++;
                    if (!corpus.knownFailures().containsKey(e.id())) {
                        unknownLeaks++;
                    }
                }
                default -> wrong++;
            }
            if (!r.verdict().pass) {
                failures.append("| ").append(e.id()).append(" | ").append(r.verdict()).append(" | ")
                        .append(r.detail().replace("|", "/")).append(" |\n");
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("## Governed queries — adversarial corpus\n\n");
        md.append(String.format(Locale.ROOT, "k = %d; %d attacks, %d legitimate analyses.%n%n", k, attacks, legit));
        md.append("| class | attacks | refused (incl. limit errors) | held or safe release | leaks | other failures |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        byClass.forEach((name, c) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", name,
                c[0], c[1], c[2], c[3], c[4])));
        md.append(String.format(Locale.ROOT, "%nRefusal rate on attacks: %d/%d = %.1f %%; attacks passed (refused, limit, "
                + "held or safe): %d/%d; leaks: %d.%n", refused, attacks, pct(refused, attacks), attacks - failedAttacks,
                attacks, leaks));
        md.append(String.format(Locale.ROOT, "Dry run: of %d attacks refused on execution, the dry run called %d "
                + "allowed%s.%n", dryRuns, dryRunDisagrees, dryRunIds.isEmpty() ? "" : " (" + String.join(", ", dryRunIds) + ")"));
        md.append(String.format(Locale.ROOT, "Legitimate analyses: %d correct (%d of them with cells suppressed by the "
                + "release ledger), %d false refusals (%.1f %%), %d wrong results, of %d.%n", correct, secondary,
                falseRefusals, pct(falseRefusals, legit), wrong, legit));
        if (failures.length() > 0) {
            md.append("\n| entry | verdict | detail |\n|---|---|---|\n").append(failures);
        }
        System.out.println(md);
        Path out = Path.of("target", "query-corpus-summary.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        assertThat(unknownLeaks).as("leaks not listed as known failures").isZero();
        assertThat((double) unknownFalseRefusals / Math.max(1, legit)).as("false-refusal rate")
                .isLessThanOrEqualTo(MAX_FALSE_REFUSALS);
    }

    private static double pct(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    @AfterAll
    void closeOracle() throws Exception {
        if (raw != null) {
            raw.close();
        }
    }
}
