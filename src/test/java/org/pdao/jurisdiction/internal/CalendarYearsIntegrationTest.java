package org.pdao.jurisdiction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.catalog.MovingClockApiTest;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.support.Api;
import org.pdao.supervision.internal.SupervisionDeadlines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Calendar years loaded at runtime, through HTTP as the demo roles: a deadline that needs an unloaded year is
 * refused naming it; supervision warns before the calendar runs out; the system administrator loads the year
 * (checked, audited, stored, merged at startup); a covered year changes only with a reason.
 *
 * <p>The 2027 holidays below are made up for the test (the State Council had not published the 2027 notice
 * when this was written); the platform ships no 2027 data.
 */
class CalendarYearsIntegrationTest extends MovingClockApiTest {

    /** Its own database: the years it loads must not reach the contexts that expect 2027 to be missing. */
    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        if ("postgres".equals(System.getProperty("pdao.test.db"))) {
            String url = System.getenv().getOrDefault("PDAO_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/pdao_test");
            registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=calendar_it");
            registry.add("spring.flyway.schemas", () -> "calendar_it");
        } else {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:pdao_calendar_it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        registry.add("pdao.dataspace.store-dir", () -> "target/test-zones/calendar-it-" + System.getProperty("pdao.test.db"));
    }

    static final UUID HRSS = UUID.nameUUIDFromBytes("pdao-demo-org-hrss".getBytes());

    @Autowired
    SupervisionDeadlines checks;

    @Autowired
    CalendarAdministration administration;

    @Autowired
    CalendarConfiguration.BundledYears bundled;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    WorkingDayCalendar calendar;

    @Test
    void aYearLoadedAtRuntimeLetsDeadlinesCrossIntoItAndABundledYearChangesOnlyWithAReason() {
        // two months ahead the calendar still covers: no warning; within 60 days of its end: one alert
        moveTo("2026-10-15T09:00:00");
        assertThat(checks.calendarRunsOut()).isZero();
        moveTo("2026-11-02T09:00:00");
        assertThat(checks.calendarRunsOut()).isEqualTo(1);
        assertThat(checks.calendarRunsOut()).isZero();
        for (String who : List.of("sysadmin", "authority")) {
            Api.Response alerts = api.get("/api/v1/supervision/alerts?subjectType=calendar-year", login(who));
            assertThat(alerts.status()).as(alerts.body()).isEqualTo(200);
            assertThat(alerts.json().path("items").size()).as(who).isEqualTo(1);
            JsonNode alert = alerts.json().path("items").get(0);
            assertThat(alert.path("subjectId").asString()).isEqualTo("2027");
            assertThat(alert.path("ruleId").asString()).isEqualTo("CN-HOLIDAYS");
            assertThat(alert.path("message").asString()).contains("工作日日历即将用尽");
        }

        // a deadline of five working days from 28 December falls into 2027, which is not loaded: refused, naming it
        moveTo("2026-12-28T10:00:00");
        String operator = login("operator");
        String title = "灵活就业人员参保明细" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> demand = Map.of("sourceUnitId", HRSS, "title", title, "description", "按月汇聚",
                "purpose", "普惠金融场景建模");
        Api.Response refused = api.post("/api/v1/catalog/demands", operator, demand);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("jurisdiction.calendar.year-not-covered");
        assertThat(refused.text("detail")).contains("2027年", "2024–2026", "/api/v1/calendar/years/2027");
        assertThat(api.inEnglish().post("/api/v1/catalog/demands", operator, demand).text("detail"))
                .contains("holidays for 2027");
        assertThat(api.get("/api/v1/catalog/demands?size=100", operator).body()).doesNotContain(title);
        String authority = login("authority");
        assertThat(api.get("/api/v1/calendar/deadline?from=2026-12-28&workingDays=5", authority).status())
                .isEqualTo(422);

        // only the system administrator loads years; a year that contradicts itself is refused, all problems listed
        String sysadmin = login("sysadmin");
        assertThat(api.post("/api/v1/calendar/years/2027", authority, year2027(null)).status()).isEqualTo(403);
        Map<String, Object> bad = year2027(null);
        List<Map<String, Object>> holidays = new ArrayList<>(holidays2027());
        holidays.add(holiday("春节（测试）", "2027-01-03", "2027-01-05", List.of("2027-01-06", "2028-01-08")));
        bad.put("holidays", holidays);
        bad.put("notice", Map.of("issued", "2026-11-01"));
        Api.Response invalid = api.post("/api/v1/calendar/years/2027", sysadmin, bad);
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        List<String> codes = new ArrayList<>();
        invalid.json().path("errors").forEach(e -> codes.add(e.path("code").asString()));
        assertThat(codes).contains("jurisdiction.calendar.notice-title-required");
        Api.Response invalidDays = api.post("/api/v1/calendar/years/2027", sysadmin, withHolidays(holidays));
        assertThat(invalidDays.status()).as(invalidDays.body()).isEqualTo(400);
        Map<String, String> problems = new HashMap<>();
        invalidDays.json().path("errors").forEach(e -> problems.put(e.path("code").asString(), e.path("date").asString()));
        assertThat(problems).containsEntry("jurisdiction.calendar.holidays-overlap", "2027-01-03")
                .containsEntry("jurisdiction.calendar.make-up-not-weekend", "2027-01-06")
                .containsEntry("jurisdiction.calendar.date-outside-year", "2028-01-08");
        assertThat(invalidDays.json().path("errors").get(0).path("message").asString()).isNotBlank();
        assertThat(api.get("/api/v1/calendar/deadline?from=2026-12-28&workingDays=5", authority).status())
                .as("nothing changed").isEqualTo(422);

        Api.Response loaded = api.post("/api/v1/calendar/years/2027", sysadmin, year2027(null));
        assertThat(loaded.status()).as(loaded.body()).isEqualTo(201);
        assertThat(loaded.text("origin")).isEqualTo("LOADED");
        // 29, 30, 31 December, 1–3 January off, 4 and 5 January
        Api.Response due = api.get("/api/v1/calendar/deadline?from=2026-12-28&workingDays=5", authority);
        assertThat(due.status()).as(due.body()).isEqualTo(200);
        assertThat(due.text("due")).isEqualTo("2027-01-05");
        Api.Response accepted = api.post("/api/v1/catalog/demands", operator, demand);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(accepted.text("answerDue")).isEqualTo("2027-01-05");
        // loaded, the calendar runs to the end of 2027: its warning is closed, no new one
        assertThat(checks.calendarRunsOut()).isZero();
        JsonNode closed = api.get("/api/v1/supervision/alerts?subjectType=calendar-year", sysadmin).json()
                .path("items").get(0);
        assertThat(closed.path("state").asString()).isEqualTo("CLOSED");
        assertThat(closed.path("handledBy").asString()).isEqualTo("sysadmin");

        // a covered year changes only on purpose: POST refuses it, PUT needs a reason
        assertThat(api.post("/api/v1/calendar/years/2027", sysadmin, year2027(null)).status()).isEqualTo(409);
        Api.Response noReason = api.put("/api/v1/calendar/years/2026", sysadmin, bundled2026(authority, null));
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.text("code")).isEqualTo("jurisdiction.calendar.reason-required");
        Api.Response replaced = api.put("/api/v1/calendar/years/2026", sysadmin,
                bundled2026(authority, "核对国务院办公厅通知原文后重新录入"));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        Map<Integer, JsonNode> years = new HashMap<>();
        api.get("/api/v1/calendar/years", authority).json().forEach(y -> years.put(y.path("year").asInt(), y));
        assertThat(years.keySet()).containsExactlyInAnyOrder(2024, 2025, 2026, 2027);
        assertThat(years.get(2025).path("origin").asString()).isEqualTo("BUNDLED");
        assertThat(years.get(2026).path("origin").asString()).isEqualTo("BUNDLED_REPLACED");
        assertThat(years.get(2026).path("reason").asString()).isEqualTo("核对国务院办公厅通知原文后重新录入");
        assertThat(years.get(2027).path("loadedBy").asString()).isEqualTo("sysadmin");
        assertThat(years.get(2027).path("noticeTitle").asString()).contains("测试");

        // every change is in the audit log, with who and why
        Api.Response audited = api.get("/api/v1/audit/entries?targetType=calendar-year&action=jurisdiction.calendar-year",
                login("auditadmin"));
        assertThat(audited.status()).as(audited.body()).isEqualTo(200);
        assertThat(audited.body()).contains("jurisdiction.calendar-year-loaded", "jurisdiction.calendar-year-replaced",
                "核对国务院办公厅通知原文后重新录入", "sysadmin");

        // at the next start the stored years are merged over the bundled ones
        WorkingDayCalendar restarted = new WorkingDayCalendar(bundled.years());
        new CalendarAdministration(restarted, bundled, jdbc, events, Clock.systemUTC());
        assertThat(restarted.addWorkingDays(LocalDate.parse("2026-12-28"), 5)).isEqualTo(LocalDate.parse("2027-01-05"));
        assertThat(restarted.year(2026).orElseThrow()).isEqualTo(calendar.year(2026).orElseThrow());
    }

    private Map<String, Object> bundled2026(String token, String reason) {
        JsonNode y = api.get("/api/v1/calendar/2026", token).json();
        List<Map<String, Object>> holidays = new ArrayList<>();
        for (JsonNode h : y.path("holidays")) {
            List<String> makeUp = new ArrayList<>();
            h.path("makeUpWorkingDays").forEach(d -> makeUp.add(d.asString()));
            holidays.add(Map.of("name", Map.of("zh", h.path("name").path("zh").asString(), "en",
                    h.path("name").path("en").asString()), "from", h.path("firstDay").asString(), "to",
                    h.path("lastDay").asString(), "makeUpWorkingDays", makeUp));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notice", Map.of("title", Map.of("zh", y.path("notice").path("title").path("zh").asString(), "en",
                y.path("notice").path("title").path("en").asString()), "issued", y.path("notice").path("issued").asString()));
        body.put("holidays", holidays);
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    private static Map<String, Object> withHolidays(List<Map<String, Object>> holidays) {
        Map<String, Object> body = year2027(null);
        body.put("holidays", holidays);
        return body;
    }

    private static Map<String, Object> year2027(String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notice", Map.of("title", Map.of("zh", "测试用节假日安排（非国务院办公厅通知）", "en",
                "Holidays for tests only (not a State Council notice)"), "number", "TEST-2027", "issued", "2026-11-01"));
        body.put("holidays", holidays2027());
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    private static List<Map<String, Object>> holidays2027() {
        return List.of(holiday("元旦（测试）", "2027-01-01", "2027-01-03", List.of()));
    }

    private static Map<String, Object> holiday(String zh, String from, String to, List<String> makeUp) {
        return Map.of("name", Map.of("zh", zh, "en", "Test holiday"), "from", from, "to", to, "makeUpWorkingDays",
                makeUp);
    }
}
