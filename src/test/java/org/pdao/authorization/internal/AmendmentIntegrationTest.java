package org.pdao.authorization.internal;

import org.pdao.support.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Amendments of an agreement in force (TZ): the next version is signed again by both parties with SM2, the agreement
 * stays in force under its current version until then, the previous text is kept, and the term cap (TZ-11) still
 * counts from the agreement's first day.
 */
@Import(AuthorizationTestConfiguration.class)
class AmendmentIntegrationTest extends ApiTest {

    @Autowired
    TestClock clock;

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE);
    }

    @Test
    void anAmendmentIsSignedAgainByBothKeepsThePreviousVersionAndStaysWithinTheCap() {
        String operator = login("operator");
        AuthorizationFixtures fx = new AuthorizationFixtures(api, login("sysadmin"));
        AuthorizationFixtures.Developer dev = fx.admitted(operator);
        String id = agreement(operator, dev, today().plusYears(1));
        String v1Text = api.get("/api/v1/agreements/" + id + "/signing-text", operator).text("text");
        String path = "/api/v1/agreements/" + id + "/supplements";

        Api.Response overCap = api.post(path, operator, Map.of("reason", "延长期限",
                "validUntil", today().plusYears(3).toString()));
        assertThat(overCap.status()).isEqualTo(422);
        assertThat(overCap.text("rule")).isEqualTo("TZ-11");
        assertThat(api.get(path, operator).json()).isEmpty();
        assertThat(api.post(path, dev.token(), Map.of("reason", "乙方起草")).status()).isEqualTo(403);
        assertThat(api.post(path, operator, Map.of("reason", "改起始日", "validFrom", today().plusDays(1).toString()))
                .status()).isEqualTo(400);

        Map<String, Object> change = new LinkedHashMap<>();
        change.put("reason", "增加区域医疗资源配置分析场景，延长至两年");
        change.put("scenarios", List.of("普惠金融企业经营状况评估", "区域医疗资源配置分析"));
        change.put("validUntil", today().plusYears(2).toString());
        Api.Response drafted = api.post(path, operator, change);
        assertThat(drafted.status()).as(drafted.body()).isEqualTo(201);
        String amendment = drafted.text("id");
        assertThat(drafted.json().path("version").asInt()).isEqualTo(2);
        assertThat(api.post(path, operator, change).status()).isEqualTo(409);

        // a required clause emptied: signing refused naming the rule, nothing signed
        assertThat(api.put(path + "/" + amendment + "/clauses/RIGHTS_OBLIGATIONS", operator,
                Map.of("title", "双方权利义务", "body", "")).status()).isEqualTo(200);
        Api.Response missing = sign(operator, path + "/" + amendment, DemoSigningKeys.privateKey("operator"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.text("rule")).isEqualTo("TZ-10");
        assertThat(api.get(path + "/" + amendment, operator).text("state")).isEqualTo("DRAFT");
        assertThat(api.put(path + "/" + amendment + "/clauses/RIGHTS_OBLIGATIONS", operator,
                Map.of("title", "双方权利义务", "body", "甲乙双方按本协议及补充协议享有权利、承担义务。")).status()).isEqualTo(200);

        Api.Response first = sign(operator, path + "/" + amendment, DemoSigningKeys.privateKey("operator"));
        assertThat(first.text("state")).as(first.body()).isEqualTo("PARTIALLY_SIGNED");
        JsonNode meanwhile = api.get("/api/v1/agreements/" + id, operator).json();
        assertThat(meanwhile.path("version").asInt()).isEqualTo(1);
        assertThat(meanwhile.path("inForce").asBoolean()).isTrue();
        assertThat(meanwhile.path("scenarios")).hasSize(1);

        Api.Response second = sign(dev.token(), path + "/" + amendment, dev.privateKey());
        assertThat(second.text("state")).as(second.body()).isEqualTo("ADOPTED");
        JsonNode amended = api.get("/api/v1/agreements/" + id, operator).json();
        assertThat(amended.path("version").asInt()).isEqualTo(2);
        assertThat(amended.path("state").asString()).isEqualTo("EFFECTIVE");
        assertThat(amended.path("validUntil").asString()).isEqualTo(today().plusYears(2).toString());
        assertThat(amended.path("scenarios")).hasSize(2);
        JsonNode versions = api.get("/api/v1/agreements/" + id + "/versions", operator).json().path("items");
        assertThat(versions.findValuesAsString("version")).containsExactly("1", "2");
        assertThat(versions.get(0).path("text").asString()).isEqualTo(v1Text);
        assertThat(versions.get(1).path("text").asString()).contains("区域医疗资源配置分析");
        JsonNode verification = api.get("/api/v1/agreements/" + id + "/verification", operator).json();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.path("version").asInt()).isEqualTo(2);
        assertThat(api.download("/api/v1/agreements/" + id + "/pdf?version=1", operator).getKey()).isEqualTo(200);

        // a second amendment cannot push the term past the cap counted from the first day
        Api.Response again = api.post(path, operator, Map.of("reason", "再延长", "validUntil",
                today().plusYears(3).toString()));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("rule")).isEqualTo("TZ-11");
        Api.Response within = api.post(path, operator, Map.of("reason", "延长至三年上限", "validUntil",
                today().plusYears(3).minusDays(1).toString()));
        assertThat(within.status()).as(within.body()).isEqualTo(201);
        assertThat(within.json().path("version").asInt()).isEqualTo(3);
        assertThat(api.post(path + "/" + within.text("id") + "/cancellation", operator, Map.of("reason", "暂不延长"))
                .text("state")).isEqualTo("CANCELLED");
        assertThat(api.get("/api/v1/agreements/" + id, operator).json().path("version").asInt()).isEqualTo(2);
    }

    private Api.Response sign(String token, String amendmentPath, byte[] key) {
        Api.Response text = api.get(amendmentPath + "/signing-text", token);
        assertThat(text.status()).as(text.body()).isEqualTo(200);
        String sm3 = text.text("sm3");
        return api.post(amendmentPath + "/signatures", token, Map.of("version", text.json().path("version").asInt(),
                "textSm3", sm3, "signature", DemoSigningKeys.sign(key, sm3)));
    }

    private String agreement(String operator, AuthorizationFixtures.Developer dev, LocalDate until) {
        List<Map<String, String>> clauses = new ArrayList<>();
        for (JsonNode t : api.get("/api/v1/agreements/clause-templates", operator).json()) {
            clauses.add(Map.of("key", t.path("key").asString(), "title", t.path("titleZh").asString(), "body",
                    "关于" + t.path("titleZh").asString() + "的约定。"));
        }
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("tier", "DEVELOPER");
        draft.put("partyOrganizationId", dev.orgId().toString());
        draft.put("title", "公共数据开发利用协议");
        draft.put("scenarios", List.of("普惠金融企业经营状况评估"));
        draft.put("zoneCodes", List.of("TZ-COMPREHENSIVE"));
        draft.put("validFrom", today().toString());
        draft.put("validUntil", until.toString());
        draft.put("clauses", clauses);
        Api.Response created = api.post("/api/v1/agreements", operator, draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        for (var signer : List.of(Map.entry(operator, DemoSigningKeys.privateKey("operator")),
                Map.entry(dev.token(), dev.privateKey()))) {
            Api.Response text = api.get("/api/v1/agreements/" + id + "/signing-text", signer.getKey());
            String sm3 = text.text("sm3");
            assertThat(api.post("/api/v1/agreements/" + id + "/signatures", signer.getKey(), Map.of("version", 1,
                    "textSm3", sm3, "signature", DemoSigningKeys.sign(signer.getValue(), sm3))).status()).isEqualTo(200);
        }
        return id;
    }
}
