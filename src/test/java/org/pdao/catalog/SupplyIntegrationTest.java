package org.pdao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.catalog.internal.SupplyDeadlines;
import org.pdao.support.Api;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Data demands (TZM-11), sharing requests and arbitration (TZM-15), unmet needs (TZ-13) through HTTP
 * as the demo roles, with deadlines across the 2025 National Day and the 2026 Spring Festival.
 */
class SupplyIntegrationTest extends MovingClockApiTest {

    static final UUID HRSS = CatalogFixtures.DEMO_SOURCE_UNIT;

    @Autowired
    SupplyDeadlines deadlines;

    @Test
    void demandAcrossNationalDayIsAnsweredAndDeliveredOnTheRightWorkingDays() {
        moveTo("2025-09-30T10:00:00");
        Api.Response demand = api.post("/api/v1/catalog/demands", login("operator"), demand("失业保险金发放明细"));
        assertThat(demand.status()).as(demand.body()).isEqualTo(201);
        // 10-01..10-08 holiday, 10-11 (Saturday) a make-up working day: 9, 10, 11, 13, 14
        assertThat(demand.text("answerDue")).isEqualTo("2025-10-14");
        assertThat(demand.text("state")).isEqualTo("SUBMITTED");
        String id = demand.text("id");

        Api.Response notAddressed = api.post("/api/v1/catalog/demands/" + id + "/agreement", login("authority"),
                Map.of("answer", "同意"));
        assertThat(notAddressed.status()).isEqualTo(403);

        moveTo("2025-10-14T16:00:00");
        deadlines.check();
        String unit = login("sourceunit");
        Api.Response agreed = api.post("/api/v1/catalog/demands/" + id + "/agreement", unit, Map.of("answer", "同意提供"));
        assertThat(agreed.status()).as(agreed.body()).isEqualTo(200);
        assertThat(agreed.text("state")).isEqualTo("AGREED");
        assertThat(agreed.text("answeredOn")).isEqualTo("2025-10-14");
        assertThat(agreed.text("deliveryDue")).isEqualTo("2025-10-21");

        Api.Response again = api.post("/api/v1/catalog/demands/" + id + "/refusal", unit,
                Map.of("reason", "改变主意", "legalBasis", "《数据安全法》"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.text("rule")).isEqualTo("TZM-11");
        assertThat(again.text("article")).contains("第十一条");

        moveTo("2025-10-21T09:00:00");
        Api.Response delivered = api.post("/api/v1/catalog/demands/" + id + "/delivery", login("sourceunit"),
                Map.of("note", "已汇聚至公共数据平台"));
        assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
        assertThat(delivered.text("state")).isEqualTo("DELIVERED");
        assertThat(delivered.text("deliveredOn")).isEqualTo("2025-10-21");
    }

    @Test
    void refusalNeedsItsLegalBasis() {
        moveTo("2025-11-03T10:00:00");
        String id = api.post("/api/v1/catalog/demands", login("operator"), demand("工伤认定结论")).text("id");
        String unit = login("sourceunit");
        Api.Response bare = api.post("/api/v1/catalog/demands/" + id + "/refusal", unit, Map.of("reason", "不便提供"));
        assertThat(bare.status()).isEqualTo(422);
        assertThat(bare.text("rule")).isEqualTo("TZM-11");
        assertThat(bare.text("code")).isEqualTo("catalog.demand.legal-basis-required");
        assertThat(api.get("/api/v1/catalog/demands/" + id, unit).text("state")).isEqualTo("SUBMITTED");
        Api.Response refused = api.post("/api/v1/catalog/demands/" + id + "/refusal", unit,
                Map.of("reason", "涉及个人隐私", "legalBasis", "《个人信息保护法》第十三条"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(refused.text("state")).isEqualTo("REFUSED");
        assertThat(refused.text("legalBasis")).contains("个人信息保护法");
    }

    @Test
    void overdueAnswerAcrossSpringFestivalRaisesOneAlertAndAnArbitrationItemTheAuthorityRules() {
        moveTo("2026-02-12T10:00:00");
        String operator = login("operator");
        Api.Response demand = api.post("/api/v1/catalog/demands", operator, demand("灵活就业人员参保登记"));
        // 02-13, 02-14 (make-up Saturday), holiday 02-15..02-23, then 24, 25, 26
        assertThat(demand.text("answerDue")).isEqualTo("2026-02-26");
        String id = demand.text("id");

        moveTo("2026-02-26T23:00:00");
        deadlines.check();
        assertThat(api.get("/api/v1/catalog/demands/" + id, login("operator")).text("state")).isEqualTo("SUBMITTED");

        moveTo("2026-02-27T08:00:00");
        deadlines.check();
        deadlines.check();
        String authority = login("authority");
        assertThat(api.get("/api/v1/catalog/demands/" + id, authority).text("state")).isEqualTo("ESCALATED");
        Api.Response alerts = api.get("/api/v1/supervision/alerts?subjectType=data-demand&rule=TZM-11&subjectId=" + id,
                authority);
        assertThat(alerts.status()).as(alerts.body()).isEqualTo(200);
        List<Api.Response> mine = alertsFor(alerts, id);
        assertThat(mine).hasSize(1);
        assertThat(alerts.body()).contains("数据需求未在期限内答复");
        String unit = login("sourceunit");
        assertThat(alertsFor(api.get("/api/v1/supervision/alerts?subjectId=" + id, unit), id))
                .hasSize(1);
        assertThat(alertsFor(api.get("/api/v1/supervision/alerts?subjectId=" + id, login("supervisor")), id))
                .hasSize(1);
        assertThat(alertsFor(api.get("/api/v1/supervision/alerts?subjectId=" + id, login("developer")), id)).isEmpty();

        Api.Response items = api.get("/api/v1/catalog/arbitrations?state=OPEN&subject=DATA_DEMAND&subjectId=" + id, authority);
        String item = null;
        for (var node : items.json().path("items")) {
            if (node.path("subjectId").asString().equals(id)) {
                item = node.path("id").asString();
                assertThat(node.path("cause").asString()).isEqualTo("OVERDUE");
            }
        }
        assertThat(item).as(items.body()).isNotNull();
        Api.Response late = api.post("/api/v1/catalog/demands/" + id + "/agreement", unit, Map.of("answer", "同意"));
        assertThat(late.status()).isEqualTo(422);

        Api.Response ruled = api.post("/api/v1/catalog/arbitrations/" + item + "/ruling", authority,
                Map.of("ruling", "SUPPLY", "reason", "属于履行法定职责所需数据，应当提供"));
        assertThat(ruled.status()).as(ruled.body()).isEqualTo(200);
        assertThat(ruled.text("state")).isEqualTo("RULED");
        Api.Response after = api.get("/api/v1/catalog/demands/" + id, authority);
        assertThat(after.text("state")).isEqualTo("AGREED");
        assertThat(after.text("deliveryDue")).isEqualTo("2026-03-05");
        assertThat(api.post("/api/v1/catalog/arbitrations/" + item + "/ruling", authority,
                Map.of("ruling", "NO_SUPPLY", "reason", "再议")).status()).isEqualTo(422);

        moveTo("2026-03-09T09:00:00");
        deadlines.check();
        deadlines.check();
        assertThat(alertsFor(api.get("/api/v1/supervision/alerts?subjectId=" + id, login("authority")), id))
                .hasSize(2);
    }

    @Test
    void refusedAndLateSharingReviewsGoToTheAuthority() {
        moveTo("2026-02-12T10:00:00");
        String unit = login("sourceunit");
        Api.Response resource = api.post("/api/v1/catalog/resources", unit, CatalogFixtures.resource(
                "参保缴费记录" + CatalogFixtures.token(), null, "CONDITIONAL", "CONDITIONAL", "《社会保险法》", List.of()));
        assertThat(resource.status()).as(resource.body()).isEqualTo(201);
        String resourceId = resource.text("id");
        String operator = login("operator");
        Map<String, Object> body = Map.of("resourceId", resourceId, "purpose", "核验参保状态", "legalDuty", "社会救助审核");
        Api.Response first = api.post("/api/v1/catalog/sharing-requests", operator, body);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        // 02-13, 02-14 (make-up Saturday), then 02-24 after the holiday
        assertThat(first.text("reviewDue")).isEqualTo("2026-02-24");
        Api.Response second = api.post("/api/v1/catalog/sharing-requests", operator, body);

        Api.Response refused = api.post("/api/v1/catalog/sharing-requests/" + first.text("id") + "/refusal", unit,
                Map.of("reason", "数据敏感"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(refused.text("state")).isEqualTo("REFUSED");
        String authority = login("authority");
        String item = openItemFor(authority, first.text("id"));
        Api.Response ruled = api.post("/api/v1/catalog/arbitrations/" + item + "/ruling", authority,
                Map.of("ruling", "SUPPLY", "reason", "无法律、法规依据拒绝共享"));
        assertThat(ruled.status()).as(ruled.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/catalog/sharing-requests/" + first.text("id"), operator).text("state"))
                .isEqualTo("RULED_SHARED");

        moveTo("2026-02-25T09:00:00");
        deadlines.check();
        authority = login("authority");
        assertThat(api.get("/api/v1/catalog/sharing-requests/" + second.text("id"), authority).text("state"))
                .isEqualTo("ESCALATED");
        assertThat(openItemFor(authority, second.text("id"))).isNotNull();
        Api.Response late = api.post("/api/v1/catalog/sharing-requests/" + second.text("id") + "/approval",
                login("sourceunit"), null);
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.text("rule")).isEqualTo("TZM-15");
        assertThat(alertsFor(api.get("/api/v1/supervision/alerts?subjectType=sharing-request&rule=TZM-15&subjectId="
                + second.text("id"), authority), second.text("id"))).hasSize(1);
    }

    @Test
    void operatorGathersUnmetNeedsIntoOneSubmissionTheAuthorityAnswers() {
        moveTo("2026-03-02T10:00:00");
        UUID operatorOrg = UUID.nameUUIDFromBytes("pdao-demo-org-operator".getBytes());
        String developer = login("developer");
        Api.Response fromDeveloper = api.post("/api/v1/catalog/unmet-needs", developer, Map.of("operatorId",
                operatorOrg, "scenario", "普惠金融授信", "dataWanted", "企业社保缴纳人数按月统计"));
        assertThat(fromDeveloper.status()).as(fromDeveloper.body()).isEqualTo(201);
        assertThat(api.post("/api/v1/catalog/unmet-needs", developer, Map.of("scenario", "x", "dataWanted", "y"))
                .status()).isEqualTo(400);
        String operator = login("operator");
        assertThat(api.post("/api/v1/catalog/unmet-needs", operator, Map.of("scenario", "养老服务补贴测算",
                "dataWanted", "高龄老人名单（脱敏）")).status()).isEqualTo(201);
        Api.Response submission = api.post("/api/v1/catalog/need-submissions", operator, Map.of("note", "三月汇总"));
        assertThat(submission.status()).as(submission.body()).isEqualTo(201);
        assertThat(submission.json().path("needs").size()).isGreaterThanOrEqualTo(2);
        Api.Response nothing = api.post("/api/v1/catalog/need-submissions", operator, null);
        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.text("rule")).isEqualTo("TZ-13");
        String authority = login("authority");
        Api.Response answered = api.post("/api/v1/catalog/need-submissions/" + submission.text("id") + "/response",
                authority, Map.of("response", "已转相关数源单位按数据需求办理"));
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().path("needs").get(0).path("state").asString()).isEqualTo("ANSWERED");
        assertThat(api.get("/api/v1/catalog/unmet-needs?state=ANSWERED", developer).json().path("total").asLong())
                .isPositive();
    }

    private String openItemFor(String authority, String subjectId) {
        Api.Response items = api.get("/api/v1/catalog/arbitrations?state=OPEN&subject=SHARING_REQUEST&subjectId="
                + subjectId, authority);
        for (var node : items.json().path("items")) {
            if (node.path("subjectId").asString().equals(subjectId)) {
                return node.path("id").asString();
            }
        }
        throw new AssertionError("no open arbitration item for " + subjectId + ": " + items.body());
    }

    private static List<Api.Response> alertsFor(Api.Response page, String subjectId) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<Api.Response> out = new java.util.ArrayList<>();
        for (var node : page.json().path("items")) {
            if (node.path("subjectId").asString().equals(subjectId)) {
                out.add(new Api.Response(200, node, node.toString()));
            }
        }
        return out;
    }

    private static Map<String, Object> demand(String title) {
        return Map.of("sourceUnitId", HRSS, "title", title + CatalogFixtures.token(),
                "description", "按月汇聚的" + title, "purpose", "普惠金融场景建模");
    }
}
