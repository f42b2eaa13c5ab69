package org.pdao.authorization.internal;

import org.pdao.support.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pdao.identity.DemoOrganizations;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * NJ (data zones, NJ-4..12): the zone's supervisor selects its operator; NJ's materials (commitment letter,
 * credit report) and MLPS level 3 are admission conditions; expert review and the city government's
 * approval; the agreement runs at most 5 years. An industry zone's regulator publishes its own announcement.
 */
@Import(AuthorizationTestConfiguration.class)
@TestPropertySource(properties = {"pdao.jurisdiction.active=NJ", "pdao.demo.residents=200"})
class NanjingSelectionIntegrationTest extends ApiTest {

    @Autowired
    TestClock clock;

    @Test
    void zoneOperatorIsSelectedWithNanjingMaterialsAndMlpsLevelAndAtMostFiveYears() {
        SelectionFlow flow = new SelectionFlow(api, clock);
        AuthorizationFixtures fx = new AuthorizationFixtures(api, login("sysadmin"));
        AuthorizationFixtures.Account operator = fx.account(fx.organization("OPERATOR", 3), "OPERATOR");
        AuthorizationFixtures.Account noMlps = fx.account(fx.organization("OPERATOR"), "OPERATOR");
        AuthorizationFixtures.Account expert = fx.account(DemoOrganizations.EXPERTS, "EXPERT");
        String authority = login("authority");
        String announcement = flow.announce(authority, "COMPREHENSIVE_ZONE", null);
        var materials = flow.materials(authority);
        assertThat(materials).contains("SECURITY_COMMITMENT", "CREDIT_REPORT");

        Api.Response refused = flow.applyAndSubmit(noMlps.token(), announcement, materials);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("NJ-8");
        assertThat(refused.text("code")).isEqualTo("authorization.admission.mlps-below");
        Api.Response applied = flow.applyAndSubmit(operator.token(), announcement, materials);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        String app = applied.text("id");

        String regulator = login("regulator");
        Api.Response industry = api.post("/api/v1/announcements", regulator, Map.of("model", "INDUSTRY_ZONE",
                "title", "医疗健康专区运营单位遴选", "conditions", "具备医疗数据安全管理经验", "closesOn",
                flow.today().plusDays(20).toString()));
        assertThat(industry.status()).as(industry.body()).isEqualTo(201);

        flow.passClosingDay();
        try {
            authority = flow.login("authority");
            String op = fx.relogin(operator.username());
            String exp = fx.relogin(expert.username());
            flow.post("/api/v1/announcements/" + announcement + "/closure", authority, null);
            flow.qualify(authority, app, true);
            flow.assignExpert(authority, announcement, exp);
            assertThat(flow.declareAndScore(exp, app, false, 88).status()).isEqualTo(200);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/proposal", authority,
                    Map.of("applicationId", app)).status()).isEqualTo(200);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/approval", authority,
                    Map.of("reference", "宁政复〔2026〕3号")).status()).isEqualTo(200);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/result", authority, Map.of()).status())
                    .isEqualTo(200);

            Api.Response tooLong = flow.draftFor(authority, announcement, operator.orgId(), flow.today().plusYears(5));
            assertThat(tooLong.status()).isEqualTo(422);
            assertThat(tooLong.text("rule")).isEqualTo("NJ-12");
            Api.Response noClauses = flow.draftFor(authority, announcement, operator.orgId(),
                    flow.today().plusYears(5).minusDays(1));
            assertThat(noClauses.status()).as(noClauses.body()).isEqualTo(201);
            Api.Response missing = flow.sign(authority, noClauses.text("id"), DemoSigningKeys.privateKey("city"));
            assertThat(missing.status()).isEqualTo(422);
            assertThat(missing.text("rule")).isEqualTo("NJ-11");
            assertThat(missing.text("code")).isEqualTo("authorization.agreement.clauses-missing");
            assertThat(api.get("/api/v1/agreements/" + noClauses.text("id"), authority).text("state")).isEqualTo("DRAFT");
            JsonNode agreement = flow.agreement(authority, "city", announcement, operator.orgId(), op,
                    flow.today().plusYears(5).minusDays(1), "COMPREHENSIVE_ZONE");
            assertThat(agreement.path("state").asString()).isEqualTo("EFFECTIVE");

            // NJ-12: breach of the agreement ends the zone authorization through an exit
            flow.exit(authority, agreement.path("id").asString(), "BREACH", "NJ-12");
        } finally {
            clock.advance(Duration.ofDays(-1));
        }
    }
}
