package org.pdao.authorization.internal;

import org.pdao.support.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.identity.DemoOrganizations;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Exit (TZ-27): the grantor opens an exit with a cause; the developer's agreements end at once (its next workspace
 * call is refused naming the rule), the destruction of its workspace is ordered and certified by the data space,
 * the logs are kept for the profile's period, and the exit completes only after the successor confirms the
 * hand-over of services.
 */
@Import(AuthorizationTestConfiguration.class)
class ExitIntegrationTest extends ApiTest {

    static final String SCENARIO = "普惠金融企业经营状况评估";

    @Autowired
    TestClock clock;

    @Autowired
    AuthorizationTestConfiguration.EndedEvents ended;

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE);
    }

    @Test
    void exitEndsTheAgreementsDestroysTheWorkspaceAndCompletesOnlyAfterTheHandover() throws Exception {
        String operator = login("operator");
        AuthorizationFixtures fx = new AuthorizationFixtures(api, login("sysadmin"));
        AuthorizationFixtures.Developer dev = fx.admitted(operator);
        String agreement = developerAgreement(operator, dev);
        UUID workspace = workspace(dev, operator, login("authority"), agreement);
        assertThat(api.get("/api/v1/workspaces/" + workspace, dev.token()).status()).isEqualTo(200);

        Api.Response early = api.post("/api/v1/exits", operator, Map.of("agreementId", agreement, "cause", "EXPIRY",
                "reason", "期满退出"));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.text("rule")).isEqualTo("TZ-27");
        assertThat(early.text("code")).isEqualTo("authorization.exit.term-not-ended");
        Api.Response unknown = api.post("/api/v1/exits", operator, Map.of("agreementId", agreement, "cause", "WHIM",
                "reason", "无"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.text("rule")).isEqualTo("TZ-27");
        assertThat(api.get("/api/v1/agreements/" + agreement, operator).text("state")).isEqualTo("EFFECTIVE");
        assertThat(api.post("/api/v1/exits", dev.token(), Map.of("agreementId", agreement, "cause", "BREACH",
                "reason", "x")).status()).isEqualTo(403);

        Api.Response opened = api.post("/api/v1/exits", operator, Map.of("agreementId", agreement, "cause", "BREACH",
                "reason", "将脱敏数据用于协议以外的用途"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        JsonNode exit = opened.json();
        String id = exit.path("id").asString();
        assertThat(exit.path("rule").asString()).isEqualTo("TZ-27");
        assertThat(exit.path("state").asString()).isEqualTo("DESTRUCTION_CERTIFIED");
        assertThat(exit.path("agreementsEnded").findValuesAsString("endedAs")).containsExactly("TERMINATED");
        assertThat(LocalDate.parse(exit.path("logsKeptUntil").asString())).isEqualTo(today().plusYears(5));
        assertThat(exit.path("destructionCertificates")).hasSize(1);
        assertThat(exit.path("destructionCertificates").get(0).path("storeId").asString())
                .isEqualTo(workspace.toString());
        assertThat(ended.of(UUID.fromString(agreement))).singleElement()
                .satisfies(e -> assertThat(e.cause()).isEqualTo("termination:BREACH"));

        // the developer's sessions ended; signing in again, the next workspace call is refused naming the rule
        assertThat(api.get("/api/v1/workspaces/" + workspace, dev.token()).status()).isEqualTo(401);
        String again = fx.relogin(username(dev));
        Api.Response refused = api.get("/api/v1/workspaces/" + workspace, again);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("rule")).isIn("TZ-27", "TZ-12", "TZ-11");
        assertThat(api.get("/api/v1/workspaces/" + workspace + "/oversight", operator).text("state"))
                .isEqualTo("DESTROYED");
        assertThat(api.post("/api/v1/exits", operator, Map.of("agreementId", agreement, "cause", "BREACH",
                "reason", "再次")).status()).isEqualTo(409);

        Api.Response toSelf = api.post("/api/v1/exits/" + id + "/handovers", operator, Map.of(
                "successorOrganizationId", dev.orgId().toString(), "services", "企业经营状况评估接口"));
        assertThat(toSelf.status()).isEqualTo(422);
        Api.Response handover = api.post("/api/v1/exits/" + id + "/handovers", operator, Map.of(
                "successorOrganizationId", DemoOrganizations.OPERATOR.toString(), "services",
                "企业经营状况评估接口（普惠银行调用中）", "data", "模型参数与接口配置，不含原始数据"));
        assertThat(handover.status()).as(handover.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/exits/" + id, operator).text("state")).isEqualTo("DESTRUCTION_CERTIFIED");
        assertThat(api.post("/api/v1/exits/" + id + "/handovers/" + handover.text("id") + "/confirmation", again,
                Map.of()).status()).isIn(403, 404);
        Api.Response confirmed = api.post("/api/v1/exits/" + id + "/handovers/" + handover.text("id")
                + "/confirmation", operator, Map.of("note", "接口已由运营机构承接，服务未中断"));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.text("state")).isEqualTo("COMPLETED");
        assertThat(confirmed.json().path("handovers").get(0).path("confirmed").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/exits/" + id + "/history", operator).json().findValuesAsString("to"))
                .containsExactly("OPEN", "DESTRUCTION_CERTIFIED", "COMPLETED");
        assertThat(api.get("/api/v1/exits?partyOrganizationId=" + dev.orgId(), login("authority")).json()
                .path("total").asInt()).isEqualTo(1);
    }

    private static final Map<UUID, String> USERNAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private String username(AuthorizationFixtures.Developer dev) {
        return USERNAMES.get(dev.orgId());
    }

    private String developerAgreement(String operator, AuthorizationFixtures.Developer dev) {
        USERNAMES.put(dev.orgId(), api.get("/api/v1/auth/me", dev.token()).text("username"));
        List<Map<String, String>> clauses = new ArrayList<>();
        for (JsonNode t : api.get("/api/v1/agreements/clause-templates", operator).json()) {
            clauses.add(Map.of("key", t.path("key").asString(), "title", t.path("titleZh").asString(), "body",
                    "关于" + t.path("titleZh").asString() + "的约定。"));
        }
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("tier", "DEVELOPER");
        draft.put("partyOrganizationId", dev.orgId().toString());
        draft.put("title", "公共数据开发利用协议");
        draft.put("scenarios", List.of(SCENARIO));
        draft.put("zoneCodes", List.of("TZ-COMPREHENSIVE"));
        draft.put("validFrom", today().toString());
        draft.put("validUntil", today().plusYears(1).toString());
        draft.put("clauses", clauses);
        Api.Response created = api.post("/api/v1/agreements", operator, draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        sign(operator, id, DemoSigningKeys.privateKey("operator"));
        assertThat(sign(dev.token(), id, dev.privateKey()).text("state")).isEqualTo("EFFECTIVE");
        return id;
    }

    private Api.Response sign(String token, String id, byte[] key) {
        Api.Response text = api.get("/api/v1/agreements/" + id + "/signing-text", token);
        String sm3 = text.text("sm3");
        Api.Response r = api.post("/api/v1/agreements/" + id + "/signatures", token, Map.of("version",
                text.json().path("version").asInt(), "textSm3", sm3, "signature", DemoSigningKeys.sign(key, sm3)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    /** A data request for the enterprises dataset, approved and filed, and its workspace prepared. */
    UUID workspace(AuthorizationFixtures.Developer dev, String operator, String authority, String agreement)
            throws InterruptedException {
        String zone = null;
        for (JsonNode z : api.get("/api/v1/zones", operator).json().path("items")) {
            if (z.path("code").asString().equals("TZ-COMPREHENSIVE")) {
                zone = z.path("id").asString();
            }
        }
        assertThat(zone).isNotNull();
        List<String> columns = new ArrayList<>();
        for (JsonNode d : api.get("/api/v1/zones/" + zone + "/datasets?size=200", operator).json().path("items")) {
            if (d.path("name").asString().equals("enterprises")) {
                d.path("columnGrades").propertyNames().forEach(columns::add);
            }
        }
        assertThat(columns).isNotEmpty();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("zoneId", zone);
        body.put("agreementId", agreement);
        body.put("scenario", SCENARIO);
        body.put("scenarioDescription", "评估小微企业经营状况，用于普惠贷款授信");
        body.put("feasibility", "企业登记数据覆盖全市，按月更新");
        body.put("value", "降低授信成本");
        body.put("purpose", "建立企业经营状况评分模型");
        body.put("validFrom", today().toString());
        body.put("validUntil", today().plusDays(60).toString());
        body.put("rawData", false);
        body.put("consentRequired", false);
        body.put("tables", List.of(Map.of("dataset", "enterprises", "columns", columns)));
        Api.Response created = api.post("/api/v1/data-requests", dev.token(), body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String request = created.text("id");
        assertThat(api.post("/api/v1/data-requests/" + request + "/submission", dev.token(), null).text("state"))
                .isEqualTo("SUBMITTED");
        assertThat(api.post("/api/v1/data-requests/" + request + "/operator-approval", operator, null).text("state"))
                .isEqualTo("OPERATOR_APPROVED");
        Api.Response filed = api.post("/api/v1/data-requests/" + request + "/filing", authority, null);
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        // TZ-14: the filing of the approved data request is one filing record among the others
        JsonNode filing = api.get("/api/v1/filings?subjectType=data-request&subjectId=" + request, authority).json();
        assertThat(filing.path("total").asInt()).isEqualTo(1);
        assertThat(filing.path("items").get(0).path("state").asString()).isEqualTo("RECEIVED");
        assertThat(filing.path("items").get(0).path("rule").asString()).isEqualTo("TZ-14");
        assertThat(filing.path("items").get(0).path("filedByOrganizationId").asString())
                .isEqualTo(DemoOrganizations.OPERATOR.toString());
        Api.Response ws = api.post("/api/v1/workspaces", dev.token(), Map.of("grantId", filed.text("grantId")));
        assertThat(ws.status()).as(ws.body()).isEqualTo(202);
        UUID id = UUID.fromString(ws.text("id"));
        for (int i = 0; i < 600; i++) {
            String state = api.get("/api/v1/workspaces/" + id, dev.token()).text("state");
            assertThat(state).isNotEqualTo("FAILED");
            if (state.equals("ACTIVE")) {
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("workspace not prepared");
    }
}
