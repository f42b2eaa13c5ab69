package org.pdao.dataspace.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.identity.DemoOrganizations;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.pdao.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * End to end through the public API on the demo city: a developer's governed query → the output gate (automatic
 * release of an aggregate-only result; review of a row-level one) → watermarked downloads by two developers of the
 * same organization → a leaked, shuffled, truncated, reformatted copy traced to the right developer.
 */
class GovernedOutputEndToEndIntegrationTest extends ApiTest {

    @Autowired
    ZoneDatasets datasets;

    @Autowired
    Clock clock;

    @Test
    void queryReviewDownloadAndLeakTrace() throws Exception {
        GateFixture fixture = new GateFixture(api, datasets, clock, this::login);
        UUID workspace = fixture.workspace(fixture.grant("出域审核端到端测试", "residents"));
        String developer = login("developer");
        String queries = "/api/v1/workspaces/" + workspace + "/queries";

        String sql = """
                select region_code, birth_date as age_band, count(*) as persons,
                       avg(monthly_income) as avg_income
                from residents group by region_code, birth_date order by region_code desc, age_band""";
        Api.Response aggregate = api.post(queries, developer, Map.of("sql", sql));
        assertThat(aggregate.status()).as(aggregate.body()).isEqualTo(201);
        assertThat(aggregate.text("state")).as(aggregate.body()).isEqualTo("RELEASED");
        String qid = aggregate.text("id");
        int rows = aggregate.json().path("rows").size();
        assertThat(rows).isGreaterThan(20);
        // the watermark keeps the analyst's ORDER BY and group keys exactly
        List<String> shownKeys = new ArrayList<>();
        for (var row : aggregate.json().path("rows")) {
            shownKeys.add(row.get(0).asString() + "|" + row.get(1).asString());
        }
        List<String> sortedKeys = new ArrayList<>(shownKeys);
        sortedKeys.sort(java.util.Comparator.comparing((String k) -> k.substring(0, k.indexOf('|')))
                .reversed().thenComparing(k -> k.substring(k.indexOf('|') + 1)));
        assertThat(shownKeys).isEqualTo(sortedKeys);
        assertThat(String.join("", shownKeys)).doesNotContainPattern("[\\u2010-\\u2015\\u2212\\u2215\\u30FB\\uFF01-\\uFF5E]");

        Api.Response rowLevel = api.post(queries, developer, Map.of("sql",
                "select gender, region_code from residents limit 40"));
        assertThat(rowLevel.status()).as(rowLevel.body()).isEqualTo(201);
        assertThat(rowLevel.text("state")).as(rowLevel.body()).isEqualTo("PENDING_REVIEW");
        assertThat(rowLevel.json().path("rows").isEmpty()).isTrue();
        String held = rowLevel.text("id");
        assertThat(api.download(queries + "/" + held + "/download", developer).getKey()).isEqualTo(409);

        String operator = login("operator");
        Api.Response pending = api.get("/api/v1/output-reviews?size=200", operator);
        String resultId = null;
        for (var item : pending.json().path("items")) {
            if (item.path("queryId").asString().equals(held)) {
                resultId = item.path("resultId").asString();
            }
        }
        assertThat(resultId).as(pending.body()).isNotNull();
        assertThat(api.get("/api/v1/output-reviews/" + resultId, operator).json().path("rows").size()).isPositive();
        Api.Response decided = api.post("/api/v1/output-reviews/" + resultId + "/decisions", operator,
                Map.of("decision", "APPROVE_WITH_CHANGE", "reason", "只保留性别列", "change",
                        Map.of("dropColumns", List.of("region_code"))));
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        Api.Response shown = api.get(queries + "/" + held, developer);
        assertThat(shown.text("state")).as(shown.body()).isEqualTo("RELEASED_WITH_CHANGE");
        Api.Response trail = api.get("/api/v1/output-reviews/" + resultId + "/trail", operator);
        assertThat(trail.json().path("transitions").findValuesAsString("to"))
                .containsExactly("PENDING_REVIEW", "RELEASED_WITH_CHANGE");
        assertThat(trail.json().path("transitions").get(1).path("reason").asString()).isEqualTo("只保留性别列");

        // two developers of the organization download the aggregate; each copy is marked for its downloader
        String second = secondDeveloper();
        byte[] firstCsv = api.download(queries + "/" + qid + "/download?format=csv", developer).getValue();
        byte[] secondCsv = api.download(queries + "/" + qid + "/download?format=csv", second).getValue();
        assertThat(firstCsv).isNotEqualTo(secondCsv);
        assertThat(csvKeys(firstCsv)).isEqualTo(shownKeys);
        assertThat(csvKeys(secondCsv)).isEqualTo(shownKeys);
        // many similar results: the same query again, each result downloaded by both developers (same values,
        // other marks) — the trace must still name the right result and recipient, with a margin
        for (int again = 0; again < 4; again++) {
            Api.Response repeated = api.post(queries, developer, Map.of("sql", sql));
            assertThat(repeated.text("state")).as(repeated.body()).isEqualTo("RELEASED");
            for (String who : List.of(developer, second)) {
                assertThat(api.download(queries + "/" + repeated.text("id") + "/download?format=csv", who).getKey())
                        .isEqualTo(200);
            }
        }
        String releasedId = null;
        // the operator's released results of every test in this database, oldest first: page until this one
        for (int page = 0; releasedId == null; page++) {
            var items = api.get("/api/v1/output-reviews?state=RELEASED&size=200&page=" + page, operator).json()
                    .path("items");
            assertThat(items.isEmpty()).as("result of query " + qid + " not among the released results").isFalse();
            for (var item : items) {
                if (item.path("queryId").asString().equals(qid)) {
                    releasedId = item.path("resultId").asString();
                }
            }
        }
        Api.Response issues = api.get("/api/v1/output-reviews/" + releasedId + "/trail", operator);
        // the query response's rows and both downloads are registered issues
        assertThat(issues.json().path("issues").findValuesAsString("username")).hasSizeGreaterThanOrEqualTo(3)
                .contains("developer").anyMatch(u -> u.startsWith("gate"));
        assertThat(issues.json().path("issues").findValuesAsString("format")).contains("API", "CSV");

        for (int who = 0; who < 2; who++) {
            byte[] leaked = leak(who == 0 ? firstCsv : secondCsv, who);
            Api.Response trace = api.multipart("/api/v1/leak-traces", operator, "found.txt", leaked);
            assertThat(trace.status()).as(trace.body()).isEqualTo(200);
            assertThat(trace.json().path("traced").asBoolean()).as(trace.body()).isTrue();
            assertThat(trace.text("queryId")).isEqualTo(qid);
            assertThat(trace.json().path("recipient").path("organizationId").asString())
                    .isEqualTo(DemoOrganizations.DEVELOPER.toString());
            assertThat(trace.json().path("confidence").asDouble()).isGreaterThan(0.999999);
            assertThat(trace.json().path("chanceProbability").asDouble()).isLessThan(1e-6);
            assertThat(trace.json().path("candidates").asInt()).isGreaterThanOrEqualTo(10);
            assertThat(trace.json().path("runnerUp").path("marginLog10").asDouble()).as(trace.body())
                    .isGreaterThanOrEqualTo(6);
            if (who == 0) {
                assertThat(trace.json().path("recipient").path("username").asString()).isEqualTo("developer");
            } else {
                assertThat(trace.json().path("recipient").path("username").asString()).startsWith("gate");
            }
        }
    }

    /** The group keys of a downloaded CSV, in the file's order. */
    private static List<String> csvKeys(byte[] csv) {
        List<String> lines = new ArrayList<>(List.of(new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "")
                .split("\r\n")));
        lines.remove(0);
        return lines.stream().map(l -> l.split(",", -1)).map(c -> c[0] + "|" + c[1]).toList();
    }

    /** Shuffled, 30 % of the rows, pasted from a spreadsheet: tab-separated, numbers with thousands separators. */
    private static byte[] leak(byte[] csv, int seed) {
        List<String> lines = new ArrayList<>(List.of(new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "")
                .split("\r\n")));
        String header = lines.remove(0);
        Collections.shuffle(lines, new Random(seed));
        lines = lines.subList(0, (int) Math.ceil(lines.size() * 0.3));
        StringBuilder out = new StringBuilder(header.replace(',', '\t')).append('\n');
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length; i++) {
                String c = cells[i];
                if (i == 3 && !c.isEmpty()) {
                    c = String.format("%,.4f", new java.math.BigDecimal(c));
                }
                out.append(i == 0 ? "" : "\t").append(' ').append(c).append(' ');
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String secondDeveloper() {
        String username = TestData.username("gate");
        Api.Response created = api.post("/api/v1/users", login("sysadmin"), Map.of("username", username,
                "displayName", "智算科技 第二开发者", "organizationId", DemoOrganizations.DEVELOPER.toString(), "roles",
                List.of("DEVELOPER"), "initialPassword", "Start#Pass2026"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return api.post("/api/v1/auth/login", null, Map.of("username", username, "password", "Start#Pass2026"))
                .text("token");
    }
}
