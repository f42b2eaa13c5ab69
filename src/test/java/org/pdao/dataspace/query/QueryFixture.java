package org.pdao.dataspace.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pdao.authorization.internal.DemoSigningKeys;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.identity.DemoOrganizations;
import org.pdao.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * A grant in force for the demo developer through the API: an agreement drafted by the demo operator and signed by
 * both (SM2), a data request approved by the operator and filed with the authority. Optionally its workspace.
 */
final class QueryFixture {

    private final Api api;
    private final ZoneDatasets datasets;
    private final Clock clock;
    private final java.util.function.Function<String, String> login;

    QueryFixture(Api api, ZoneDatasets datasets, Clock clock, java.util.function.Function<String, String> login) {
        this.api = api;
        this.datasets = datasets;
        this.clock = clock;
        this.login = login;
    }

    /** The agreement of the last grant made. */
    String lastAgreement;

    Zone zone() {
        return datasets.zoneByCode("TZ-COMPREHENSIVE").orElseThrow();
    }

    /** A grant in force for {@code scenario} over {@code tables} (residents and medical visits by default). */
    UUID grant(String scenario, String... tables) {
        String operator = login.apply("operator");
        String developer = login.apply("developer");
        String agreement = agreement(operator, developer, scenario);
        lastAgreement = agreement;
        List<String> names = tables.length == 0 ? List.of("residents", "medical_visits") : List.of(tables);
        List<Map<String, Object>> requested = new ArrayList<>();
        for (String name : names) {
            requested.add(Map.of("dataset", name, "columns",
                    new ArrayList<>(datasets.dataset(zone().id(), name).orElseThrow().grades().keySet())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("zoneId", zone().id());
        body.put("agreementId", agreement);
        body.put("scenario", scenario);
        body.put("scenarioDescription", "按区域统计就诊与收入情况,用于普惠金融与医疗资源配置");
        body.put("feasibility", "数据覆盖全市居民,按月更新");
        body.put("value", "支持区域医疗资源配置决策");
        body.put("purpose", "区域统计分析");
        body.put("validFrom", today().toString());
        body.put("validUntil", today().plusDays(90).toString());
        body.put("rawData", false);
        body.put("consentRequired", false);
        body.put("tables", requested);
        Api.Response created = api.post("/api/v1/data-requests", developer, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        assertThat(api.post("/api/v1/data-requests/" + id + "/submission", developer, null).text("state"))
                .isEqualTo("SUBMITTED");
        Api.Response approved = api.post("/api/v1/data-requests/" + id + "/operator-approval", operator, null);
        assertThat(approved.text("state")).as(approved.body()).isEqualTo("OPERATOR_APPROVED");
        Api.Response filed = api.post("/api/v1/data-requests/" + id + "/filing", login.apply("authority"), null);
        assertThat(filed.status()).as(filed.body()).isEqualTo(200);
        return UUID.fromString(filed.text("grantId"));
    }

    /** The prepared workspace of a grant (waits until it is active). */
    UUID workspace(UUID grant) throws InterruptedException {
        String developer = login.apply("developer");
        Api.Response created = api.post("/api/v1/workspaces", developer, Map.of("grantId", grant));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        UUID id = UUID.fromString(created.text("id"));
        for (int i = 0; i < 600; i++) {
            Api.Response shown = api.get("/api/v1/workspaces/" + id, developer);
            assertThat(shown.text("state")).as(shown.body()).isNotEqualTo("FAILED");
            if (shown.text("state").equals("ACTIVE")) {
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("workspace not prepared in time");
    }

    private String agreement(String operator, String developer, String scenario) {
        List<Map<String, String>> clauses = new ArrayList<>();
        for (JsonNode t : api.get("/api/v1/agreements/clause-templates", operator).json()) {
            clauses.add(Map.of("key", t.path("key").asString(), "title", t.path("titleZh").asString(), "body",
                    "关于" + t.path("titleZh").asString() + "的约定。"));
        }
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("tier", "DEVELOPER");
        draft.put("partyOrganizationId", DemoOrganizations.DEVELOPER.toString());
        draft.put("title", "受控查询测试协议");
        draft.put("scenarios", List.of(scenario));
        draft.put("zoneCodes", List.of("TZ-COMPREHENSIVE"));
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

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
    }
}
