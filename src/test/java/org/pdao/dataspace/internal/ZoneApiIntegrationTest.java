package org.pdao.dataspace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.Zone;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ZoneApiIntegrationTest extends ApiTest {

    @Autowired
    ZoneRegistry zones;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoCityIsLoadedIntoTheComprehensiveZone() throws Exception {
        Api.Response list = api.get("/api/v1/zones?size=200", login("supervisor"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(DemoZones.COMPREHENSIVE, DemoZones.MEDICAL, "综合专区");
        Zone comprehensive = zones.findByCode(DemoZones.COMPREHENSIVE).orElseThrow();
        assertThat(count(comprehensive.id(), "residents")).isEqualTo(5_000);
        assertThat(count(comprehensive.id(), "medical_visits")).isPositive();
        assertThat(jdbc.sql("select count(*) from dataspace_dataset where zone_id = ?").param(comprehensive.id())
                .query(Long.class).single()).isEqualTo(4);
        assertThat(api.get("/api/v1/zones", login("developer")).status()).isEqualTo(403);
    }

    @Test
    void theAuthorityCreatesZonesUnderTheRules() {
        String authority = login("authority");
        Zone medical = zones.findByCode(DemoZones.MEDICAL).orElseThrow();
        Zone comprehensive = zones.findByCode(DemoZones.COMPREHENSIVE).orElseThrow();
        UUID city = comprehensive.supervisorOrganizationId();
        UUID health = medical.supervisorOrganizationId();
        UUID operator = medical.operatorOrganizationId();
        String code = "T-" + UUID.randomUUID().toString().substring(0, 8);

        Api.Response created = api.post("/api/v1/zones", authority, zone(code, "INDUSTRY", "FINANCE", health, operator));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("kind")).isEqualTo("INDUSTRY");
        assertThat(api.post("/api/v1/zones", authority, zone(code, "INDUSTRY", "FINANCE", health, operator)).status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/zones", authority, zone(code + "x", "INDUSTRY", "SPORTS", city, operator)).status())
                .isEqualTo(422);
        assertThat(api.post("/api/v1/zones", authority, zone(code + "y", "COMPREHENSIVE", "SPORTS", city, operator))
                .status()).isEqualTo(400);
        assertThat(api.post("/api/v1/zones", authority, zone(code + "z", "INDUSTRY", "SPORTS", health, city)).status())
                .isEqualTo(422);
        assertThat(api.post("/api/v1/zones", authority, zone("bad code!", "INDUSTRY", "SPORTS", health, operator))
                .status()).isEqualTo(400);
        assertThat(api.post("/api/v1/zones", login("regulator"), zone(code + "w", "INDUSTRY", "SPORTS", health,
                operator)).status()).isEqualTo(403);
        assertThat(zones.findByCode(code + "x")).isEmpty();
    }

    @Test
    void theOperatorLoadsACsvAllOrNothingAndIdempotently() throws Exception {
        String operator = login("operator");
        Zone zone = zones.findByCode(DemoZones.MEDICAL).orElseThrow();
        String path = "/api/v1/zones/" + zone.id() + "/datasets";
        String name = "visits_" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("id_number,name,icd10,note\n");
        for (int i = 0; i < 3_000; i++) {
            csv.append("32120219900101").append(String.format("%04d", i)).append(",王").append(i % 7)
                    .append(",J06.9,\"咳嗽, 发热\"\n");
        }
        Map<String, String> fields = fields(name, "id_number=4,name=3,icd10=4,note=2", "GBK");
        byte[] gbk = csv.toString().getBytes(Charset.forName("GBK"));

        Api.Response first = finished(zone, api.multipart(path, operator, fields, "v.csv", gbk), operator);
        assertThat(first.text("state")).as(first.body()).isEqualTo("SUCCEEDED");
        assertThat(first.json().path("rows").asLong()).isEqualTo(3_000);
        assertThat(first.json().path("percent").asDouble()).isEqualTo(100.0);
        assertThat(count(zone.id(), name)).isEqualTo(3_000);
        assertThat(value(zone.id(), "SELECT note FROM " + name + " LIMIT 1")).isEqualTo("咳嗽, 发热");

        Api.Response again = finished(zone, api.multipart(path, operator, fields, "v.csv", gbk), operator);
        assertThat(again.text("state")).isEqualTo("SUCCEEDED");
        assertThat(again.text("contentSm3")).isEqualTo(first.text("contentSm3"));
        assertThat(again.json().path("unchanged").asBoolean()).isTrue();
        assertThat(count(zone.id(), name)).isEqualTo(3_000);

        String broken = csv + "321202199001019999,李四\n";
        Api.Response failed = finished(zone, api.multipart(path, operator, fields, "v.csv",
                broken.getBytes(Charset.forName("GBK"))), operator);
        assertThat(failed.text("state")).isEqualTo("FAILED");
        assertThat(failed.text("failure")).isEqualTo("dataspace.load.column-count");
        assertThat(count(zone.id(), name)).isEqualTo(3_000);
        assertThat(value(zone.id(), "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'stg_%'"))
                .isEqualTo("0");

        assertThat(jdbc.sql("select count(*) from audit_entry where action = 'dataspace.dataset-load' and details like ?")
                .param("%" + first.text("contentSm3") + "%").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select outcome from audit_entry where action = 'dataspace.dataset-load' and details like ?")
                .param("%" + failed.text("contentSm3") + "%").query(String.class).single()).isEqualTo("FAILED");
    }

    @Test
    void badUploadsAreRefusedBeforeAnythingChanges() {
        String operator = login("operator");
        Zone zone = zones.findByCode(DemoZones.MEDICAL).orElseThrow();
        String path = "/api/v1/zones/" + zone.id() + "/datasets";
        byte[] csv = "id_number,name\n11010519491231002X,张三\n".getBytes(StandardCharsets.UTF_8);
        long loads = jdbc.sql("select count(*) from dataspace_load").query(Long.class).single();

        assertThat(api.multipart(path, operator, fields("Bad-Name", "id_number=4,name=3", "UTF-8"), "a.csv", csv)
                .status()).isEqualTo(400);
        assertThat(api.multipart(path, operator, fields("drop_me", "id_number=4", "UTF-8"), "a.csv", csv).status())
                .isEqualTo(400);
        assertThat(api.multipart(path, operator, fields("drop_me", "id_number=4,name=5", "UTF-8"), "a.csv", csv)
                .status()).isEqualTo(400);
        assertThat(api.multipart(path, operator, fields("drop_me", "id_number=4,name=3", "LATIN1"), "a.csv", csv)
                .status()).isEqualTo(400);
        Map<String, String> noKey = new LinkedHashMap<>(fields("drop_me", "id_number=4,name=3", "UTF-8"));
        noKey.put("personKey", "phone");
        assertThat(api.multipart(path, operator, noKey, "a.csv", csv).status()).isEqualTo(400);
        assertThat(api.multipart(path, login("authority"), fields("drop_me", "id_number=4,name=3", "UTF-8"), "a.csv",
                csv).status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from dataspace_load").query(Long.class).single()).isEqualTo(loads);
    }

    private Api.Response finished(Zone zone, Api.Response started, String token) throws InterruptedException {
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String path = "/api/v1/zones/" + zone.id() + "/loads/" + started.text("id");
        for (int i = 0; i < 200; i++) {
            Api.Response progress = api.get(path, token);
            assertThat(progress.status()).isEqualTo(200);
            if (!progress.text("state").equals("RUNNING")) {
                return progress;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("load did not finish");
    }

    private static Map<String, String> fields(String name, String grades, String encoding) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("personKey", "id_number");
        fields.put("grades", grades);
        fields.put("encoding", encoding);
        return fields;
    }

    private static Map<String, @Nullable Object> zone(String code, String kind, String industry, UUID supervisor,
            UUID operator) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("nameZh", "测试专区");
        body.put("nameEn", "Test zone");
        body.put("kind", kind);
        body.put("industry", industry);
        body.put("supervisorOrganizationId", supervisor);
        body.put("operatorOrganizationId", operator);
        return body;
    }

    private long count(UUID zoneId, String table) throws Exception {
        return Long.parseLong(value(zoneId, "SELECT count(*) FROM " + table));
    }

    private String value(UUID zoneId, String sql) throws Exception {
        RawStore store = zones.store(zoneId);
        synchronized (store) {
            try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

}
