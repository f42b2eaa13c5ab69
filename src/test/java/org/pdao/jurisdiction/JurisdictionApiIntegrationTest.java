package org.pdao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** The jurisdiction and calendar endpoints, their refusals, in Chinese and English. */
class JurisdictionApiIntegrationTest extends ApiTest {

    @Test
    void listsProfilesWithTheActiveOneMarked() {
        Api.Response r = api.get("/api/v1/jurisdictions", login("developer"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).hasSize(6);
        JsonNode taizhou = find(r.json(), "TAIZHOU");
        assertThat(taizhou.path("active").asBoolean()).isTrue();
        assertThat(taizhou.path("version").asInt()).isEqualTo(1);
        assertThat(taizhou.path("name").path("zh").asString()).contains("泰州");
        assertThat(find(r.json(), "NJ").path("active").asBoolean()).isFalse();
    }

    @Test
    void showsAProfileWithEveryEntrysRuleAndArticle() {
        Api.Response r = api.get("/api/v1/jurisdictions/SY", login("operator"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode exact = find(r.json().path("entries"), "agreement.term.exact");
        assertThat(exact.path("amount").asLong()).isEqualTo(2);
        assertThat(exact.path("unit").asString()).isEqualTo("YEARS");
        assertThat(exact.path("rule").asString()).isEqualTo("SY-10");
        assertThat(exact.path("articleZh").asString()).isEqualTo("《十堰市公共数据授权运营暂行办法》第十条");
        for (JsonNode e : r.json().path("entries")) {
            assertThat(e.path("rule").asString()).as(e.path("key").asString()).isNotBlank();
            assertThat(e.path("articleZh").asString()).as(e.path("key").asString()).startsWith("《");
        }
        assertThat(r.json().path("sources").get(0).path("effectiveFrom").asString()).isEqualTo("2023-08-01");
    }

    @Test
    void showsNanjingsValidityPeriod() {
        Api.Response r = api.get("/api/v1/jurisdictions/nj", login("authority"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("sources").get(0).path("effectiveUntil").asString()).isEqualTo("2026-05-23");
    }

    @Test
    void showsTheActiveProfile() {
        Api.Response r = api.get("/api/v1/jurisdictions/active", login("developer"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("id").asString()).isEqualTo("TAIZHOU");
        assertThat(r.json().path("active").asBoolean()).isTrue();
        assertThat(find(r.json().path("entries"), "quality.rectification.deadline").path("amount").asLong())
                .isEqualTo(7);
        assertThat(find(r.json().path("platform"), "query.group-size.min").path("rule").isMissingNode()).isTrue();
    }

    @Test
    void refusesAnUnknownProfileWith404InChineseAndEnglish() {
        String token = login("developer");
        Api.Response zh = api.get("/api/v1/jurisdictions/XX", token);
        assertThat(zh.status()).isEqualTo(404);
        assertThat(zh.text("code")).isEqualTo("jurisdiction.profile-not-found");
        assertThat(zh.text("detail")).contains("辖区规则配置");
        Api.Response en = api.inEnglish().get("/api/v1/jurisdictions/XX", token);
        assertThat(en.status()).isEqualTo(404);
        assertThat(en.text("detail")).contains("no jurisdiction profile");
    }

    @Test
    void computesADeadlineAcrossNationalDayNamingTheRuleAndTheDaysSkipped() {
        Api.Response r = api.get("/api/v1/calendar/deadline?from=2025-09-30&workingDays=5&rule=TZ-9",
                login("operator"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("due")).isEqualTo("2025-10-14");
        assertThat(r.text("rule")).isEqualTo("TZ-9");
        assertThat(r.text("article")).isEqualTo("《泰州市公共数据授权运营管理办法》第九条");
        assertThat(r.json().path("skipped")).hasSize(9);
        assertThat(r.json().path("skipped").get(0).path("date").asString()).isEqualTo("2025-10-01");
        assertThat(r.json().path("skipped").get(0).path("holiday").asString()).isEqualTo("国庆节、中秋节");
        Api.Response en = api.inEnglish().get("/api/v1/calendar/deadline?from=2025-09-30&workingDays=5&rule=TZ-9",
                login("operator"));
        assertThat(en.text("article")).contains("Art. 9");
    }

    @Test
    void computesADeadlineWithoutRuleAcrossTheSpringFestival() {
        Api.Response r = api.get("/api/v1/calendar/deadline?from=2026-02-13&workingDays=7", login("developer"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text("due")).isEqualTo("2026-03-02");
        assertThat(r.json().path("rule").isMissingNode() || r.json().path("rule").isNull()).isTrue();
    }

    @Test
    void refusesAnUnknownRuleBadDatesAndNegativeCounts() {
        String token = login("developer");
        Api.Response rule = api.get("/api/v1/calendar/deadline?from=2025-09-30&workingDays=5&rule=NJ-12", token);
        assertThat(rule.status()).isEqualTo(400);
        assertThat(rule.text("code")).isEqualTo("jurisdiction.rule-unknown");
        Api.Response date = api.get("/api/v1/calendar/deadline?from=2025-13-40&workingDays=5", token);
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.text("code")).isEqualTo("problem.bad-parameter");
        Api.Response negative = api.inEnglish().get("/api/v1/calendar/deadline?from=2025-09-30&workingDays=-1", token);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.text("detail")).contains("cannot be negative");
        Api.Response missing = api.get("/api/v1/calendar/deadline?workingDays=5", token);
        assertThat(missing.status()).isEqualTo(400);
    }

    @Test
    void refusesDatesOutsideTheCoveredYearsWith422NamingTheYear() {
        String token = login("developer");
        Api.Response r = api.get("/api/v1/calendar/deadline?from=2026-12-30&workingDays=5", token);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("code")).isEqualTo("jurisdiction.calendar.year-not-covered");
        assertThat(r.text("detail")).contains("2027");
        Api.Response en = api.inEnglish().get("/api/v1/calendar/2030", token);
        assertThat(en.status()).isEqualTo(422);
        assertThat(en.text("detail")).contains("2030").contains("State Council notice");
    }

    @Test
    void countsWorkingDaysBetweenTwoDates() {
        String token = login("developer");
        Api.Response r = api.get("/api/v1/calendar/working-days?from=2026-02-01&to=2026-02-28", token);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("workingDays").asInt()).isEqualTo(16);
        Api.Response reversed = api.get("/api/v1/calendar/working-days?from=2026-02-28&to=2026-02-01", token);
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.text("code")).isEqualTo("jurisdiction.calendar.range-reversed");
    }

    @Test
    void showsAYearsHolidaysWithItsNotice() {
        Api.Response r = api.get("/api/v1/calendar/2025", login("developer"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("notice").path("number").asString()).isEqualTo("国办发明电〔2024〕12号");
        JsonNode spring = r.json().path("holidays").get(1);
        assertThat(spring.path("firstDay").asString()).isEqualTo("2025-01-28");
        assertThat(spring.path("makeUpWorkingDays").get(0).asString()).isEqualTo("2025-01-26");
        assertThat(api.get("/api/v1/calendar/abc", login("developer")).status()).isEqualTo(400);
    }

    @Test
    void refusesCallersWithoutProfileReadOrWithoutSignIn() {
        assertThat(api.get("/api/v1/jurisdictions", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/calendar/2025", login("auditadmin")).status()).isEqualTo(403);
    }

    private static JsonNode find(JsonNode list, String idOrKey) {
        for (JsonNode n : list) {
            if (idOrKey.equals(n.path("id").asString("")) || idOrKey.equals(n.path("key").asString(""))) {
                return n;
            }
        }
        throw new AssertionError(idOrKey + " not in " + list);
    }
}
