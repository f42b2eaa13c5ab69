package org.pdao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;

/** The resource catalog through HTTP: attributes, legal basis, versions, own-unit maintenance, reviews. */
class CatalogResourceIntegrationTest extends ApiTest {

    @Test
    void sourceUnitCreatesEntryForItsOwnUnitAndEveryChangeMakesAVersion() {
        String token = login("sourceunit");
        String name = "社保缴费" + CatalogFixtures.token();
        Api.Response created = api.post("/api/v1/catalog/resources", token,
                CatalogFixtures.resource(name, null, "CONDITIONAL", "UNCONDITIONAL", "《社会保险法》", List.of()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.text("sourceUnitId")).isEqualTo(CatalogFixtures.DEMO_SOURCE_UNIT.toString());
        assertThat(created.json().path("fields").get(0).path("gradeNameZh").asString()).isEqualTo("敏感");

        var changed = CatalogFixtures.resource(name, null, "UNCONDITIONAL", "UNCONDITIONAL", null, List.of());
        changed.put("updateFrequency", "DAILY");
        Api.Response updated = api.put("/api/v1/catalog/resources/" + id, token, changed);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("version").asInt()).isEqualTo(2);

        Api.Response versions = api.get("/api/v1/catalog/resources/" + id + "/versions", token);
        assertThat(versions.json().size()).isEqualTo(2);
        Api.Response first = api.get("/api/v1/catalog/resources/" + id + "/versions/1", token);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("updateFrequency")).isEqualTo("MONTHLY");
        assertThat(first.text("sharing")).isEqualTo("CONDITIONAL");
    }

    @Test
    void refusesConditionalSharingWithoutLegalBasisNamingTzm14() {
        Api.Response r = api.post("/api/v1/catalog/resources", login("sourceunit"),
                CatalogFixtures.resource("缺依据" + CatalogFixtures.token(), null, "NOT_SHARED", "UNCONDITIONAL", " ",
                        List.of()));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("rule")).isEqualTo("TZM-14");
        assertThat(r.text("article")).contains("第十四条");
    }

    @Test
    void refusesNotOpenWithoutLegalBasisNamingTzm16InEnglishToo() {
        Api.Response r = api.inEnglish().post("/api/v1/catalog/resources", login("sourceunit"),
                CatalogFixtures.resource("缺依据" + CatalogFixtures.token(), null, "UNCONDITIONAL", "NOT_OPEN", null,
                        List.of()));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("rule")).isEqualTo("TZM-16");
        assertThat(r.text("detail")).contains("legal basis");
    }

    @Test
    void refusesAFieldWithoutGradeAndStoresNothing() {
        String token = login("sourceunit");
        String name = "无分级" + CatalogFixtures.token();
        var body = CatalogFixtures.resource(name, null, "UNCONDITIONAL", "UNCONDITIONAL", null, List.of());
        var field = CatalogFixtures.field("x", "某字段", 1, false);
        field.remove("grade");
        body.put("fields", List.of(field));
        assertThat(api.post("/api/v1/catalog/resources", token, body).status()).isEqualTo(422);
        body.put("fields", List.of(CatalogFixtures.field("x", "某字段", 1, false)));
        assertThat(api.post("/api/v1/catalog/resources", token, body).status()).isEqualTo(201);
    }

    @Test
    void namesTheFieldOfABodyThatCannotBeBoundAndStoresNothing() {
        String token = login("sourceunit");
        String name = "缺标识" + CatalogFixtures.token();
        var body = CatalogFixtures.resource(name, null, "UNCONDITIONAL", "UNCONDITIONAL", null, List.of());
        var field = CatalogFixtures.field("x", "某字段", 1, false);
        field.remove("personKey");
        body.put("fields", List.of(CatalogFixtures.field("y", "另一字段", 1, false), field));
        Api.Response missing = api.post("/api/v1/catalog/resources", token, body);
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.text("code")).isEqualTo("problem.unreadable-field");
        assertThat(missing.text("detail")).contains("fields[1].personKey");
        assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("fields[1].personKey");
        field.put("personKey", "maybe");
        Api.Response wrongType = api.inEnglish().post("/api/v1/catalog/resources", token, body);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.text("detail")).contains("fields[1].personKey", "wrong type").doesNotContain("maybe");
        assertThat(api.get("/api/v1/catalog/search?kind=RESOURCE&q="
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8), token).json().path("total").asLong())
                .isZero();
    }

    @Test
    void sourceUnitCannotMaintainAnotherUnitsEntriesButTheAuthorityCan() {
        UUID other = CatalogFixtures.newSourceUnit(api, login("sysadmin"), "321200");
        String sourceUnit = login("sourceunit");
        var body = CatalogFixtures.resource("他单位" + CatalogFixtures.token(), other, "UNCONDITIONAL",
                "UNCONDITIONAL", null, List.of());
        assertThat(api.post("/api/v1/catalog/resources", sourceUnit, body).status()).isEqualTo(403);
        Api.Response byAuthority = api.post("/api/v1/catalog/resources", login("authority"), body);
        assertThat(byAuthority.status()).as(byAuthority.body()).isEqualTo(201);
        assertThat(api.put("/api/v1/catalog/resources/" + byAuthority.text("id"), sourceUnit, body).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/catalog/resources", login("developer"), body).status()).isEqualTo(403);
    }

    @Test
    void listsEntriesDueForOpeningReviewAndAReviewMovesTheNextDate() {
        String token = login("sourceunit");
        Api.Response created = api.post("/api/v1/catalog/resources", token, CatalogFixtures.resource(
                "待评估" + CatalogFixtures.token(), null, "UNCONDITIONAL", "CONDITIONAL", "《数据安全法》", List.of()));
        String id = created.text("id");
        LocalDate next = LocalDate.parse(created.text("nextOpeningReview"));
        assertThat(next).isAfter(LocalDate.now().plusMonths(11));

        Api.Response notYet = api.get("/api/v1/catalog/resources/opening-reviews?dueBy=" + next.minusDays(1), token);
        assertThat(notYet.json().findValuesAsString("id")).doesNotContain(id);
        Api.Response due = api.get("/api/v1/catalog/resources/opening-reviews?dueBy=" + next, token);
        assertThat(due.status()).isEqualTo(200);
        assertThat(due.json().findValuesAsString("id")).contains(id);

        Api.Response reviewed = api.post("/api/v1/catalog/resources/" + id + "/opening-review", token,
                Map.of("note", "仍需有条件开放"));
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(200);
    }

    @Test
    void exportsTheCatalogAsXlsxAndCsvAndOffersATemplate() {
        String token = login("authority");
        var template = api.download("/api/v1/catalog/resources/template.xlsx", token);
        assertThat(template.getKey()).isEqualTo(200);
        assertThat(template.getValue()).startsWith((byte) 'P', (byte) 'K');
        var xlsx = api.download("/api/v1/catalog/resources/export.xlsx?sourceUnitId=" + CatalogFixtures.DEMO_SOURCE_UNIT,
                token);
        assertThat(xlsx.getKey()).isEqualTo(200);
        var csv = api.download("/api/v1/catalog/resources/export.csv?sourceUnitId=" + CatalogFixtures.DEMO_SOURCE_UNIT,
                token);
        assertThat(new String(csv.getValue(), java.nio.charset.StandardCharsets.UTF_8)).contains("社会保险缴费记录");
    }
}
