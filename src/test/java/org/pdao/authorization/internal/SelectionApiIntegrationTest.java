package org.pdao.authorization.internal;

import org.pdao.support.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.authorization.AgreementDirectory;
import org.pdao.identity.DemoOrganizations;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * TZ (two tiers): the city data authority selects the operator — announcement, applications with materials,
 * admission checks, qualification review, an expert panel with conflict-of-interest declarations, the
 * government's approval, the published result — and signs the operator agreement with it.
 */
@Import(AuthorizationTestConfiguration.class)
class SelectionApiIntegrationTest extends ApiTest {

    @Autowired
    TestClock clock;

    @Autowired
    AgreementDirectory directory;

    @Test
    void authoritySelectsAnOperatorThroughAnnouncementReviewAndApprovalAndSignsItsAgreement() {
        SelectionFlow flow = new SelectionFlow(api, clock);
        AuthorizationFixtures fx = new AuthorizationFixtures(api, login("sysadmin"));
        AuthorizationFixtures.Account first = fx.account(fx.organization("OPERATOR"), "OPERATOR");
        AuthorizationFixtures.Account second = fx.account(fx.organization("OPERATOR"), "OPERATOR");
        AuthorizationFixtures.Account listed = fx.account(fx.organization("OPERATOR"), "OPERATOR");
        AuthorizationFixtures.Account expert = fx.account(DemoOrganizations.EXPERTS, "EXPERT");
        AuthorizationFixtures.Account conflicted = fx.account(DemoOrganizations.EXPERTS, "EXPERT");
        AuthorizationFixtures.Account outsider = fx.account(DemoOrganizations.EXPERTS, "EXPERT");
        String authority = login("authority");
        api.post("/api/v1/organizations/" + listed.orgId() + "/credit-entries", authority, Map.of("listType",
                "SERIOUS_DISHONESTY", "source", "信用中国", "listedOn", flow.today().minusDays(10).toString()));

        String announcement = flow.announce(authority, null, null);
        var materials = flow.materials(authority);
        Api.Response a1 = flow.applyAndSubmit(first.token(), announcement, materials);
        assertThat(a1.status()).as(a1.body()).isEqualTo(200);
        Api.Response a2 = flow.applyAndSubmit(second.token(), announcement, materials);
        assertThat(a2.status()).as(a2.body()).isEqualTo(200);
        Api.Response refused = flow.applyAndSubmit(listed.token(), announcement, materials);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("TZ-7");
        assertThat(flow.post("/api/v1/announcements/" + announcement + "/closure", authority, null).status())
                .isEqualTo(409);

        flow.passClosingDay();
        try {
            authority = flow.login("authority");
            String op1 = fx.relogin(first.username());
            String exp = fx.relogin(expert.username());
            String con = fx.relogin(conflicted.username());
            String out = fx.relogin(outsider.username());
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/closure", authority, null).status())
                    .isEqualTo(200);
            String app1 = a1.text("id");
            String app2 = a2.text("id");
            flow.qualify(authority, app1, true);
            flow.qualify(authority, app2, false);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/proposal", authority,
                    Map.of("applicationId", app2)).status()).isEqualTo(409);

            flow.assignExpert(authority, announcement, exp);
            flow.assignExpert(authority, announcement, con);
            Api.Response byConflicted = flow.declareAndScore(con, app1, true, 90);
            assertThat(byConflicted.status()).as(byConflicted.body()).isEqualTo(422);
            assertThat(byConflicted.text("code")).isEqualTo("authorization.selection.expert-conflict");
            assertThat(byConflicted.text("rule")).isEqualTo("TZ-8");
            Api.Response notAssigned = flow.post("/api/v1/selection-applications/" + app1 + "/declarations", out,
                    Map.of("conflict", false, "statement", "无"));
            assertThat(notAssigned.status()).isEqualTo(403);
            assertThat(flow.declareAndScore(exp, app1, false, 86).status()).isEqualTo(200);
            var download = api.download("/api/v1/materials/" + api.get("/api/v1/selection-applications/" + app1, exp)
                    .json().path("materials").get(0).path("id").asString(), exp);
            assertThat(download.getKey()).isEqualTo(200);

            Api.Response selfApproval = flow.post("/api/v1/announcements/" + announcement + "/approval", op1,
                    Map.of("reference", "自批"));
            assertThat(selfApproval.status()).isEqualTo(403);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/proposal", authority,
                    Map.of("applicationId", app1)).status()).isEqualTo(200);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/approval", authority,
                    Map.of("reference", "泰政复〔2026〕12号")).status()).isEqualTo(200);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/publicity", authority, null).status())
                    .isEqualTo(409);
            Api.Response result = flow.post("/api/v1/announcements/" + announcement + "/result", authority, Map.of());
            assertThat(result.status()).as(result.body()).isEqualTo(200);
            assertThat(result.json().path("announcement").path("state").asString()).isEqualTo("RESULT_PUBLISHED");
            assertThat(api.get("/api/v1/selection-applications/" + app1, op1).text("state")).isEqualTo("SELECTED");

            Api.Response notSelected = flow.draftFor(authority, announcement, second.orgId(),
                    flow.today().plusYears(1));
            assertThat(notSelected.status()).as(notSelected.body()).isEqualTo(422);
            assertThat(notSelected.text("code")).isEqualTo("authorization.agreement.not-selected");
            JsonNode agreement = flow.agreement(authority, "city", announcement, first.orgId(), op1,
                    flow.today().plusYears(3).minusDays(1), null);
            assertThat(agreement.path("tier").asString()).isEqualTo("OPERATOR");
            assertThat(directory.inForceFor(first.orgId())).extracting(s -> s.id().toString())
                    .containsExactly(agreement.path("id").asString());
            Api.Response history = api.get("/api/v1/announcements/" + announcement, authority);
            assertThat(history.json().path("experts").size()).isEqualTo(2);
        } finally {
            clock.advance(Duration.ofDays(-1));
        }
    }
}
