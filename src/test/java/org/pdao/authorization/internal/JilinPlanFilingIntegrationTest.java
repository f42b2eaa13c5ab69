package org.pdao.authorization.internal;

import org.pdao.support.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * JL-plan: an implementation plan is drafted with the required contents, approved by the government of its own
 * level (三重一大), filed within one month county → city, aggregated by the city and filed with the province; an
 * overdue filing becomes a {@code DeadlineOverdue} and a late one needs its reason; a change goes through approval
 * again as a new version while the old one is kept.
 */
@Import(AuthorizationTestConfiguration.class)
@TestPropertySource(properties = {"pdao.jurisdiction.active=JL", "pdao.demo.residents=200"})
class JilinPlanFilingIntegrationTest extends ApiTest {

    @Autowired
    TestClock clock;

    @Autowired
    Filings filings;

    @Autowired
    AuthorizationTestConfiguration.OverdueEvents overdue;

    @Test
    void countyPlanIsApprovedAtItsLevelAndFiledUpToTheProvinceThroughTheCitysAggregate() {
        AuthorizationFixtures fx = new AuthorizationFixtures(api, login("sysadmin"));
        PlanFlow plans = new PlanFlow(api, login("sysadmin"));
        UUID province = plans.authority("PROVINCE", null);
        UUID city = plans.authority("CITY", province);
        UUID county = plans.authority("COUNTY", city);
        String provinceToken = fx.user(province, "AUTHORITY");
        String cityToken = fx.user(city, "AUTHORITY");
        String countyToken = fx.user(county, "AUTHORITY");

        Api.Response draft = plans.draft(countyToken, "PER_SCENARIO", null, plans.sections(countyToken, "SECURITY"));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        String plan = draft.text("id");
        assertThat(draft.json().path("level").asString()).isEqualTo("COUNTY");
        assertThat(draft.json().path("missingSections").toString()).contains("SECURITY");
        Api.Response incomplete = api.post("/api/v1/plans/" + plan + "/submission", countyToken, null);
        assertThat(incomplete.status()).isEqualTo(422);
        assertThat(incomplete.text("rule")).isEqualTo("JL-plan");
        assertThat(incomplete.text("code")).isEqualTo("authorization.plan.contents-missing");
        assertThat(api.get("/api/v1/plans/" + plan, countyToken).text("state")).isEqualTo("DRAFT");
        assertThat(api.put("/api/v1/plans/" + plan + "/sections/SECURITY", countyToken, Map.of("title",
                "数据安全、个人信息保护措施和应急处置措施", "body", "可信数据空间内处理，原始数据不出域。")).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/plans/" + plan + "/submission", countyToken, null).text("state"))
                .isEqualTo("SUBMITTED");

        Api.Response otherLevel = plans.approve(countyToken, plan, "CITY");
        assertThat(otherLevel.status()).isEqualTo(422);
        assertThat(otherLevel.text("rule")).isEqualTo("JL-plan");
        assertThat(otherLevel.text("code")).isEqualTo("authorization.plan.wrong-government-level");
        Api.Response notItsAuthority = plans.approve(cityToken, plan, "COUNTY");
        assertThat(notItsAuthority.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/plans/" + plan, countyToken).text("state")).isEqualTo("SUBMITTED");
        Api.Response approved = plans.approve(countyToken, plan, "COUNTY");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.text("state")).isEqualTo("APPROVED");

        JsonNode toCity = plans.step(countyToken, "implementation-plan", plan, "DUE");
        assertThat(toCity.path("filedByOrganizationId").asString()).isEqualTo(county.toString());
        assertThat(toCity.path("filedWithOrganizationId").asString()).isEqualTo(city.toString());
        assertThat(toCity.path("rule").asString()).isEqualTo("JL-plan");
        LocalDate approvedOn = LocalDate.parse(approved.text("approvedOn"));
        assertThat(LocalDate.parse(toCity.path("dueOn").asString())).isAfterOrEqualTo(approvedOn.plusMonths(1))
                .isBefore(approvedOn.plusMonths(1).plusDays(10));
        String step1 = toCity.path("id").asString();
        assertThat(api.post("/api/v1/filings/" + step1 + "/receipt", countyToken, null).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/filings/" + step1 + "/submission", countyToken, Map.of()).text("state"))
                .isEqualTo("FILED");
        Api.Response received = api.post("/api/v1/filings/" + step1 + "/receipt", cityToken,
                Map.of("receiptNumber", "市备〔2026〕3号"));
        assertThat(received.text("state")).as(received.body()).isEqualTo("RECEIVED");
        JsonNode toProvince = plans.step(cityToken, "implementation-plan", plan, "DUE");
        assertThat(toProvince.path("filedByOrganizationId").asString()).isEqualTo(city.toString());
        assertThat(toProvince.path("filedWithOrganizationId").asString()).isEqualTo(province.toString());
        assertThat(toProvince.path("previousStepId").asString()).isEqualTo(step1);

        String cityPlan = plans.approvedPlan(cityToken, cityToken, "WHOLE", null, "CITY");
        JsonNode cityStep = plans.step(cityToken, "implementation-plan", cityPlan, "DUE");
        Api.Response aggregate = api.post("/api/v1/filings/aggregates", cityToken, Map.of("filingIds",
                List.of(toProvince.path("id").asString(), cityStep.path("id").asString()), "note", "本市及所辖县区实施方案汇总"));
        assertThat(aggregate.status()).as(aggregate.body()).isEqualTo(200);
        assertThat(aggregate.text("subjectType")).isEqualTo("filing-batch");
        assertThat(aggregate.json().path("members")).hasSize(2);
        assertThat(plans.step(cityToken, "implementation-plan", plan, "FILED").path("aggregateId").asString())
                .isEqualTo(aggregate.text("id"));
        assertThat(api.get("/api/v1/plans/" + plan, countyToken).text("state")).isEqualTo("APPROVED");
        Api.Response byProvince = api.post("/api/v1/filings/" + aggregate.text("id") + "/receipt", provinceToken, null);
        assertThat(byProvince.text("state")).as(byProvince.body()).isEqualTo("RECEIVED");
        assertThat(api.get("/api/v1/plans/" + plan, countyToken).text("state")).isEqualTo("FILED");
        assertThat(api.get("/api/v1/plans/" + cityPlan, cityToken).text("state")).isEqualTo("FILED");
        Api.Response withProvince = api.get("/api/v1/filings?filedWith=" + province + "&state=RECEIVED", provinceToken);
        assertThat(withProvince.json().path("total").asInt()).isEqualTo(3);
        List<String> transitions = api.get("/api/v1/filings/" + step1 + "/history", countyToken).json()
                .findValuesAsString("to");
        assertThat(transitions).containsExactly("DUE", "FILED", "RECEIVED");

        Api.Response revision = api.post("/api/v1/plans/" + plan + "/revisions", countyToken,
                Map.of("reason", "新增医疗健康场景，属较大变更", "scenarios", List.of("普惠金融企业经营状况评估", "区域医疗资源配置分析")));
        assertThat(revision.status()).as(revision.body()).isEqualTo(201);
        String v2 = revision.text("id");
        assertThat(revision.json().path("version").asInt()).isEqualTo(2);
        assertThat(revision.text("state")).isEqualTo("DRAFT");
        assertThat(api.get("/api/v1/plans/" + plan, countyToken).text("state")).isEqualTo("FILED");
        assertThat(api.post("/api/v1/plans/" + v2 + "/submission", countyToken, null).status()).isEqualTo(200);
        assertThat(plans.approve(countyToken, v2, "COUNTY").text("state")).isEqualTo("APPROVED");
        assertThat(api.get("/api/v1/plans/" + plan, countyToken).text("state")).isEqualTo("SUPERSEDED");
        JsonNode versions = api.get("/api/v1/plans/" + v2 + "/versions", countyToken).json();
        assertThat(versions.findValuesAsString("state")).containsExactly("SUPERSEDED", "APPROVED");
        assertThat(versions.get(0).path("scenarios")).hasSize(1);
        assertThat(plans.step(countyToken, "implementation-plan", v2, "DUE").path("filedWithOrganizationId").asString())
                .isEqualTo(city.toString());
    }

    @Test
    void overdueFilingIsPublishedOnceAndALateFilingNeedsItsReason() {
        AuthorizationFixtures fx = new AuthorizationFixtures(api, login("sysadmin"));
        PlanFlow plans = new PlanFlow(api, login("sysadmin"));
        UUID province = plans.authority("PROVINCE", null);
        UUID city = plans.authority("CITY", province);
        AuthorizationFixtures.Account cityUser = fx.account(city, "AUTHORITY");
        String plan = plans.approvedPlan(cityUser.token(), cityUser.token(), "PER_DOMAIN", null, "CITY");
        JsonNode step = plans.step(cityUser.token(), "implementation-plan", plan, "DUE");
        String id = step.path("id").asString();
        LocalDate due = LocalDate.parse(step.path("dueOn").asString());
        Duration moved = Duration.ZERO;
        try {
            while (!LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE).isAfter(due)) {
                clock.advance(Duration.ofDays(1));
                moved = moved.plusDays(1);
            }
            filings.publishOverdue();
            filings.publishOverdue();
            assertThat(overdue.of(id)).hasSize(1);
            assertThat(overdue.of(id).get(0).ruleId()).isEqualTo("JL-plan");
            assertThat(overdue.of(id).get(0).subjectType()).isEqualTo("filing:implementation-plan");
            assertThat(overdue.of(id).get(0).responsibleOrganizationId()).isEqualTo(city);
            String token = fx.relogin(cityUser.username(), clock.instant());
            assertThat(api.get("/api/v1/filings?overdue=true&filedBy=" + city, token).json().path("total").asInt())
                    .isEqualTo(1);
            // supervision turned it into an alert for the city authority, naming the rule
            JsonNode alerts = api.get("/api/v1/supervision/alerts?subjectId=" + id, token).json();
            assertThat(alerts.path("total").asInt()).as(alerts.toString()).isEqualTo(1);
            assertThat(alerts.path("items").get(0).path("ruleId").asString()).isEqualTo("JL-plan");
            assertThat(alerts.path("items").get(0).path("message").asString()).contains("备案");
            Api.Response late = api.post("/api/v1/filings/" + id + "/submission", token, Map.of());
            assertThat(late.status()).isEqualTo(422);
            assertThat(late.text("rule")).isEqualTo("JL-plan");
            assertThat(late.text("code")).isEqualTo("authorization.filing.late");
            assertThat(api.get("/api/v1/filings/" + id, token).text("state")).isEqualTo("DUE");
            Api.Response filed = api.post("/api/v1/filings/" + id + "/submission", token,
                    Map.of("lateReason", "政府审议纪要印发延迟"));
            assertThat(filed.text("state")).as(filed.body()).isEqualTo("FILED");
            assertThat(filed.text("lateReason")).isEqualTo("政府审议纪要印发延迟");
        } finally {
            clock.advance(moved.negated());
        }
    }
}
