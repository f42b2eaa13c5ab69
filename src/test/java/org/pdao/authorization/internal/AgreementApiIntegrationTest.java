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
import org.junit.jupiter.api.Test;
import org.pdao.authorization.AgreementDirectory;
import org.pdao.authorization.AgreementEnded;
import org.pdao.authorization.AgreementSummary;
import org.pdao.authorization.AgreementTier;
import org.pdao.identity.DemoOrganizations;
import org.pdao.shared.crypto.Sm2;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Agreements through HTTP as the real roles: the operator admits a developer under TZ (two tiers), both
 * sign with SM2, the platform verifies; refusals name their rule and change nothing; revocation and expiry
 * end access at once and publish {@link AgreementEnded}.
 */
@Import(AuthorizationTestConfiguration.class)
class AgreementApiIntegrationTest extends ApiTest {

    @Autowired
    AgreementDirectory directory;

    @Autowired
    AuthorizationTestConfiguration.EndedEvents ended;

    @Autowired
    TestClock clock;

    @Autowired
    AgreementExpiry expiry;

    @Test
    void demoCityHasSignedAgreementsInForceForTheOperatorAndTheDeveloper() {
        List<AgreementSummary> operator = directory.inForceFor(DemoOrganizations.OPERATOR);
        assertThat(operator).anySatisfy(a -> {
            assertThat(a.tier()).isEqualTo(AgreementTier.OPERATOR);
            assertThat(a.grantorOrganizationId()).isEqualTo(DemoOrganizations.CITY_AUTHORITY);
            assertThat(a.zoneCodes()).contains("TZ-COMPREHENSIVE");
            assertThat(a.inForce()).isTrue();
        });
        List<AgreementSummary> developer = directory.inForceFor(DemoOrganizations.DEVELOPER);
        assertThat(developer).anySatisfy(a -> {
            assertThat(a.tier()).isEqualTo(AgreementTier.DEVELOPER);
            assertThat(a.grantorOrganizationId()).isEqualTo(DemoOrganizations.OPERATOR);
            assertThat(a.scenarios()).contains("普惠金融企业经营状况评估", "区域医疗资源配置分析");
            assertThat(a.validUntil()).isBeforeOrEqualTo(a.validFrom().plusYears(3).minusDays(1));
        });
        Api.Response verification = api.get("/api/v1/agreements/" + developer.get(0).id() + "/verification",
                login("authority"));
        assertThat(verification.status()).as(verification.body()).isEqualTo(200);
        assertThat(verification.json().path("valid").asBoolean()).isTrue();
        assertThat(verification.json().path("grantorSigned").asBoolean()).isTrue();
        assertThat(verification.json().path("partySigned").asBoolean()).isTrue();
    }

    @Test
    void operatorAndDeveloperSignWithSm2AndRevocationEndsAccessAtOnce() {
        AuthorizationFixtures.Developer dev = newDeveloper();
        String operator = login("operator");
        LocalDate from = today();
        Map<String, @Nullable Object> draft = draft(dev.orgId(), from, from.plusYears(2).minusDays(1),
                clausesExcept("LIABILITY"));
        Api.Response created = api.post("/api/v1/agreements", operator, draft);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.text("state")).isEqualTo("DRAFT");
        assertThat(created.json().path("missingClauses").toString()).contains("LIABILITY");

        Api.Response missing = signAsDemo(operator, id, "operator");
        assertThat(missing.status()).as(missing.body()).isEqualTo(422);
        assertThat(missing.text("rule")).isEqualTo("TZ-10");
        assertThat(missing.text("code")).isEqualTo("authorization.agreement.clauses-missing");
        assertThat(missing.text("article")).contains("第十条");
        assertThat(state(operator, id)).isEqualTo("DRAFT");

        Api.Response clause = api.put("/api/v1/agreements/" + id + "/clauses/LIABILITY", operator,
                Map.of("title", "违约责任", "body", "违反本协议的，依法承担违约责任。"));
        assertThat(clause.status()).as(clause.body()).isEqualTo(200);
        assertThat(clause.json().path("missingClauses").size()).isZero();

        Api.Response first = signAsDemo(operator, id, "operator");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.text("state")).isEqualTo("PARTIALLY_SIGNED");
        assertThat(first.json().path("inForce").asBoolean()).isFalse();

        Api.Response second = sign(dev.token(), id, dev.privateKey());
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.text("state")).isEqualTo("EFFECTIVE");
        assertThat(second.json().path("inForce").asBoolean()).isTrue();
        Api.Response verification = api.get("/api/v1/agreements/" + id + "/verification", dev.token());
        assertThat(verification.json().path("valid").asBoolean()).as(verification.body()).isTrue();
        assertThat(directory.inForceFor(dev.orgId())).extracting(AgreementSummary::id)
                .containsExactly(UUID.fromString(id));

        Api.Response revoked = api.post("/api/v1/agreements/" + id + "/revocation", operator,
                Map.of("cause", "BREACH", "reason", "违反协议约定导出数据"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.text("state")).isEqualTo("REVOKED");
        assertThat(api.get("/api/v1/auth/me", dev.token()).status()).isEqualTo(401);
        assertThat(directory.inForceFor(dev.orgId())).isEmpty();
        assertThat(directory.find(UUID.fromString(id))).hasValueSatisfying(a -> assertThat(a.inForce()).isFalse());
        assertThat(ended.of(UUID.fromString(id))).singleElement().satisfies(e -> {
            assertThat(e.partyOrganizationId()).isEqualTo(dev.orgId());
            assertThat(e.cause()).isEqualTo("revocation:BREACH");
            assertThat(e.ruleId()).isEqualTo("TZ-27");
        });

        Api.Response resume = api.post("/api/v1/agreements/" + id + "/resumption", operator, Map.of("reason", "恢复"));
        assertThat(resume.status()).isEqualTo(409);
        assertThat(resume.text("code")).isEqualTo("authorization.agreement.transition-refused");
        assertThat(state(operator, id)).isEqualTo("REVOKED");
        Api.Response history = api.get("/api/v1/agreements/" + id + "/history", operator);
        assertThat(history.json().path("items").findValuesAsString("to"))
                .containsExactly("DRAFT", "PARTIALLY_SIGNED", "EFFECTIVE", "REVOKED");
        assertThat(history.json().path("items").get(3).path("rule").asString()).isEqualTo("TZ-27");
    }

    @Test
    void refusesAgreementLongerThanProfileCapAndCreatesNothing() {
        AuthorizationFixtures.Developer dev = newDeveloper();
        String operator = login("operator");
        LocalDate from = today().plusDays(10);
        Api.Response over = api.post("/api/v1/agreements", operator, draft(dev.orgId(), from, from.plusYears(3),
                allClauses()));
        assertThat(over.status()).as(over.body()).isEqualTo(422);
        assertThat(over.text("rule")).isEqualTo("TZ-11");
        assertThat(over.text("code")).isEqualTo("authorization.agreement.term-over-cap.YEARS");
        assertThat(over.text("detail")).contains(from.plusYears(3).minusDays(1).toString());
        assertThat(api.get("/api/v1/agreements?organizationId=" + dev.orgId(), operator).json().path("total").asLong())
                .isZero();
        Api.Response english = api.inEnglish().post("/api/v1/agreements", operator, draft(dev.orgId(), from,
                from.plusYears(3), allClauses()));
        assertThat(english.text("detail")).contains("at most 3 years");

        Api.Response atCap = api.post("/api/v1/agreements", operator, draft(dev.orgId(), from,
                from.plusYears(3).minusDays(1), allClauses()));
        assertThat(atCap.status()).as(atCap.body()).isEqualTo(201);
        String id = atCap.text("id");
        Api.Response amended = api.post("/api/v1/agreements/" + id + "/amendments", operator,
                Map.of("reason", "延长期限", "validUntil", from.plusYears(4).toString()));
        assertThat(amended.status()).isEqualTo(422);
        assertThat(amended.text("rule")).isEqualTo("TZ-11");
        Api.Response unchanged = api.get("/api/v1/agreements/" + id, operator);
        assertThat(unchanged.text("validUntil")).isEqualTo(from.plusYears(3).minusDays(1).toString());
        assertThat(unchanged.text("state")).isEqualTo("DRAFT");
    }

    @Test
    void refusesADeveloperOnACreditBlacklistNamingTheRule() {
        AuthorizationFixtures.Developer dev = newDeveloper();
        // listed after its admission: the agreement is still refused
        Api.Response listed = api.post("/api/v1/organizations/" + dev.orgId() + "/credit-entries", login("authority"),
                Map.of("listType", "DISHONEST_JUDGMENT_DEBTOR", "source", "中国执行信息公开网",
                        "listedOn", today().minusDays(30).toString()));
        assertThat(listed.status()).as(listed.body()).isIn(200, 201);
        String operator = login("operator");
        Api.Response refused = api.post("/api/v1/agreements", operator, draft(dev.orgId(), today(),
                today().plusYears(1), allClauses()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("TZ-7");
        assertThat(refused.text("code")).isEqualTo("authorization.admission.credit-listed");
        assertThat(api.get("/api/v1/agreements?organizationId=" + dev.orgId(), operator).json().path("total").asLong())
                .isZero();
    }

    @Test
    void refusesAForgedSignatureAndAStaleTextAndAmendmentAfterASignatureStartsANewVersion() {
        AuthorizationFixtures.Developer dev = newDeveloper();
        String operator = login("operator");
        String id = api.post("/api/v1/agreements", operator, draft(dev.orgId(), today(), today().plusYears(1),
                allClauses())).text("id");

        Api.Response forged = sign(dev.token(), id, Sm2.generate().privateKey());
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.text("code")).isEqualTo("authorization.agreement.signature-invalid");
        assertThat(state(operator, id)).isEqualTo("DRAFT");

        JsonNode before = api.get("/api/v1/agreements/" + id + "/signing-text", operator).json();
        assertThat(signAsDemo(operator, id, "operator").text("state")).isEqualTo("PARTIALLY_SIGNED");
        Api.Response amended = api.post("/api/v1/agreements/" + id + "/amendments", operator,
                Map.of("reason", "增加场景", "scenarios", List.of("普惠金融企业经营状况评估", "小微企业信用评分")));
        assertThat(amended.status()).as(amended.body()).isEqualTo(200);
        assertThat(amended.text("state")).isEqualTo("DRAFT");
        assertThat(amended.json().path("version").asInt()).isEqualTo(2);

        byte[] key = dev.privateKey();
        String staleSignature = DemoSigningKeys.sign(key, before.path("sm3").asString());
        Api.Response stale = api.post("/api/v1/agreements/" + id + "/signatures", dev.token(), Map.of("version", 1,
                "textSm3", before.path("sm3").asString(), "signature", staleSignature));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text("code")).isEqualTo("authorization.agreement.text-changed");
        Api.Response versions = api.get("/api/v1/agreements/" + id + "/versions", operator);
        assertThat(versions.json().path("items").get(0).path("version").asInt()).isEqualTo(1);
        assertThat(versions.json().path("items").get(0).path("textSm3").asString())
                .isEqualTo(before.path("sm3").asString());

        assertThat(signAsDemo(operator, id, "operator").text("state")).isEqualTo("PARTIALLY_SIGNED");
        assertThat(sign(dev.token(), id, key).text("state")).isEqualTo("EFFECTIVE");
        assertThat(directory.find(UUID.fromString(id)).orElseThrow().scenarios()).contains("小微企业信用评分");
    }

    @Test
    void onlyTheRightRolesAndOrganizationsActOnAnAgreement() {
        AuthorizationFixtures.Developer dev = newDeveloper();
        Api.Response byDeveloper = api.post("/api/v1/agreements", dev.token(), draft(dev.orgId(), today(),
                today().plusYears(1), allClauses()));
        assertThat(byDeveloper.status()).isEqualTo(403);

        String operator = login("operator");
        String id = api.post("/api/v1/agreements", operator, draft(dev.orgId(), today(), today().plusYears(1),
                allClauses())).text("id");
        AuthorizationFixtures.Developer stranger = newDeveloper();
        assertThat(api.get("/api/v1/agreements/" + id, stranger.token()).status()).isEqualTo(404);
        assertThat(sign(stranger.token(), id, stranger.privateKey()).status()).isEqualTo(404);
        Api.Response suspendByParty = api.post("/api/v1/agreements/" + id + "/suspension", dev.token(),
                Map.of("reason", "x"));
        assertThat(suspendByParty.status()).isEqualTo(403);

        UUID newOperator = newOrganization("OPERATOR");
        String unauthorizedOperator = newUser(newOperator, "OPERATOR");
        Api.Response notAuthorized = api.post("/api/v1/agreements", unauthorizedOperator, draft(dev.orgId(), today(),
                today().plusYears(1), allClauses()));
        assertThat(notAuthorized.status()).as(notAuthorized.body()).isEqualTo(422);
        assertThat(notAuthorized.text("rule")).isEqualTo("TZ-6");
        assertThat(notAuthorized.text("code")).isEqualTo("authorization.agreement.grantor-not-authorized");

        AuthorizationFixtures.Developer notAdmitted = fixtures().developer();
        Api.Response refused = api.post("/api/v1/agreements", operator, draft(notAdmitted.orgId(), today(),
                today().plusYears(1), allClauses()));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("TZ-9");
        assertThat(refused.text("code")).isEqualTo("authorization.agreement.developer-not-admitted");
    }

    @Test
    void anAgreementLeavesForceTheDayAfterItsTermAndExpiryPublishesTheEnd() {
        AuthorizationFixtures.Developer dev = newDeveloper();
        String operator = login("operator");
        String id = api.post("/api/v1/agreements", operator, draft(dev.orgId(), today(), today(), allClauses()))
                .text("id");
        signAsDemo(operator, id, "operator");
        assertThat(sign(dev.token(), id, dev.privateKey()).text("state")).isEqualTo("EFFECTIVE");
        assertThat(directory.inForceFor(dev.orgId())).hasSize(1);

        clock.advance(Duration.ofDays(1));
        try {
            assertThat(directory.inForceFor(dev.orgId())).as("out of force before the expiry job runs").isEmpty();
            expiry.expireDue();
        } finally {
            clock.advance(Duration.ofDays(-1));
        }
        AgreementSummary expired = directory.find(UUID.fromString(id)).orElseThrow();
        assertThat(expired.state()).isEqualTo("EXPIRED");
        assertThat(ended.of(UUID.fromString(id))).singleElement().satisfies(e -> {
            assertThat(e.cause()).isEqualTo("expiry");
            assertThat(e.ruleId()).isEqualTo("TZ-11");
        });
        assertThat(directory.inForceFor(DemoOrganizations.DEVELOPER)).isNotEmpty();
    }

    @Autowired
    AuthorizationTestConfiguration.RenewalEvents renewalEvents;

    @Autowired
    RenewalReminders renewals;

    @Test
    void remindsThePartyToReapplyThreeMonthsBeforeExpiryOnce() {
        AuthorizationFixtures.Developer dev = newDeveloper();
        String operator = login("operator");
        LocalDate until = today().plusMonths(3).plusDays(10);
        String id = api.post("/api/v1/agreements", operator, draft(dev.orgId(), today(), until, allClauses()))
                .text("id");
        signAsDemo(operator, id, "operator");
        Api.Response effective = sign(dev.token(), id, dev.privateKey());
        assertThat(effective.text("reapplyBy")).isEqualTo(until.minusMonths(3).toString());
        assertThat(effective.text("renewalRule")).isEqualTo("TZ-11");
        renewals.remind();
        renewals.remind();
        assertThat(renewalEvents.of(UUID.fromString(id))).singleElement().satisfies(e -> {
            assertThat(e.reapplyBy()).isEqualTo(until.minusMonths(3));
            assertThat(e.ruleId()).isEqualTo("TZ-11");
            assertThat(e.partyOrganizationId()).isEqualTo(dev.orgId());
        });
    }

    // fixtures

    private AuthorizationFixtures fixtures() {
        return new AuthorizationFixtures(api, login("sysadmin"));
    }

    private AuthorizationFixtures.Developer newDeveloper() {
        return fixtures().admitted(login("operator"));
    }

    private UUID newOrganization(String type) {
        return fixtures().organization(type);
    }

    private String newUser(UUID org, String role) {
        return fixtures().user(org, role);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE);
    }

    private String state(String token, String id) {
        return api.get("/api/v1/agreements/" + id, token).text("state");
    }

    private Api.Response signAsDemo(String token, String id, String demoKey) {
        return sign(token, id, DemoSigningKeys.privateKey(demoKey));
    }

    private Api.Response sign(String token, String id, byte[] privateKey) {
        Api.Response text = api.get("/api/v1/agreements/" + id + "/signing-text", token);
        if (text.status() != 200) {
            return text;
        }
        String sm3 = text.text("sm3");
        return api.post("/api/v1/agreements/" + id + "/signatures", token, Map.of("version",
                text.json().path("version").asInt(), "textSm3", sm3, "signature", DemoSigningKeys.sign(privateKey, sm3)));
    }

    private List<Map<String, String>> allClauses() {
        return clausesExcept(null);
    }

    private List<Map<String, String>> clausesExcept(@Nullable String left) {
        List<Map<String, String>> clauses = new ArrayList<>();
        for (JsonNode t : api.get("/api/v1/agreements/clause-templates", login("operator")).json()) {
            if (!t.path("key").asString().equals(left)) {
                clauses.add(Map.of("key", t.path("key").asString(), "title", t.path("titleZh").asString(),
                        "body", "关于" + t.path("titleZh").asString() + "的约定。"));
            }
        }
        assertThat(clauses).hasSizeGreaterThan(5);
        return clauses;
    }

    private static Map<String, @Nullable Object> draft(UUID party, LocalDate from, LocalDate until,
            List<Map<String, String>> clauses) {
        Map<String, @Nullable Object> d = new HashMap<>();
        d.put("tier", "DEVELOPER");
        d.put("partyOrganizationId", party.toString());
        d.put("title", "二级开发主体授权协议");
        d.put("scenarios", List.of("普惠金融企业经营状况评估"));
        d.put("zoneCodes", List.of("TZ-COMPREHENSIVE"));
        d.put("validFrom", from.toString());
        d.put("validUntil", until.toString());
        d.put("clauses", clauses);
        return d;
    }
}
