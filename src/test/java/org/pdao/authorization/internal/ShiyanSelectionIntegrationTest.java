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
 * SY (comprehensive authorization, SY-5/10): one announcement per model and year, qualification review,
 * third-party expert review before the candidate goes to the government, and an agreement of exactly 2 years.
 */
@Import(AuthorizationTestConfiguration.class)
@TestPropertySource(properties = {"pdao.jurisdiction.active=SY", "pdao.demo.residents=200"})
class ShiyanSelectionIntegrationTest extends ApiTest {

    @Autowired
    TestClock clock;

    @Test
    void comprehensiveAuthorizationNeedsExpertReviewGovernmentApprovalAndExactlyTwoYears() {
        SelectionFlow flow = new SelectionFlow(api, clock);
        AuthorizationFixtures fx = new AuthorizationFixtures(api, login("sysadmin"));
        AuthorizationFixtures.Account operator = fx.account(fx.organization("OPERATOR"), "OPERATOR");
        AuthorizationFixtures.Account expert = fx.account(DemoOrganizations.EXPERTS, "EXPERT");
        AuthorizationFixtures.Account conflicted = fx.account(DemoOrganizations.EXPERTS, "EXPERT");
        String authority = login("authority");
        String announcement = flow.announce(authority, "COMPREHENSIVE", null);

        Api.Response second = api.post("/api/v1/announcements", authority, Map.of("model", "COMPREHENSIVE", "title",
                "第二次公告", "conditions", "同上", "closesOn", flow.today().toString()));
        String secondId = second.json().path("announcement").path("id").asString();
        Api.Response annual = api.post("/api/v1/announcements/" + secondId + "/publication", authority, null);
        assertThat(annual.status()).as(annual.body()).isEqualTo(422);
        assertThat(annual.text("rule")).isEqualTo("SY-10");
        assertThat(annual.text("code")).isEqualTo("authorization.selection.annual-announcement-exists");

        Api.Response applied = flow.applyAndSubmit(operator.token(), announcement, flow.materials(authority));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        String app = applied.text("id");
        flow.passClosingDay();
        try {
            authority = flow.login("authority");
            String op = fx.relogin(operator.username());
            String exp = fx.relogin(expert.username());
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/closure", authority, null).status())
                    .isEqualTo(200);
            flow.qualify(authority, app, true);
            Api.Response noExperts = flow.post("/api/v1/announcements/" + announcement + "/proposal", authority,
                    Map.of("applicationId", app));
            assertThat(noExperts.status()).isEqualTo(422);
            assertThat(noExperts.text("rule")).isEqualTo("SY-10");
            assertThat(noExperts.text("code")).isEqualTo("authorization.selection.expert-review-missing");
            flow.assignExpert(authority, announcement, exp);
            String con = fx.relogin(conflicted.username());
            flow.assignExpert(authority, announcement, con);
            Api.Response byConflicted = flow.declareAndScore(con, app, true, 95);
            assertThat(byConflicted.status()).isEqualTo(422);
            assertThat(byConflicted.text("code")).isEqualTo("authorization.selection.expert-conflict");
            assertThat(flow.declareAndScore(exp, app, false, 80).status()).isEqualTo(200);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/proposal", authority,
                    Map.of("applicationId", app)).status()).isEqualTo(200);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/approval", authority,
                    Map.of("reference", "十政函〔2026〕8号")).status()).isEqualTo(200);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/result", authority, Map.of()).status())
                    .isEqualTo(200);

            Api.Response oneYear = flow.draftFor(authority, announcement, operator.orgId(), flow.today().plusYears(1));
            assertThat(oneYear.status()).as(oneYear.body()).isEqualTo(422);
            assertThat(oneYear.text("rule")).isEqualTo("SY-10");
            assertThat(oneYear.text("code")).isEqualTo("authorization.agreement.term-not-exact.YEARS");
            JsonNode agreement = flow.agreement(authority, "city", announcement, operator.orgId(), op,
                    flow.today().plusYears(2).minusDays(1), "COMPREHENSIVE");
            assertThat(agreement.path("model").asString()).isEqualTo("COMPREHENSIVE");
            assertThat(agreement.path("inForce").asBoolean()).isTrue();

            // SY-14: a failed evaluation not rectified ends the authorization: exit, agreement terminated
            flow.exit(authority, agreement.path("id").asString(), "EVALUATION_NOT_RECTIFIED", "SY-14");
            assertThat(api.get("/api/v1/agreements", op).status()).isEqualTo(401);
        } finally {
            clock.advance(Duration.ofDays(-1));
        }
    }
}
