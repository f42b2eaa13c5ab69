package org.pdao.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.catalog.MovingClockApiTest;
import org.pdao.dataspace.DataUse;
import org.pdao.dataspace.DatasetProfiled;
import org.pdao.support.Api;
import org.pdao.supervision.internal.SupervisionDeadlines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Quality issues and rectification (TZ-17, TZM-12, NJ-20), automatic checks of dataset profiles and
 * staleness, alerts handling and the contribution assessment (TZ-19), through HTTP as the demo roles.
 */
class SupervisionIntegrationTest extends MovingClockApiTest {

    static final UUID HRSS = UUID.nameUUIDFromBytes("pdao-demo-org-hrss".getBytes());

    @Autowired
    SupervisionDeadlines checks;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void developerIssueIsRectifiedAcrossSpringFestivalConfirmedAndOverdueTasksAlertOnce() {
        moveTo("2026-02-12T09:00:00");
        String resourceId = newResource(login("sourceunit"), "WEEKLY");
        String developer = login("developer");
        Api.Response bad = api.post("/api/v1/supervision/quality/issues", developer,
                Map.of("resourceId", resourceId, "dimension", "BEAUTY", "description", "x"));
        assertThat(bad.status()).isIn(400, 422);
        Api.Response issue = api.post("/api/v1/supervision/quality/issues", developer, Map.of("resourceId", resourceId,
                "dimension", "accuracy", "description", "参保人编号与身份证号码不一致"));
        assertThat(issue.status()).as(issue.body()).isEqualTo(201);
        assertThat(issue.text("state")).isEqualTo("REPORTED");
        assertThat(issue.text("sourceUnitId")).isEqualTo(HRSS.toString());
        String id = issue.text("id");

        String authority = login("authority");
        assertThat(api.post(path(id, "rectification"), login("sourceunit"), Map.of("reason", "已更正")).status())
                .isEqualTo(422);
        Api.Response dispatched = api.post(path(id, "dispatch"), authority, Map.of("note", "请核实更正"));
        assertThat(dispatched.status()).as(dispatched.body()).isEqualTo(200);
        // 02-13, 02-14 (make-up), holiday to 02-23, 24, 25, 26, 27, 02-28 (make-up Saturday); reopened on
        // 02-27: 02-28, 03-02 .. 03-06, 03-09
        assertThat(dispatched.json().path("tasks").get(0).path("dueOn").asString()).isEqualTo("2026-02-28");
        assertThat(dispatched.json().path("issue").path("state").asString()).isEqualTo("DISPATCHED");

        Api.Response notYours = api.post(path(id, "rectification"), developer, Map.of("reason", "x"));
        assertThat(notYours.status()).isEqualTo(403);
        moveTo("2026-02-27T15:00:00");
        Api.Response rectified = api.post(path(id, "rectification"), login("sourceunit"), Map.of("reason", "已核实并更正"));
        assertThat(rectified.status()).as(rectified.body()).isEqualTo(200);
        assertThat(rectified.json().path("tasks").get(0).path("rectifiedOn").asString()).isEqualTo("2026-02-27");
        developer = login("developer");
        Api.Response reopened = api.post(path(id, "reopening"), developer, Map.of("reason", "仍有不一致"));
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        assertThat(reopened.json().path("tasks").size()).isEqualTo(2);
        assertThat(reopened.json().path("tasks").get(1).path("dueOn").asString()).isEqualTo("2026-03-09");

        moveTo("2026-03-11T09:00:00");
        assertThat(checks.overdueRectifications()).isPositive();
        assertThat(checks.overdueRectifications()).isZero();
        String unit = login("sourceunit");
        String task = reopened.json().path("tasks").get(1).path("id").asString();
        Api.Response alerts = api.get("/api/v1/supervision/alerts?subjectType=rectification-task&rule=TZM-12&subjectId="
                + task, unit);
        String alertId = null;
        for (var a : alerts.json().path("items")) {
            if (a.path("subjectId").asString().equals(task)) {
                alertId = a.path("id").asString();
                assertThat(a.path("message").asString()).isEqualTo("整改任务未在期限内核实、更正");
            }
        }
        assertThat(alertId).as(alerts.body()).isNotNull();
        Api.Response ack = api.post("/api/v1/supervision/alerts/" + alertId + "/acknowledgement", unit,
                Map.of("note", "正在整改"));
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.text("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(api.post("/api/v1/supervision/alerts/" + alertId + "/closure", unit, Map.of("note", "x")).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/supervision/alerts/" + alertId, login("developer")).status()).isEqualTo(404);
        authority = login("authority");
        assertThat(api.post("/api/v1/supervision/alerts/" + alertId + "/closure", authority, Map.of("note", "已督办"))
                .text("state")).isEqualTo("CLOSED");
        assertThat(api.post("/api/v1/supervision/alerts/" + alertId + "/acknowledgement", authority, null).status())
                .isEqualTo(422);

        assertThat(api.post(path(id, "rectification"), login("sourceunit"), Map.of("reason", "全部更正")).status())
                .isEqualTo(200);
        Api.Response confirmed = api.post(path(id, "confirmation"), login("developer"), null);
        assertThat(confirmed.json().path("issue").path("state").asString()).isEqualTo("CONFIRMED");
        assertThat(api.post(path(id, "reopening"), login("developer"), Map.of("reason", "x")).status()).isEqualTo(422);
    }

    @Test
    void profiledDatasetsRaiseOneIssuePerFailedCheckAndStaleDataRaisesATimelinessIssue() {
        moveTo("2026-04-01T09:00:00");
        String resourceId = newResource(login("sourceunit"), "WEEKLY");
        UUID resource = UUID.fromString(resourceId);
        DatasetProfiled profile = new DatasetProfiled(UUID.randomUUID(), "insured_persons", resource, HRSS, 1000, 50,
                List.of(new DatasetProfiled.ColumnProfile("phone", 400, "PHONE", 30),
                        new DatasetProfiled.ColumnProfile("id_number", 0, "ID_NUMBER", 2),
                        new DatasetProfiled.ColumnProfile("name", 0, null, 0)),
                clock.instant());
        events.publishEvent(profile);
        events.publishEvent(profile);
        String authority = login("authority");
        Api.Response issues = api.get("/api/v1/supervision/quality/issues?resourceId=" + resourceId, authority);
        assertThat(issues.status()).as(issues.body()).isEqualTo(200);
        // phone: 40% nulls (completeness) and 5% bad formats (normativity); 5% duplicate rows; ID numbers 0.2% fine
        assertThat(issues.json().path("total").asLong()).isEqualTo(3);
        assertThat(issues.body()).contains("COMPLETENESS", "NORMATIVITY", "CONSISTENCY").doesNotContain("id_number");
        assertThat(issues.body()).contains("电话号码格式错误率 5.0%");

        moveTo("2026-04-07T09:00:00");
        checks.staleResources();
        assertThat(api.get("/api/v1/supervision/quality/issues?dimension=TIMELINESS&resourceId=" + resourceId,
                login("authority")).json().path("total").asLong()).isZero();
        moveTo("2026-04-09T09:00:00");
        checks.staleResources();
        checks.staleResources();
        Api.Response stale = api.get("/api/v1/supervision/quality/issues?dimension=TIMELINESS&resourceId=" + resourceId,
                login("sourceunit"));
        assertThat(stale.json().path("total").asLong()).as(stale.body()).isEqualTo(1);
        String staleId = stale.json().path("items").get(0).path("id").asString();
        authority = login("authority");
        assertThat(api.post(path(staleId, "dispatch"), authority, null).status()).isEqualTo(200);
        assertThat(api.post(path(staleId, "rectification"), login("sourceunit"), Map.of("reason", "已补充汇聚"))
                .status()).isEqualTo(200);
        assertThat(api.post(path(staleId, "confirmation"), login("developer"), null).status()).isEqualTo(403);
        assertThat(api.post(path(staleId, "confirmation"), login("authority"), null).status()).isEqualTo(200);
    }

    @Test
    void contributionIsAMonthlySeriesAndAChartWithChineseLabels() {
        moveTo("2026-05-06T09:00:00");
        String unit = login("sourceunit");
        newResource(unit, "MONTHLY");
        String authority = login("authority");
        Api.Response series = api.get("/api/v1/supervision/contributions/" + HRSS + "?from=2026-01&to=2026-05",
                authority);
        assertThat(series.status()).as(series.body()).isEqualTo(200);
        assertThat(series.text("ruleId")).isEqualTo("TZ-19");
        assertThat(series.json().path("months").size()).isEqualTo(5);
        var may = series.json().path("months").get(4);
        assertThat(may.path("month").asString()).isEqualTo("2026-05");
        long resources = may.path("quantity").path("resources").asLong();
        assertThat(resources).isPositive();
        assertThat(may.path("quantity").path("fields").asLong()).isGreaterThanOrEqualTo(2 * resources);
        assertThat(series.json().path("months").get(0).path("quantity").path("resources").asLong())
                .isLessThanOrEqualTo(resources);

        Api.Response svg = api.get("/api/v1/supervision/contributions/" + HRSS + "/chart.svg?from=2026-01&to=2026-05",
                authority);
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.body()).startsWith("<svg").contains("数据提供数量", "数据质量", "数据应用", "2026年1月", "2026年5月",
                "资源数", "<polyline");
        Api.Response english = api.inEnglish().get("/api/v1/supervision/contributions/" + HRSS + "/chart.svg", unit);
        assertThat(english.body()).contains("resources").doesNotContain("年");
        UUID other = UUID.nameUUIDFromBytes("pdao-demo-org-operator".getBytes());
        assertThat(api.get("/api/v1/supervision/contributions/" + other, unit).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/supervision/contributions/" + HRSS + "?from=2020-01&to=2026-01", authority)
                .status()).isEqualTo(400);
        assertThat(api.get("/api/v1/supervision/contributions/" + HRSS, login("developer")).status()).isEqualTo(403);
    }

    @Test
    void contributionCountsTheUseOfTheUnitsDataByGrantsWorkspacesAndQueriesMonthByMonth() {
        moveTo("2026-05-06T09:00:00");
        UUID resource = UUID.fromString(newResource(login("sourceunit"), "MONTHLY"));
        UUID zone = UUID.randomUUID();
        UUID developer = UUID.nameUUIDFromBytes("pdao-demo-org-developer".getBytes());
        UUID grant = UUID.randomUUID();
        UUID workspace = UUID.randomUUID();
        DataUse.Granted granted = new DataUse.Granted(grant, zone, developer, "参保稳定性评估",
                java.time.LocalDate.parse("2024-12-31"), List.of(new DataUse.GrantedDataset("insured", resource, 2)),
                at("2024-07-10T02:00:00Z"));
        events.publishEvent(granted);
        events.publishEvent(granted); // the same event twice counts once
        events.publishEvent(new DataUse.WorkspacePrepared(workspace, grant,
                List.of(new DataUse.ServedDataset("insured", resource, 1_200)), at("2024-07-11T02:00:00Z")));
        for (String when : List.of("2024-07-12T02:00:00Z", "2024-07-31T15:00:00Z", "2024-08-03T02:00:00Z")) {
            // 2024-07-31T15:00Z is 23:00 in China, still July
            events.publishEvent(new DataUse.WorkspaceQueried(UUID.randomUUID(), workspace, grant, List.of(resource),
                    800, 4_096, at(when)));
        }
        events.publishEvent(new DataUse.WorkspacePrepared(workspace, grant,
                List.of(new DataUse.ServedDataset("insured", resource, 1_150)), at("2024-08-20T02:00:00Z")));
        events.publishEvent(new DataUse.GrantEnded(grant, "TZ-11", at("2024-09-10T02:00:00Z")));
        // a grant over data the catalog does not know is nobody's contribution
        events.publishEvent(new DataUse.Granted(UUID.randomUUID(), zone, developer, "x",
                java.time.LocalDate.parse("2024-12-31"), List.of(new DataUse.GrantedDataset("x", UUID.randomUUID(), 1)),
                at("2024-07-10T02:00:00Z")));

        Api.Response series = api.get("/api/v1/supervision/contributions/" + HRSS + "?from=2024-06&to=2024-10",
                login("authority"));
        assertThat(series.status()).as(series.body()).isEqualTo(200);
        var months = series.json().path("months");
        var june = months.get(0).path("use");
        var july = months.get(1).path("use");
        var august = months.get(2).path("use");
        var september = months.get(3).path("use");
        assertThat(june.path("grantsIssued").asLong()).isZero();
        assertThat(june.path("grantsInForce").asLong()).isZero();
        assertThat(july.path("grantsIssued").asLong()).isEqualTo(1);
        assertThat(july.path("grantsInForce").asLong()).isEqualTo(1);
        assertThat(july.path("grantees").asLong()).isEqualTo(1);
        assertThat(july.path("workspacesPrepared").asLong()).isEqualTo(1);
        assertThat(july.path("rowsServed").asLong()).isEqualTo(1_200);
        assertThat(july.path("queries").asLong()).isEqualTo(2);
        assertThat(august.path("grantsIssued").asLong()).isZero();
        assertThat(august.path("grantsInForce").asLong()).isEqualTo(1);
        assertThat(august.path("queries").asLong()).isEqualTo(1);
        assertThat(august.path("rowsServed").asLong()).isEqualTo(1_150);
        assertThat(september.path("grantsInForce").asLong()).isZero();
        assertThat(september.path("queries").asLong()).isZero();

        Api.Response svg = api.get("/api/v1/supervision/contributions/" + HRSS + "/chart.svg?from=2024-06&to=2024-10",
                login("sourceunit"));
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.body()).contains("数据应用：授权与查询", "有效授权", "受控查询", "数据应用：提供行数", "工作空间行数");
    }

    private String newResource(String sourceUnitToken, String frequency) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", "参保人员信息" + UUID.randomUUID().toString().substring(0, 8));
        body.put("description", "参保人员基本信息");
        body.put("domain", "社会保障");
        body.put("category", "参保");
        body.put("updateFrequency", frequency);
        body.put("sharing", "UNCONDITIONAL");
        body.put("opening", "UNCONDITIONAL");
        body.put("restrictions", List.of());
        body.put("fields", List.of(
                Map.of("name", "id_number", "label", "身份证号码", "type", "varchar", "grade", 3, "classification", "个人信息",
                        "personKey", true),
                Map.of("name", "phone", "label", "联系电话", "type", "varchar", "grade", 3, "classification", "个人信息",
                        "personKey", false)));
        Api.Response r = api.post("/api/v1/catalog/resources", sourceUnitToken, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private static String path(String issueId, String step) {
        return "/api/v1/supervision/quality/issues/" + issueId + "/" + step;
    }

    private static Instant at(String s) {
        return Instant.parse(s);
    }
}
