package org.pdao.authorization.internal;

import org.pdao.support.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.crypto.Sm2;
import org.pdao.support.Api;
import tools.jackson.databind.JsonNode;

/** The steps of an operator selection through the API, shared by the per-model end-to-end tests. */
final class SelectionFlow {

    private final Api api;
    private final TestClock clock;

    SelectionFlow(Api api, TestClock clock) {
        this.api = api;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE);
    }

    String login(String demoUser) {
        return ShiftedLogin.login(api, demoUser, clock.instant());
    }

    String announce(String token, @Nullable String model, @Nullable String tenderMode) {
        return announce(token, model, tenderMode, null);
    }

    String announce(String token, @Nullable String model, @Nullable String tenderMode, @Nullable String planId) {
        Map<String, @Nullable Object> body = new HashMap<>();
        body.put("planId", planId);
        body.put("model", model);
        body.put("title", "公共数据授权运营单位遴选公告");
        body.put("conditions", "经营状况良好，无失信记录，具备数据安全管理能力。");
        body.put("zoneCodes", List.of("TZ-COMPREHENSIVE"));
        body.put("tenderMode", tenderMode);
        body.put("closesOn", today().toString());
        Api.Response r = api.post("/api/v1/announcements", token, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("announcement").path("id").asString();
        Api.Response published = api.post("/api/v1/announcements/" + id + "/publication", token, null);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return id;
    }

    /** Applies with every material the profile asks for; returns the application, submitted or the refusal. */
    Api.Response applyAndSubmit(String token, String announcementId, List<String> materialKinds) {
        Api.Response app = api.post("/api/v1/announcements/" + announcementId + "/applications", token,
                Map.of("proposal", "运营方案：建设可信数据空间，开展普惠金融和医疗健康场景运营。"));
        assertThat(app.status()).as(app.body()).isEqualTo(201);
        String id = app.text("id");
        for (String kind : materialKinds) {
            Api.Response m = api.multipart("/api/v1/selection-applications/" + id + "/materials", token,
                    Map.of("kind", kind), kind.toLowerCase() + ".pdf", DemoDocuments.pdf(kind));
            assertThat(m.status()).as(m.body()).isEqualTo(201);
        }
        return api.post("/api/v1/selection-applications/" + id + "/submission", token, null);
    }

    List<String> materials(String token) {
        List<String> kinds = new ArrayList<>();
        Api.Response profile = api.get("/api/v1/jurisdictions/active", token);
        for (JsonNode entry : profile.json().path("entries")) {
            if (entry.path("key").asString().equals("application.materials")) {
                entry.path("value").forEach(i -> kinds.add(i.path("key").asString()));
            }
        }
        return kinds;
    }

    /** Opens an exit of the agreement and checks the agreement ended and the destruction was certified. */
    JsonNode exit(String token, String agreementId, String cause, String rule) {
        Api.Response early = api.post("/api/v1/exits", token, Map.of("agreementId", agreementId, "cause", "EXPIRY",
                "reason", "期满退出"));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.text("rule")).isEqualTo(rule);
        assertThat(early.text("code")).isEqualTo("authorization.exit.term-not-ended");
        assertThat(api.get("/api/v1/agreements/" + agreementId, token).text("state")).isEqualTo("EFFECTIVE");
        Api.Response opened = api.post("/api/v1/exits", token, Map.of("agreementId", agreementId, "cause", cause,
                "reason", "退出测试：" + cause));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.text("rule")).isEqualTo(rule);
        assertThat(opened.text("state")).isEqualTo("DESTRUCTION_CERTIFIED");
        assertThat(opened.json().path("agreementsEnded").findValuesAsString("endedAs")).containsExactly("TERMINATED");
        assertThat(LocalDate.parse(opened.text("logsKeptUntil"))).isEqualTo(today().plusYears(5));
        assertThat(api.get("/api/v1/agreements/" + agreementId, token).text("state")).isEqualTo("TERMINATED");
        return opened.json();
    }

    void passClosingDay() {
        clock.advance(Duration.ofDays(1));
    }

    Api.Response post(String path, String token, @Nullable Object body) {
        return api.post(path, token, body);
    }

    void qualify(String token, String applicationId, boolean qualified) {
        Api.Response r = api.post("/api/v1/selection-applications/" + applicationId + "/qualification", token,
                Map.of("qualified", qualified, "note", qualified ? "资格审查合格" : "不满足申报条件"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void assignExpert(String authorityToken, String announcementId, String expertToken) {
        JsonNode me = api.get("/api/v1/auth/me", expertToken).json();
        Api.Response r = api.post("/api/v1/announcements/" + announcementId + "/experts", authorityToken,
                Map.of("userId", me.path("id").asString(), "username", me.path("username").asString()));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    Api.Response declareAndScore(String expertToken, String applicationId, boolean conflict, int score) {
        Api.Response d = api.post("/api/v1/selection-applications/" + applicationId + "/declarations", expertToken,
                Map.of("conflict", conflict, "statement", conflict ? "本人曾在申请单位任职" : "与申请单位无利害关系"));
        assertThat(d.status()).as(d.body()).isEqualTo(200);
        return api.post("/api/v1/selection-applications/" + applicationId + "/scores", expertToken,
                Map.of("score", score, "comment", "方案完整，安全措施可行"));
    }

    /** Drafts the operator agreement from the published result, both sign; returns the agreement JSON. */
    JsonNode agreement(String grantorToken, String grantorDemoKey, String announcementId, UUID operator,
            String operatorToken, LocalDate until, @Nullable String model) {
        Sm2.KeyPair pair = Sm2.generate();
        Api.Response key = api.post("/api/v1/signing-keys", operatorToken, Map.of("publicKey", Sm2.toHex(pair.publicKey())));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        List<Map<String, String>> clauses = new ArrayList<>();
        for (JsonNode t : api.get("/api/v1/agreements/clause-templates", grantorToken).json()) {
            clauses.add(Map.of("key", t.path("key").asString(), "title", t.path("titleZh").asString(), "body",
                    "关于" + t.path("titleZh").asString() + "的约定。"));
        }
        Map<String, @Nullable Object> draft = new HashMap<>();
        draft.put("tier", "OPERATOR");
        draft.put("model", model);
        draft.put("partyOrganizationId", operator.toString());
        draft.put("title", "公共数据授权运营协议");
        draft.put("scenarios", List.of("公共数据授权运营"));
        draft.put("zoneCodes", List.of("TZ-COMPREHENSIVE"));
        draft.put("validFrom", today().toString());
        draft.put("validUntil", until.toString());
        draft.put("clauses", clauses);
        draft.put("announcementId", announcementId);
        Api.Response created = api.post("/api/v1/agreements", grantorToken, draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        assertThat(sign(grantorToken, id, DemoSigningKeys.privateKey(grantorDemoKey)).text("state"))
                .isEqualTo("PARTIALLY_SIGNED");
        Api.Response signed = sign(operatorToken, id, pair.privateKey());
        assertThat(signed.text("state")).as(signed.body()).isEqualTo("EFFECTIVE");
        return signed.json();
    }

    Api.Response draftFor(String grantorToken, String announcementId, UUID operator, LocalDate until) {
        Map<String, @Nullable Object> draft = new HashMap<>();
        draft.put("tier", "OPERATOR");
        draft.put("partyOrganizationId", operator.toString());
        draft.put("title", "公共数据授权运营协议");
        draft.put("scenarios", List.of("公共数据授权运营"));
        draft.put("validFrom", today().toString());
        draft.put("validUntil", until.toString());
        draft.put("announcementId", announcementId);
        return api.post("/api/v1/agreements", grantorToken, draft);
    }

    Api.Response sign(String token, String id, byte[] privateKey) {
        Api.Response text = api.get("/api/v1/agreements/" + id + "/signing-text", token);
        String sm3 = text.text("sm3");
        return api.post("/api/v1/agreements/" + id + "/signatures", token, Map.of("version",
                text.json().path("version").asInt(), "textSm3", sm3, "signature", DemoSigningKeys.sign(privateKey, sm3)));
    }
}
