package org.pdao.dataspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.pdao.authorization.internal.DemoSigningKeys;
import org.pdao.identity.DemoOrganizations;
import org.pdao.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Sets up, through the public API only and as the demo roles, what a developer needs before running governed
 * queries on the demo city: an agreement signed by the demo operator and developer, a data request for all
 * four datasets of the comprehensive zone (every catalogued column), the operator's approval, the
 * authority's filing (the grant) and the prepared workspace.
 */
public final class GovernedWorkspace {

    public static final String ZONE = "TZ-COMPREHENSIVE";
    public static final List<String> DATASETS = List.of("residents", "enterprises", "social_insurance", "medical_visits");

    private final Api api;
    private final Function<String, String> login;

    public GovernedWorkspace(Api api, Function<String, String> login) {
        this.api = api;
        this.login = login;
    }

    /** A fresh agreement, grant and prepared workspace for the demo developer; returns the workspace id. */
    public UUID prepare(UUID zoneId, Map<String, List<String>> columns, String scenario) throws InterruptedException {
        return prepare(zoneId, ZONE, columns, scenario);
    }

    /** The same in the zone {@code zoneCode} (the agreement names it). */
    public UUID prepare(UUID zoneId, String zoneCode, Map<String, List<String>> columns, String scenario)
            throws InterruptedException {
        String operator = login.apply("operator");
        String authority = login.apply("authority");
        String developer = login.apply("developer");
        String agreement = agreement(operator, developer, scenario, zoneCode);
        List<Map<String, Object>> tables = new ArrayList<>();
        columns.forEach((dataset, names) -> tables.add(Map.of("dataset", dataset, "columns", names)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("zoneId", zoneId);
        body.put("agreementId", agreement);
        body.put("scenario", scenario);
        body.put("scenarioDescription", "按区域、年龄段和月份统计居民就医与参保情况,用于医疗资源配置");
        body.put("feasibility", "就诊与参保数据覆盖全市居民,按月更新");
        body.put("value", "为医疗资源的区域配置提供依据");
        body.put("purpose", "区域医疗资源配置的统计分析");
        body.put("validFrom", today().toString());
        body.put("validUntil", today().plusDays(60).toString());
        body.put("rawData", false);
        body.put("consentRequired", false);
        body.put("tables", tables);
        Api.Response created = api.post("/api/v1/data-requests", developer, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        assertThat(api.post("/api/v1/data-requests/" + id + "/submission", developer, null).status()).isEqualTo(200);
        Api.Response approved = api.post("/api/v1/data-requests/" + id + "/operator-approval", operator, null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        Api.Response filed = api.post("/api/v1/data-requests/" + id + "/filing", authority, null);
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        String grant = filed.text("grantId");
        Api.Response workspace = api.post("/api/v1/workspaces", developer, Map.of("grantId", grant));
        assertThat(workspace.status()).as(workspace.body()).isEqualTo(202);
        UUID workspaceId = UUID.fromString(workspace.text("id"));
        // the benchmarks' 10-million-row workspaces take minutes to materialise; the demo city's a second or two
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            Api.Response shown = api.get("/api/v1/workspaces/" + workspaceId, developer);
            assertThat(shown.text("state")).as(shown.body()).isNotEqualTo("FAILED");
            if (shown.text("state").equals("ACTIVE")) {
                return workspaceId;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("workspace not prepared in time");
    }

    private String agreement(String operator, String developer, String scenario, String zoneCode) {
        List<Map<String, String>> clauses = new ArrayList<>();
        for (JsonNode t : api.get("/api/v1/agreements/clause-templates", operator).json()) {
            clauses.add(Map.of("key", t.path("key").asString(), "title", t.path("titleZh").asString(), "body",
                    "关于" + t.path("titleZh").asString() + "的约定。"));
        }
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("tier", "DEVELOPER");
        draft.put("partyOrganizationId", DemoOrganizations.DEVELOPER.toString());
        draft.put("title", "受控查询对抗测试协议");
        draft.put("scenarios", List.of(scenario));
        draft.put("zoneCodes", List.of(zoneCode));
        draft.put("validFrom", today().toString());
        draft.put("validUntil", today().plusYears(1).toString());
        draft.put("clauses", clauses);
        Api.Response created = api.post("/api/v1/agreements", operator, draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        sign(operator, id, "operator");
        Api.Response signed = sign(developer, id, "developer");
        assertThat(signed.text("state")).as(signed.body()).isEqualTo("EFFECTIVE");
        return id;
    }

    private Api.Response sign(String token, String id, String demoKey) {
        Api.Response text = api.get("/api/v1/agreements/" + id + "/signing-text", token);
        assertThat(text.status()).as(text.body()).isEqualTo(200);
        String sm3 = text.text("sm3");
        Api.Response signed = api.post("/api/v1/agreements/" + id + "/signatures", token, Map.of("version",
                text.json().path("version").asInt(), "textSm3", sm3, "signature",
                DemoSigningKeys.sign(DemoSigningKeys.privateKey(demoKey), sm3)));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        return signed;
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }
}
