package org.pdao.authorization.internal;

import org.pdao.support.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * JL (JL-agreement): the implementing agency selects the operator by a tender mode, publicizes the result
 * (公示) and handles objections, and signs only after publicity without objection and its 三重一大 decision.
 */
@Import(AuthorizationTestConfiguration.class)
@TestPropertySource(properties = {"pdao.jurisdiction.active=JL", "pdao.demo.residents=200"})
class JilinSelectionIntegrationTest extends ApiTest {

    @Autowired
    TestClock clock;

    @Test
    void agencySelectsByTenderPublicizesHandlesObjectionsAndDecidesCollectively() {
        SelectionFlow flow = new SelectionFlow(api, clock);
        AuthorizationFixtures fx = new AuthorizationFixtures(api, login("sysadmin"));
        AuthorizationFixtures.Account operator = fx.account(fx.organization("OPERATOR"), "OPERATOR");
        String agency = login("agency");
        PlanFlow plans = new PlanFlow(api, login("sysadmin"));
        Api.Response noPlan = api.post("/api/v1/announcements", agency, Map.of("model", "WHOLE", "title", "遴选",
                "conditions", "条件", "tenderMode", "OPEN_TENDER", "closesOn", flow.today().toString()));
        assertThat(noPlan.status()).isEqualTo(422);
        assertThat(noPlan.text("rule")).isEqualTo("JL-agreement");
        assertThat(noPlan.text("code")).isEqualTo("authorization.selection.plan-required");
        String plan = plans.approvedPlan(agency, login("authority"), "WHOLE",
                org.pdao.identity.DemoOrganizations.CITY_AUTHORITY, "CITY");
        Api.Response noMode = api.post("/api/v1/announcements", agency, Map.of("model", "WHOLE", "title", "遴选",
                "conditions", "条件", "closesOn", flow.today().toString(), "planId", plan));
        assertThat(noMode.status()).isEqualTo(422);
        assertThat(noMode.text("rule")).isEqualTo("JL-agreement");
        assertThat(noMode.text("code")).isEqualTo("authorization.selection.tender-mode-required");
        String announcement = flow.announce(agency, "WHOLE", "OPEN_TENDER", plan);
        Api.Response applied = flow.applyAndSubmit(operator.token(), announcement, flow.materials(agency));
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        String app = applied.text("id");

        Duration moved = Duration.ofDays(1);
        flow.passClosingDay();
        try {
            agency = flow.login("agency");
            flow.post("/api/v1/announcements/" + announcement + "/closure", agency, null);
            flow.qualify(agency, app, true);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/proposal", agency,
                    Map.of("applicationId", app)).status()).isEqualTo(200);
            assertThat(flow.post("/api/v1/announcements/" + announcement + "/approval", agency,
                    Map.of("reference", "吉政办函〔2026〕21号")).status()).isEqualTo(200);
            Api.Response early = flow.post("/api/v1/announcements/" + announcement + "/result", agency, Map.of());
            assertThat(early.status()).isEqualTo(422);
            assertThat(early.text("code")).isEqualTo("authorization.selection.publicity-required");

            Api.Response publicity = flow.post("/api/v1/announcements/" + announcement + "/publicity", agency, null);
            assertThat(publicity.status()).as(publicity.body()).isEqualTo(200);
            LocalDate until = LocalDate.parse(publicity.json().path("announcement").path("publicityUntil").asString());
            Api.Response objection = flow.post("/api/v1/announcements/" + announcement + "/objections",
                    flow.login("developer"), Map.of("text", "选定单位近三年有数据安全事件"));
            assertThat(objection.status()).as(objection.body()).isEqualTo(201);
            Api.Response running = flow.post("/api/v1/announcements/" + announcement + "/result", agency, Map.of());
            assertThat(running.status()).isEqualTo(422);
            assertThat(running.text("code")).isEqualTo("authorization.selection.publicity-running");
            assertThat(flow.post("/api/v1/objections/" + objection.text("id") + "/resolution", agency,
                    Map.of("upheld", false, "resolution", "经核查，该事件未被公开通报，不影响准入")).status()).isEqualTo(200);

            while (!flow.today().isAfter(until)) {
                clock.advance(Duration.ofDays(1));
                moved = moved.plusDays(1);
            }
            agency = flow.login("agency");
            String op = fx.relogin(operator.username());
            Api.Response noDecision = flow.post("/api/v1/announcements/" + announcement + "/result", agency, Map.of());
            assertThat(noDecision.status()).isEqualTo(422);
            assertThat(noDecision.text("code")).isEqualTo("authorization.selection.collective-decision-required");
            Api.Response result = flow.post("/api/v1/announcements/" + announcement + "/result", agency,
                    Map.of("collectiveDecision", "实施中心党委会〔2026〕第7次会议"));
            assertThat(result.status()).as(result.body()).isEqualTo(200);

            JsonNode agreement = flow.agreement(agency, "agency", announcement, operator.orgId(), op,
                    flow.today().plusYears(5).minusDays(1), "WHOLE");
            assertThat(agreement.path("state").asString()).isEqualTo("EFFECTIVE");

            // JL-agreement: the agreement is filed with the authority of the agency's level, which files it with
            // the province within one month
            String id = agreement.path("id").asString();
            JsonNode due = plans.step(agency, "agreement", id, "DUE");
            assertThat(due.path("rule").asString()).isEqualTo("JL-agreement");
            assertThat(due.path("filedByOrganizationId").asString())
                    .isEqualTo(org.pdao.identity.DemoOrganizations.IMPLEMENTING_AGENCY.toString());
            Api.Response noRecipient = flow.post("/api/v1/filings/" + due.path("id").asString() + "/submission",
                    agency, Map.of());
            assertThat(noRecipient.status()).isEqualTo(422);
            assertThat(noRecipient.text("code")).isEqualTo("authorization.filing.recipient-required");
            Api.Response filed = flow.post("/api/v1/filings/" + due.path("id").asString() + "/submission", agency,
                    Map.of("filedWithOrganizationId", org.pdao.identity.DemoOrganizations.CITY_AUTHORITY.toString()));
            assertThat(filed.text("state")).as(filed.body()).isEqualTo("FILED");
            String city = flow.login("authority");
            assertThat(flow.post("/api/v1/filings/" + due.path("id").asString() + "/receipt", city, null).text("state"))
                    .isEqualTo("RECEIVED");
            JsonNode up = plans.step(city, "agreement", id, "DUE");
            assertThat(up.path("filedWithOrganizationId").asString())
                    .isEqualTo(org.pdao.identity.DemoOrganizations.PROVINCE_AUTHORITY.toString());

            // JL-exit: a prohibited act with serious consequences ends the authorization at once
            Api.Response exit = flow.post("/api/v1/exits", agency, Map.of("agreementId", id, "cause",
                    "PROHIBITED_SERIOUS", "reason", "导出原始数据，造成严重后果"));
            assertThat(exit.status()).as(exit.body()).isEqualTo(201);
            assertThat(exit.text("rule")).isEqualTo("JL-exit");
            assertThat(exit.text("logRule")).isEqualTo("JL-exit");
            assertThat(LocalDate.parse(exit.text("logsKeptUntil"))).isEqualTo(flow.today().plusYears(5));
            assertThat(api.get("/api/v1/agreements/" + id, agency).text("state")).isEqualTo("TERMINATED");
        } finally {
            clock.advance(moved.negated());
        }
    }
}
