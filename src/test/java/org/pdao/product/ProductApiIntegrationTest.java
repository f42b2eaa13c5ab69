package org.pdao.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.gate.GateFixture;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Data products through the API as their real users: a developer builds one from a released result, the zone operator
 * reviews and publishes it (TZ-18), a product user takes out a key and calls it — figures with their sources and
 * dates (TZ-10), watermarked for the key, metered (SY-17) — and everything stops at once when a key is revoked or the
 * agreement ends (TZ-11).
 */
class ProductApiIntegrationTest extends ApiTest {

    private static final String KEY = "X-PDAO-Product-Key";

    @Autowired
    ZoneDatasets datasets;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    /** A published product over a released count by gender, with the agreement it rests on. */
    private record Published(String productId, String agreementId) {}

    private Published published(String scenario, int dailyQuota) throws InterruptedException {
        return published(scenario, dailyQuota,
                "select gender, count(*) as persons from residents group by gender order by gender");
    }

    private Published published(String scenario, int dailyQuota, String sql) throws InterruptedException {
        GateFixture fixture = new GateFixture(api, datasets, clock, this::login);
        UUID workspace = fixture.workspace(fixture.grant(scenario, "residents", "medical_visits"));
        String developer = login("developer");
        Api.Response query = api.post("/api/v1/workspaces/" + workspace + "/queries", developer, Map.of("sql", sql));
        assertThat(query.status()).as(query.body()).isEqualTo(201);
        assertThat(query.text("state")).as(query.body()).isEqualTo("RELEASED");
        Api.Response created = api.post("/api/v1/products", developer, Map.of("queryId", query.text("id"),
                "title", "分性别人口统计接口", "description", "按性别统计的居民人数，用于普惠金融客群分析",
                "form", "DATA_INTERFACE", "dailyQuota", dailyQuota));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        assertThat(api.post("/api/v1/products/" + id + "/submission", developer, null).text("state"))
                .isEqualTo("SUBMITTED");
        String operator = login("operator");
        assertThat(api.post("/api/v1/products/" + id + "/approval", operator, Map.of("reason", "安全合规审核通过"))
                .text("state")).isEqualTo("APPROVED");
        assertThat(api.post("/api/v1/products/" + id + "/publication", operator, null).text("state"))
                .isEqualTo("PUBLISHED");
        return new Published(id, fixture.lastAgreement());
    }

    private String takeKey(String productId) {
        Api.Response key = api.post("/api/v1/products/" + productId + "/keys", login("consumer"), null);
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        assertThat(key.text("secret")).startsWith("pdk_");
        return key.text("secret");
    }

    private Api.Response call(String productId, String secret) {
        return api.getWithHeaders("/api/v1/product-calls/" + productId, Map.of(KEY, secret));
    }

    @Test
    void aReleasedResultBecomesAReviewedProductThatAKeyCallsWithItsSourcesMeteredAndWatermarked()
            throws InterruptedException {
        Published p = published("数据产品接口测试", 2);
        String developer = login("developer");
        Api.Response shown = api.get("/api/v1/products/" + p.productId(), developer);
        JsonNode product = shown.json().path("product");
        assertThat(product.path("sources").size()).as("only what the query read, of the grant's two datasets")
                .isEqualTo(1);
        assertThat(product.path("sources").get(0).path("dataset").asString()).isEqualTo("residents");
        assertThat(product.path("sources").get(0).path("obtainedAt").asString()).isNotBlank();
        assertThat(product.path("columns").toString()).contains("gender", "persons");
        List<String> moves = new java.util.ArrayList<>();
        shown.json().path("history").forEach(t -> moves.add(t.path("to").asString()));
        assertThat(moves).containsExactly("SUBMITTED", "APPROVED", "PUBLISHED");

        // TZ-18: the operator reports the approved product to the data authority, which receives it
        String operator = login("operator");
        Api.Response due = api.get("/api/v1/filings?subjectType=data-product&subjectId=" + p.productId(), operator);
        assertThat(due.json().path("items").size()).as(due.body()).isEqualTo(1);
        JsonNode filing = due.json().path("items").get(0);
        assertThat(filing.path("state").asString()).isEqualTo("DUE");
        assertThat(filing.path("rule").asString()).isEqualTo("TZ-18");
        Api.Response filed = api.post("/api/v1/filings/" + filing.path("id").asString() + "/submission", operator,
                Map.of("filedWithOrganizationId", org.pdao.identity.DemoOrganizations.CITY_AUTHORITY.toString()));
        assertThat(filed.text("state")).as(filed.body()).isEqualTo("FILED");
        Api.Response received = api.post("/api/v1/filings/" + filing.path("id").asString() + "/receipt",
                login("authority"), Map.of());
        assertThat(received.text("state")).as(received.body()).isEqualTo("RECEIVED");

        String consumer = login("consumer");
        assertThat(api.get("/api/v1/products?state=PUBLISHED&size=200", consumer).body()).contains(p.productId());
        String secret = takeKey(p.productId());

        Api.Response noKey = api.getWithHeaders("/api/v1/product-calls/" + p.productId(), Map.of());
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.text("code")).isEqualTo("product.key.invalid");
        assertThat(call(UUID.randomUUID().toString(), secret).status()).isEqualTo(403);

        Api.Response answer = call(p.productId(), secret);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("rows").size()).isEqualTo(2);
        assertThat(answer.json().path("columns").toString()).contains("gender", "persons");
        assertThat(answer.json().path("sources").get(0).path("dataset").asString()).isEqualTo("residents");
        String issue = answer.text("issueId");
        assertThat(jdbc.sql("select organization_id from dataspace_gate_issue where id = ?")
                .param(UUID.fromString(issue)).query(UUID.class).single())
                .as("the served copy is registered to the key's organization")
                .isEqualTo(org.pdao.identity.DemoOrganizations.BANK);
        assertThat(call(p.productId(), secret).status()).isEqualTo(200);
        Api.Response overQuota = call(p.productId(), secret);
        assertThat(overQuota.status()).isEqualTo(429);
        assertThat(overQuota.text("code")).isEqualTo("product.quota-exhausted");

        JsonNode usage = api.get("/api/v1/products/" + p.productId() + "/usage", developer).json();
        assertThat(usage.size()).isEqualTo(1);
        assertThat(usage.get(0).path("served").asLong()).isEqualTo(2);
        assertThat(usage.get(0).path("refused").asLong()).isEqualTo(2);

        String keyId = api.get("/api/v1/products/" + p.productId() + "/keys", consumer).json().get(0).path("id")
                .asString();
        Api.Response revoked = api.post("/api/v1/products/" + p.productId() + "/keys/" + keyId + "/revocation",
                consumer, Map.of("reason", "密钥轮换"));
        assertThat(revoked.text("state")).as(revoked.body()).isEqualTo("REVOKED");
        Api.Response afterRevocation = call(p.productId(), secret);
        assertThat(afterRevocation.status()).isEqualTo(403);
        assertThat(afterRevocation.text("code")).isEqualTo("product.key.revoked");
    }

    @Test
    void aLeakedProductAnswerTracesToTheOrganizationHoldingTheKey() throws InterruptedException {
        Published p = published("数据产品泄露溯源测试", 10, "select region_code, gender, count(*) as persons, "
                + "avg(monthly_income) as income from residents group by region_code, gender order by 1, 2");
        Api.Response answer = call(p.productId(), takeKey(p.productId()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        StringBuilder csv = new StringBuilder();
        List<String> columns = new java.util.ArrayList<>();
        answer.json().path("columns").forEach(c -> columns.add(c.asString()));
        csv.append(String.join(",", columns)).append('\n');
        for (JsonNode row : answer.json().path("rows")) {
            List<String> cells = new java.util.ArrayList<>();
            row.forEach(v -> cells.add(v.isNull() ? "" : v.asString()));
            csv.append(String.join(",", cells)).append('\n');
        }
        assertThat(answer.json().path("rows").size()).as(answer.body()).isGreaterThan(4);
        Api.Response trace = api.multipart("/api/v1/leak-traces", login("operator"), "leak.csv",
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(trace.status()).as(trace.body()).isEqualTo(200);
        assertThat(trace.json().path("traced").asBoolean()).as(trace.body()).isTrue();
        assertThat(trace.json().path("recipient").path("organizationId").asString())
                .isEqualTo(org.pdao.identity.DemoOrganizations.BANK.toString());
        assertThat(trace.json().path("recipient").path("username").asString()).startsWith("product-key:pdk_");
    }

    @Test
    void onlyTheZoneOperatorReviewsAndADraftIsNotOffered() throws InterruptedException {
        GateFixture fixture = new GateFixture(api, datasets, clock, this::login);
        UUID workspace = fixture.workspace(fixture.grant("数据产品审核测试", "residents"));
        String developer = login("developer");
        Api.Response query = api.post("/api/v1/workspaces/" + workspace + "/queries", developer,
                Map.of("sql", "select count(*) as persons from residents"));
        assertThat(query.text("state")).as(query.body()).isEqualTo("RELEASED");
        Api.Response notReleased = api.post("/api/v1/products", developer, Map.of("queryId", UUID.randomUUID(),
                "title", "无", "description", "无", "form", "DATA_REPORT", "dailyQuota", 10));
        assertThat(notReleased.status()).isEqualTo(422);
        assertThat(notReleased.text("code")).isEqualTo("product.result-not-released");
        String id = api.post("/api/v1/products", developer, Map.of("queryId", query.text("id"), "title", "居民总数报告",
                "description", "居民总数", "form", "DATA_REPORT", "dailyQuota", 10)).text("id");

        String consumer = login("consumer");
        assertThat(api.get("/api/v1/products/" + id, consumer).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/products/" + id + "/keys", consumer, null).status()).isIn(404, 409);
        assertThat(api.post("/api/v1/products/" + id + "/approval", login("operator"), null).status())
                .as("the operator does not see a draft").isEqualTo(404);
        api.post("/api/v1/products/" + id + "/submission", developer, null);
        Api.Response outOfTable = api.post("/api/v1/products/" + id + "/revision", developer, null);
        assertThat(outOfTable.status()).isEqualTo(409);
        assertThat(outOfTable.text("code")).isEqualTo("product.transition-refused");
        assertThat(api.post("/api/v1/products/" + id + "/approval", developer, null).status()).isEqualTo(403);
        Api.Response noReason = api.post("/api/v1/products/" + id + "/rejection", login("operator"), Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        Api.Response rejected = api.post("/api/v1/products/" + id + "/rejection", login("operator"),
                Map.of("reason", "未说明数据来源的使用限制"));
        assertThat(rejected.text("state")).isEqualTo("REJECTED");
        assertThat(rejected.text("stateRule")).isEqualTo("TZ-18");
        assertThat(api.post("/api/v1/products/" + id + "/revision", developer, null).text("state")).isEqualTo("DRAFT");
        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'product.transition' and target_id = ?")
                .param(id).query(Long.class).single()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void revokingTheAgreementRefusesTheNextProductCallNamingTheRule() throws InterruptedException {
        Published p = published("数据产品撤销测试", 100);
        String secret = takeKey(p.productId());
        assertThat(call(p.productId(), secret).status()).isEqualTo(200);

        Api.Response revoked = api.post("/api/v1/agreements/" + p.agreementId() + "/revocation", login("operator"),
                Map.of("cause", "BREACH", "reason", "违反协议约定"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        Api.Response refused = call(p.productId(), secret);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.text("rule")).isIn("TZ-11", "TZ-27");
        assertThat(refused.text("article")).isNotBlank();
        assertThat(refused.text("code")).isIn("product.suspended", "product.agreement-ended");
        String operator = login("operator");
        Api.Response product = api.get("/api/v1/products/" + p.productId(), operator);
        assertThat(product.json().path("product").path("state").asString()).isEqualTo("SUSPENDED");
        Api.Response resumed = api.post("/api/v1/products/" + p.productId() + "/resumption", operator, null);
        assertThat(resumed.status()).isEqualTo(422);
        assertThat(resumed.text("rule")).isEqualTo("TZ-11");
        assertThat(resumed.text("article")).contains("第十一条");
        assertThat(api.post("/api/v1/products/" + p.productId() + "/keys", login("consumer"), null).status())
                .as("a suspended product is out of the catalog").isEqualTo(404);
    }
}
