package org.pdao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;

/** The development catalog (TZ-13) through HTTP: listing rules, consent, the lifecycle, registration, search. */
class CatalogDevelopmentIntegrationTest extends ApiTest {

    @Test
    void publishedEntryAppearsInSearchWithinASecondAndDisappearsWhenWithdrawn() throws Exception {
        String word = CatalogFixtures.token();
        UUID unit = CatalogFixtures.newSourceUnit(api, login("sysadmin"), "321200");
        String authority = login("authority");
        String operator = login("operator");
        String resourceId = createResource(authority, "灵活就业社保补贴" + word, unit, "UNCONDITIONAL", List.of());

        Api.Response entry = api.post("/api/v1/catalog/development-entries", operator,
                compile("社保补贴统计 " + word, resourceId, null));
        assertThat(entry.status()).as(entry.body()).isEqualTo(201);
        assertThat(entry.text("state")).isEqualTo("DRAFT");
        String id = entry.text("id");
        assertThat(transition(operator, id, "submission", "请审核").text("state")).isEqualTo("SUBMITTED");
        Api.Response approved = transition(authority, id, "approval", "同意");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.text("state")).isEqualTo("APPROVED");

        String registration = api.get("/api/v1/catalog/resources/" + resourceId, authority).text("registrationNo");
        assertThat(registration).matches("JL-RES-321200-\\d{4}-\\d{6}");
        Api.Response retro = api.post("/api/v1/catalog/resources/" + resourceId + "/registration", authority, null);
        assertThat(retro.text("registrationNo")).isEqualTo(registration);

        String search = "/api/v1/catalog/search?kind=DEVELOPMENT&q=" + word + "&sourceUnitId=" + unit;
        assertThat(api.get(search, operator).json().path("total").asLong()).isZero();
        assertThat(transition(operator, id, "publication", null).text("state")).isEqualTo("PUBLISHED");
        // the index is updated in the request that publishes: the very next search finds the entry (no waiting)
        Api.Response found = api.get(search, login("developer"));
        assertThat(found.json().path("total").asLong()).isEqualTo(1);
        assertThat(found.json().path("items").get(0).path("id").asString()).isEqualTo(id);
        assertThat(found.json().path("items").get(0).path("highlights").toString()).contains("<em>");

        assertThat(transition(operator, id, "withdrawal", "数据源调整").text("state")).isEqualTo("WITHDRAWN");
        assertThat(api.get(search, operator).json().path("total").asLong()).isZero();
    }

    @Test
    void searchesChineseTextWithFiltersAndHidesTheResourceCatalogFromDevelopers() {
        String word = CatalogFixtures.token();
        UUID unit = CatalogFixtures.newSourceUnit(api, login("sysadmin"), "321200");
        String authority = login("authority");
        createResource(authority, "城乡居民养老保险待遇发放" + word, unit, "UNCONDITIONAL", List.of());
        String base = "/api/v1/catalog/search?kind=RESOURCE&sourceUnitId=" + unit;
        Api.Response hit = api.get(base + "&q=养老保险", authority);
        assertThat(hit.status()).as(hit.body()).isEqualTo(200);
        assertThat(hit.json().path("total").asLong()).isEqualTo(1);
        assertThat(hit.json().path("items").get(0).path("highlights").toString()).contains("<em>");
        assertThat(api.get(base + "&q=医疗就诊", authority).json().path("total").asLong()).isZero();
        assertThat(api.get(base + "&q=养老保险&maxGrade=2", authority).json().path("total").asLong()).isZero();
        assertThat(api.get(base + "&q=养老保险&maxGrade=3", authority).json().path("total").asLong()).isEqualTo(1);
        assertThat(api.get(base + "&sharing=NOT_SHARED", authority).json().path("total").asLong()).isZero();
        assertThat(api.get(base + "&domain=社会保障&opening=UNCONDITIONAL", authority).json().path("total").asLong())
                .isEqualTo(1);
        assertThat(api.get(base + "&q=养老保险", login("developer")).json().path("total").asLong()).isZero();
        assertThat(api.get("/api/v1/catalog/search?q=社保", authority).json().path("total").asLong()).isPositive();
    }

    @Test
    void refusesRestrictedResourceNamingTheRule() {
        String authority = login("authority");
        UUID unit = CatalogFixtures.newSourceUnit(api, login("sysadmin"), "321200");
        // the Taizhou profile cites its own TZ-13 for every category, never SY-8 or JL-5 (not in the profile)
        Map<String, String> expected = Map.of("NATIONAL_SECURITY", "TZ-13", "STATE_SECRET", "TZ-13",
                "PRIVACY_WITHOUT_BASIS", "TZ-13");
        String operator = login("operator");
        expected.forEach((restriction, rule) -> {
            String resourceId = createResource(authority, "受限" + CatalogFixtures.token(), unit, "UNCONDITIONAL",
                    List.of(restriction));
            Api.Response r = api.post("/api/v1/catalog/development-entries", operator,
                    compile("受限条目", resourceId, null));
            assertThat(r.status()).as(restriction).isEqualTo(422);
            assertThat(r.text("rule")).isEqualTo(rule);
            assertThat(r.text("code")).isEqualTo("catalog.dev.restricted." + restriction);
        });
    }

    @Test
    void refusesNotSharedAndNotOpenResources() {
        String authority = login("authority");
        UUID unit = CatalogFixtures.newSourceUnit(api, login("sysadmin"), "321200");
        var notShared = CatalogFixtures.resource("不共享" + CatalogFixtures.token(), unit, "NOT_SHARED", "UNCONDITIONAL",
                "《某法》", List.of());
        String a = api.post("/api/v1/catalog/resources", authority, notShared).text("id");
        Api.Response r = api.post("/api/v1/catalog/development-entries", login("operator"), compile("x", a, null));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("rule")).isEqualTo("TZM-14");
        var notOpen = CatalogFixtures.resource("不开放" + CatalogFixtures.token(), unit, "UNCONDITIONAL", "NOT_OPEN",
                "《某法》", List.of());
        String b = api.post("/api/v1/catalog/resources", authority, notOpen).text("id");
        Api.Response s = api.post("/api/v1/catalog/development-entries", login("operator"), compile("y", b, null));
        assertThat(s.status()).isEqualTo(422);
        assertThat(s.text("rule")).isEqualTo("TZM-16");
    }

    @Test
    void recordsConsentForDataFromAnotherRegionWhichTaizhouDoesNotRequire() {
        String authority = login("authority");
        UUID elsewhere = CatalogFixtures.newSourceUnit(api, login("sysadmin"), "220100");
        String resourceId = createResource(authority, "外地数据" + CatalogFixtures.token(), elsewhere, "UNCONDITIONAL",
                List.of());
        String operator = login("operator");
        // JL-5's consent rule is not in the active Taizhou profile (see CatalogListingRulesTest for Jilin)
        Api.Response without = api.post("/api/v1/catalog/development-entries", operator,
                compile("外地条目", resourceId, null));
        assertThat(without.status()).as(without.body()).isEqualTo(201);
        Api.Response ok = api.post("/api/v1/catalog/development-entries", operator, compile("外地条目", resourceId,
                Map.of("grantedBy", "长春市人社局 李科长", "grantedOn", "2026-11-01", "documentRef", "长人社函〔2026〕12号")));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().path("consent").path("documentRef").asString()).isEqualTo("长人社函〔2026〕12号");
    }

    @Test
    void refusesTransitionsOutsideTheTableAndRejectionsWithoutReasons() {
        UUID unit = CatalogFixtures.newSourceUnit(api, login("sysadmin"), "321200");
        String authority = login("authority");
        String operator = login("operator");
        String resourceId = createResource(authority, "流转" + CatalogFixtures.token(), unit, "UNCONDITIONAL", List.of());
        String id = api.post("/api/v1/catalog/development-entries", operator, compile("流转条目", resourceId, null))
                .text("id");
        Api.Response early = transition(authority, id, "approval", null);
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.text("code")).isEqualTo("catalog.dev.illegal-transition");
        assertThat(transition(operator, id, "approval", null).status()).isEqualTo(403);
        transition(operator, id, "submission", null);
        assertThat(transition(authority, id, "rejection", " ").status()).isEqualTo(400);
        Api.Response rejected = transition(authority, id, "rejection", "字段范围过大");
        assertThat(rejected.text("state")).isEqualTo("REJECTED");
        assertThat(rejected.text("lastReason")).isEqualTo("字段范围过大");
        assertThat(transition(operator, id, "publication", null).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/catalog/development-entries/" + id, login("developer")).status()).isEqualTo(404);
    }

    @Test
    void demoCityHasAPublishedEntry() {
        Api.Response list = api.get("/api/v1/catalog/development-entries?state=PUBLISHED", login("developer"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").toString()).contains("企业社保缴纳统计数据");
    }

    private String createResource(String token, String name, UUID unit, String opening, List<String> restrictions) {
        Api.Response r = api.post("/api/v1/catalog/resources", token,
                CatalogFixtures.resource(name, unit, "UNCONDITIONAL", opening, null, restrictions));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private static Map<String, @Nullable Object> compile(String title, String resourceId,
            @Nullable Map<String, String> consent) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", title + "，可用于普惠金融核验");
        body.put("resourceId", resourceId);
        body.put("fields", List.of("insured_id", "paid_amount"));
        body.put("consent", consent);
        return body;
    }

    private Api.Response transition(String token, String id, String step, @Nullable String reason) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        return api.post("/api/v1/catalog/development-entries/" + id + "/" + step, token, body);
    }
}
