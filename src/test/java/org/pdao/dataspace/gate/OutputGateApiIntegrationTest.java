package org.pdao.dataspace.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
import org.pdao.dataspace.internal.gate.OutputGate;
import org.pdao.dataspace.internal.gate.ResultColumn;
import org.pdao.dataspace.internal.gate.ResultColumn.Disclosure;
import org.pdao.dataspace.internal.gate.ResultState;
import org.pdao.dataspace.internal.gate.ResultSubmission;
import org.pdao.identity.DemoOrganizations;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.pdao.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Output review, downloads and leak tracing through HTTP (contract 5–8), on results handed to the gate as the governed
 * executor hands them: a held result is reviewed only by the zone operator's reviewers, with reasons, a change applied
 * to what is released and the original kept; a decided result cannot be decided again (409, rule); two developers of
 * one organization download the same result and a leaked, shuffled, truncated, reformatted copy of each traces to the
 * right one; a file never issued is not traced.
 */
class OutputGateApiIntegrationTest extends ApiTest {

    @Autowired
    OutputGate gate;

    @Autowired
    ZoneDatasets datasets;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static UUID grant;

    private UUID grant() {
        if (grant == null) {
            grant = new GateFixture(api, datasets, clock, this::login).grant("出域审核接口测试");
        }
        return grant;
    }

    static final List<ResultColumn> COLUMNS = List.of(new ResultColumn("region_code", "VARCHAR", Disclosure.CLEAR),
            new ResultColumn("age_band", "VARCHAR", Disclosure.CLEAR),
            new ResultColumn("persons", "BIGINT", Disclosure.COUNT),
            new ResultColumn("avg_income", "DOUBLE", Disclosure.AGGREGATE),
            new ResultColumn("avg_cost", "DOUBLE", Disclosure.AGGREGATE));

    private ResultSubmission submission(boolean aggregateOnly) {
        List<List<Object>> rows = new ArrayList<>();
        Random random = new Random(3);
        for (int region = 0; region < 6; region++) {
            for (int band = 0; band < 10; band++) {
                rows.add(List.of("3212" + String.format("%02d", region), (band * 10) + "-" + (band * 10 + 9),
                        (long) (10 + random.nextInt(400)), 3000 + random.nextInt(9000) + random.nextInt(100) / 100.0,
                        100 + random.nextInt(900) + random.nextInt(100) / 100.0));
            }
        }
        return new ResultSubmission(UUID.randomUUID(), UUID.randomUUID(), grant(), DemoOrganizations.DEVELOPER, null,
                "select region_code, age_band, count(*) persons, avg(monthly_income), avg(cost) from t group by 1, 2",
                COLUMNS, rows, aggregateOnly, List.of("suppressed groups: 0"));
    }

    @Test
    void aReviewerOfTheOperatorApprovesWithAChangeAndTheOriginalStaysSealed() {
        ResultSubmission held = submission(false);
        OutputGate.GateDecision decision = gate.submit(held);
        assertThat(decision.state()).isEqualTo(ResultState.PENDING_REVIEW);
        String id = decision.resultId().toString();
        String operator = login("operator");
        String developer = login("developer");

        assertThat(api.get("/api/v1/output-reviews", developer).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/output-reviews/" + id, login("authority")).status()).isEqualTo(403);
        Api.Response list = api.get("/api/v1/output-reviews?state=PENDING_REVIEW&size=200", operator);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("items").findValuesAsString("resultId")).contains(id);
        assertThat(api.get("/api/v1/output-reviews?state=NOPE", operator).status()).isEqualTo(400);

        Api.Response shown = api.get("/api/v1/output-reviews/" + id, operator);
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.json().path("rows")).hasSize(60);
        assertThat(shown.text("sql")).contains("group by");
        assertThat(shown.json().path("holdReasons").get(0).path("code").asString())
                .isEqualTo("gate.hold.not-aggregate-only");
        assertThat(shown.text("reviewDueOn")).isNotBlank();

        // a reviewer never reviews results of its own organization (here: the operator's own workspace)
        ResultSubmission operatorsOwn = submission(false);
        operatorsOwn = new ResultSubmission(operatorsOwn.queryId(), operatorsOwn.workspaceId(), grant(),
                DemoOrganizations.OPERATOR, null, operatorsOwn.sql(), COLUMNS, operatorsOwn.rows(), false, List.of());
        UUID ownId = gate.submit(operatorsOwn).resultId();
        Api.Response own = api.get("/api/v1/output-reviews/" + ownId, operator);
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.text("code")).isEqualTo("gate.review.own-organization");
        assertThat(own.text("rule")).isEqualTo("TZ-3");

        // bad input changes nothing
        String decisions = "/api/v1/output-reviews/" + id + "/decisions";
        Api.Response noReason = api.post(decisions, operator, Map.of("decision", "REJECT"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.text("code")).isEqualTo("gate.decision.reason-required");
        assertThat(api.post(decisions, operator, Map.of("decision", "MAYBE", "reason", "x")).status()).isEqualTo(400);
        Api.Response unknownColumn = api.post(decisions, operator, Map.of("decision", "APPROVE_WITH_CHANGE",
                "reason", "删除敏感列", "change", Map.of("dropColumns", List.of("salary"))));
        assertThat(unknownColumn.status()).isEqualTo(400);
        assertThat(unknownColumn.text("code")).isEqualTo("gate.change.unknown-column");
        assertThat(api.post(decisions, operator, Map.of("decision", "APPROVE_WITH_CHANGE", "reason", "越界",
                "change", Map.of("suppressRows", List.of(60)))).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/output-reviews/" + id, operator).text("state")).isEqualTo("PENDING_REVIEW");
        assertThat(api.download("/api/v1/workspaces/" + held.workspaceId() + "/queries/" + held.queryId()
                + "/download?format=csv", developer).getKey()).isEqualTo(409);

        Api.Response approved = api.post(decisions, operator, Map.of("decision", "APPROVE_WITH_CHANGE",
                "reason", "删除就诊费用列，屏蔽首行，人数取整到5", "change",
                Map.of("dropColumns", List.of("avg_cost"), "suppressRows", List.of(0), "roundTo", 5)));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.text("state")).isEqualTo("RELEASED_WITH_CHANGE");
        assertThat(approved.text("decidedBy")).isEqualTo("operator");

        Api.Response again = api.post(decisions, operator, Map.of("decision", "REJECT", "reason", "再审"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("gate.transition.refused");
        assertThat(again.text("rule")).isEqualTo("TZ-3");
        assertThat(again.text("article")).contains("第三条");

        Map.Entry<Integer, byte[]> file = api.download("/api/v1/workspaces/" + held.workspaceId() + "/queries/"
                + held.queryId() + "/download?format=json", developer);
        assertThat(file.getKey()).isEqualTo(200);
        JsonNode rows = JSON.readTree(file.getValue());
        assertThat(rows).hasSize(59);
        for (JsonNode row : rows) {
            assertThat(row.has("avg_cost")).isFalse();
            assertThat(row.path("persons").asLong() % 5).isZero();
        }
        // the original is kept sealed as it was submitted
        assertThat(api.get("/api/v1/output-reviews/" + id, operator).json().path("rows")).hasSize(60);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'dataspace.output-released-with-change' "
                + "and target_id = ? and rule_id = 'TZ-3' and reason like '删除%'").param(id).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from dataspace_gate_transition where result_id = ?")
                .param(decision.resultId()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aRejectedResultNeverLeaves() {
        ResultSubmission held = submission(false);
        String id = gate.submit(held).resultId().toString();
        Api.Response rejected = api.post("/api/v1/output-reviews/" + id + "/decisions", login("operator"),
                Map.of("decision", "REJECT", "reason", "结果可识别个人"));
        assertThat(rejected.text("state")).isEqualTo("REJECTED");
        Api.Response english = api.inEnglish().post("/api/v1/output-reviews/" + id + "/decisions",
                login("operator"), Map.of("decision", "APPROVE"));
        assertThat(english.status()).isEqualTo(409);
        assertThat(english.text("detail")).contains("cannot move from REJECTED to RELEASED");
        assertThat(english.text("article")).contains("Art. 3");
        assertThat(api.download("/api/v1/workspaces/" + held.workspaceId() + "/queries/" + held.queryId()
                + "/download", login("developer")).getKey()).isEqualTo(409);
    }

    @Test
    void aLeakedCopyTracesToTheDeveloperWhoDownloadedIt() throws Exception {
        ResultSubmission released = submission(true);
        assertThat(gate.submit(released).state()).isEqualTo(ResultState.RELEASED);
        String path = "/api/v1/workspaces/" + released.workspaceId() + "/queries/" + released.queryId() + "/download";
        String developer = login("developer");
        String second = insider("DEVELOPER");
        assertThat(api.download(path + "?format=xlsx", developer).getKey()).isEqualTo(400);
        assertThat(api.download(path, login("consumer")).getKey()).isEqualTo(403);
        assertThat(api.download("/api/v1/workspaces/" + UUID.randomUUID() + "/queries/" + released.queryId()
                + "/download", developer).getKey()).isEqualTo(404);

        byte[] firstCsv = api.download(path + "?format=csv", developer).getValue();
        byte[] secondJson = api.download(path + "?format=json", second).getValue();
        byte[] firstAgain = api.download(path + "?format=csv", developer).getValue();
        assertThat(firstAgain).isEqualTo(firstCsv);
        assertThat(new String(firstCsv, StandardCharsets.UTF_8)).isNotEqualTo(
                new String(api.download(path + "?format=csv", second).getValue(), StandardCharsets.UTF_8));

        String operator = login("operator");
        // developer 1's CSV, shuffled, cut to 30 %, re-exported as JSON with other number formats
        Api.Response first = api.multipart("/api/v1/leak-traces", operator, "leak.json", csvToJson(firstCsv, 1));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("traced").asBoolean()).as(first.body()).isTrue();
        assertThat(first.json().path("recipient").path("username").asString()).isEqualTo("developer");
        assertThat(first.json().path("recipient").path("organizationId").asString())
                .isEqualTo(DemoOrganizations.DEVELOPER.toString());
        assertThat(first.text("queryId")).isEqualTo(released.queryId().toString());
        assertThat(first.json().path("confidence").asDouble()).isGreaterThan(0.999999);

        // developer 2's JSON, shuffled, cut to 30 %, pasted from a spreadsheet as tab-separated text
        Api.Response other = api.multipart("/api/v1/leak-traces", login("supervisor"), "leak.txt",
                jsonToTsv(secondJson, 2));
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(other.json().path("traced").asBoolean()).as(other.body()).isTrue();
        assertThat(other.json().path("recipient").path("username").asString()).isNotEqualTo("developer");

        // an operator of another zone learns nothing about this zone's recipients
        String otherOperator = otherZoneOperator();
        Api.Response elsewhere = api.multipart("/api/v1/leak-traces", otherOperator, "leak.json",
                csvToJson(firstCsv, 1));
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(200);
        assertThat(elsewhere.json().path("traced").asBoolean()).isFalse();

        // a file never issued
        Api.Response never = api.multipart("/api/v1/leak-traces", operator, "x.csv",
                "region_code,age_band,persons,avg_income,avg_cost\n999999,0-9,12,1.5,2.5\n"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(never.status()).isEqualTo(200);
        assertThat(never.json().path("traced").asBoolean()).isFalse();

        assertThat(api.multipart("/api/v1/leak-traces", developer, "x.csv", firstCsv).status()).isEqualTo(403);
        assertThat(api.multipart("/api/v1/leak-traces", operator, "x.zip", new byte[] {0x50, 0x4b, 3, 4, 0, 0})
                .status()).isEqualTo(415);
        assertThat(api.multipart("/api/v1/leak-traces", operator, "x.csv", new byte[0]).status()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from dataspace_gate_issue where query_id = ?").param(released.queryId())
                .query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'dataspace.leak-trace' and details like ?")
                .param("%" + first.text("resultId") + "%").query(Long.class).single()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void revokingTheAgreementStopsDownloadsOfReleasedResults() {
        GateFixture fixture = new GateFixture(api, datasets, clock, this::login);
        UUID ownGrant = fixture.grant("出域审核撤销测试");
        ResultSubmission s = submission(true);
        ResultSubmission released = new ResultSubmission(s.queryId(), s.workspaceId(), ownGrant, s.developerOrganizationId(),
                null, s.sql(), s.columns(), s.rows(), true, s.notes());
        assertThat(gate.submit(released).state()).isEqualTo(ResultState.RELEASED);
        String path = "/api/v1/workspaces/" + released.workspaceId() + "/queries/" + released.queryId() + "/download";
        assertThat(api.download(path, login("developer")).getKey()).isEqualTo(200);
        Api.Response revoked = api.post("/api/v1/agreements/" + fixture.lastAgreement() + "/revocation",
                login("operator"), Map.of("cause", "BREACH", "reason", "违反协议约定"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        Map.Entry<Integer, byte[]> refused = api.download(path, login("developer"));
        assertThat(refused.getKey()).isEqualTo(422);
        JsonNode problem = JSON.readTree(refused.getValue());
        assertThat(problem.path("code").asString()).isEqualTo("gate.download.grant-ended");
        assertThat(problem.path("rule").asString()).isIn("TZ-11", "TZ-27");
    }

    /** An operator user of an operator organization that runs no zone of this result. */
    private String otherZoneOperator() {
        String sysadmin = login("sysadmin");
        Api.Response org = api.post("/api/v1/organizations", sysadmin,
                Map.of("name", "另一运营公司" + UUID.randomUUID().toString().substring(0, 6), "uscc", TestData.uscc(),
                        "type", "OPERATOR"));
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        String username = TestData.username("op");
        Api.Response created = api.post("/api/v1/users", sysadmin, Map.of("username", username, "displayName",
                "另一运营人员", "organizationId", org.text("id"), "roles", List.of("OPERATOR"), "initialPassword",
                "Start#Pass2026"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return api.post("/api/v1/auth/login", null, Map.of("username", username, "password", "Start#Pass2026"))
                .text("token");
    }

    /** A user of the demo developer organization with {@code role}, signed in. */
    private String insider(String role) {
        String username = TestData.username("gate");
        Api.Response created = api.post("/api/v1/users", login("sysadmin"), Map.of("username", username,
                "displayName", "开发人员二", "organizationId", DemoOrganizations.DEVELOPER.toString(), "roles",
                List.of(role), "initialPassword", "Start#Pass2026"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response login = api.post("/api/v1/auth/login", null, Map.of("username", username, "password",
                "Start#Pass2026"));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.text("token");
    }

    private static List<List<String>> csvRows(byte[] csv) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : new String(csv, StandardCharsets.UTF_8).replace("\uFEFF", "").split("\r\n")) {
            if (!line.isBlank()) {
                rows.add(List.of(line.split(",", -1)));
            }
        }
        return rows;
    }

    private static byte[] csvToJson(byte[] csv, int seed) {
        List<List<String>> rows = csvRows(csv);
        List<String> header = rows.get(0);
        List<List<String>> body = new ArrayList<>(rows.subList(1, rows.size()));
        Collections.shuffle(body, new Random(seed));
        body = body.subList(0, (int) (body.size() * 0.3));
        StringBuilder out = new StringBuilder("[");
        for (int r = 0; r < body.size(); r++) {
            out.append(r == 0 ? "\n" : ",\n").append("{");
            for (int c = header.size() - 1; c >= 0; c--) {
                String v = body.get(r).get(c);
                out.append('"').append(header.get(c)).append("\": ")
                        .append(c >= 2 ? new BigDecimal(v).setScale(Math.max(3, new BigDecimal(v).scale()))
                                .toPlainString() : "\" " + v + " \"")
                        .append(c > 0 ? ", " : "");
            }
            out.append("}");
        }
        return out.append("\n]").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jsonToTsv(byte[] json, int seed) {
        List<JsonNode> rows = new ArrayList<>();
        JSON.readTree(json).values().forEach(rows::add);
        Collections.shuffle(rows, new Random(seed));
        rows = rows.subList(0, (int) (rows.size() * 0.3));
        StringBuilder out = new StringBuilder("region_code\tage_band\tpersons\tavg_income\tavg_cost\r\n");
        for (JsonNode r : rows) {
            out.append(r.path("region_code").asString()).append('\t').append(r.path("age_band").asString())
                    .append("\u200B\t").append(r.path("persons").asLong()).append('\t')
                    .append(String.format("%,.2f", r.path("avg_income").decimalValue())).append('\t')
                    .append(r.path("avg_cost").decimalValue().toPlainString()).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
