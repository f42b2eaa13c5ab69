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
import org.pdao.catalog.CatalogDirectory;
import org.pdao.dataspace.DatasetProfiled;
import org.pdao.dataspace.LoadProgress;
import org.pdao.dataspace.LoadState;
import org.pdao.dataspace.ResidentIdNumber;
import org.pdao.dataspace.Zone;
import org.pdao.identity.DemoOrganizations;
import org.pdao.shared.Actor;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@RecordApplicationEvents
class ZoneApiIntegrationTest extends ApiTest {

    @Autowired
    ZoneRegistry zones;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CatalogDirectory catalog;

    @Autowired
    DatasetIngestion ingestion;

    @Autowired
    ApplicationEvents events;

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
    void theDemoDatasetsAreTiedToTheirCatalogResourcesWithTheCatalogsGrades() {
        Zone comprehensive = zones.findByCode(DemoZones.COMPREHENSIVE).orElseThrow();
        UUID residents = catalog.resourceNamed(DemoOrganizations.HRSS_SOURCE_UNIT, "居民基本信息").orElseThrow().id();
        Api.Response list = api.get("/api/v1/zones/" + comprehensive.id() + "/datasets", login("supervisor"));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("total").asLong()).isEqualTo(4);
        JsonNode people = null;
        for (JsonNode item : list.json().path("items")) {
            if (item.path("name").asText().equals("residents")) {
                people = item;
            }
        }
        assertThat(people).isNotNull();
        assertThat(people.path("resourceId").asText()).isEqualTo(residents.toString());
        assertThat(people.path("personKey").asText()).isEqualTo("id_number");
        assertThat(people.path("columnGrades").path("phone").asInt()).isEqualTo(4);
        assertThat(people.path("columnGrades").path("region_code").asInt()).isEqualTo(1);
        assertThat(people.path("rows").asLong()).isEqualTo(5_000);
        assertThat(people.path("duplicateRows").asLong()).isZero();
        assertThat(people.path("contentSm3").asText()).hasSize(64);
        assertThat(people.toString()).doesNotContain("321202199").as("no values listed");
        for (JsonNode column : people.path("profile")) {
            if (column.path("name").asText().equals("id_number")) {
                assertThat(column.path("format").asText()).isEqualTo("ID_NUMBER");
                assertThat(column.path("formatViolations").asLong()).isZero();
            }
            if (column.path("name").asText().equals("phone")) {
                assertThat(column.path("format").asText()).isEqualTo("PHONE");
                assertThat(column.path("formatViolations").asLong()).isZero();
            }
        }
        assertThat(api.get("/api/v1/zones/" + comprehensive.id() + "/datasets", login("developer")).status())
                .isEqualTo(403);
    }

    @Test
    void theOperatorLoadsACsvAllOrNothingAndIdempotently() throws Exception {
        String operator = login("operator");
        Zone zone = zones.findByCode(DemoZones.MEDICAL).orElseThrow();
        String path = "/api/v1/zones/" + zone.id() + "/datasets";
        String name = "visits_" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("公民身份号码,visit_date,hospital,icd10,cost\n");
        for (int i = 0; i < 3_000; i++) {
            String first17 = "32120219900101" + String.format("%03d", i % 1000);
            String id = i % 500 == 7 ? first17 + "A" : first17 + ResidentIdNumber.checkCharacter(first17);
            csv.append(id).append(String.format(",2025-03-%02d", 1 + i % 10)).append(",\"泰州市人民医院, 门诊\",")
                    .append(i % 100 == 3 ? "" : "J06.9").append(',').append(i % 1000).append('\n');
        }
        Map<String, String> fields = fields(name, medicalVisits(), "icd10=4,cost=4", "GBK");
        byte[] gbk = csv.toString().getBytes(Charset.forName("GBK"));

        Api.Response first = finished(zone, api.multipart(path, operator, fields, "v.csv", gbk), operator);
        assertThat(first.text("state")).as(first.body()).isEqualTo("SUCCEEDED");
        assertThat(first.json().path("rows").asLong()).isEqualTo(3_000);
        assertThat(first.json().path("percent").asDouble()).isEqualTo(100.0);
        assertThat(count(zone.id(), name)).isEqualTo(3_000);
        assertThat(value(zone.id(), "SELECT hospital FROM " + name + " LIMIT 1")).isEqualTo("泰州市人民医院, 门诊");
        Map<String, Object> dataset = jdbc.sql("select * from dataspace_dataset where zone_id = ? and name = ?")
                .params(zone.id(), name).query().singleRow();
        assertThat(dataset.get("resource_id")).isEqualTo(medicalVisits());
        assertThat(dataset.get("person_key")).isEqualTo("id_number");
        assertThat(dataset.get("column_grades")).isEqualTo("cost=4,hospital=2,icd10=4,id_number=4,visit_date=3");
        assertThat((String) dataset.get("profile")).contains("id_number:0:ID_NUMBER:6", "icd10:30::0");
        assertThat(dataset.get("duplicate_rows")).isEqualTo(2_000L);

        Api.Response again = finished(zone, api.multipart(path, operator, fields, "v.csv", gbk), operator);
        assertThat(again.text("state")).isEqualTo("SUCCEEDED");
        assertThat(again.text("contentSm3")).isEqualTo(first.text("contentSm3"));
        assertThat(again.json().path("unchanged").asBoolean()).isTrue();
        assertThat(count(zone.id(), name)).isEqualTo(3_000);

        String broken = csv + "321202199001019999,2025-01-01\n";
        Api.Response failed = finished(zone, api.multipart(path, operator, fields, "v.csv",
                broken.getBytes(Charset.forName("GBK"))), operator);
        assertThat(failed.text("state")).isEqualTo("FAILED");
        assertThat(failed.text("failure")).isEqualTo("dataspace.load.column-count");
        assertThat(count(zone.id(), name)).isEqualTo(3_000);
        assertThat(value(zone.id(), "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'stg_%'"))
                .isEqualTo("0");

        // each load audited with its digest (by load id: a database kept from an earlier run holds the same digests)
        for (Api.Response load : java.util.List.of(first, again)) {
            assertThat(jdbc.sql("select count(*) from audit_entry where action = 'dataspace.dataset-load' and details like ? "
                    + "and details like ?").params("%" + load.text("id") + "%", "%" + first.text("contentSm3") + "%")
                    .query(Long.class).single()).isEqualTo(1);
        }
        assertThat(jdbc.sql("select outcome from audit_entry where action = 'dataspace.dataset-load' and details like ? "
                + "and details like ?").params("%" + failed.text("id") + "%", "%" + failed.text("contentSm3") + "%")
                .query(String.class).single()).isEqualTo("FAILED");
    }

    @Test
    void badUploadsAreRefusedBeforeAnythingChanges() {
        String operator = login("operator");
        Zone zone = zones.findByCode(DemoZones.MEDICAL).orElseThrow();
        String path = "/api/v1/zones/" + zone.id() + "/datasets";
        UUID visits = medicalVisits();
        byte[] csv = "id_number,visit_date,hospital,icd10,cost\n11010519491231002X,2025-01-01,医院,J06.9,1\n"
                .getBytes(StandardCharsets.UTF_8);
        long loads = jdbc.sql("select count(*) from dataspace_load").query(Long.class).single();

        assertThat(api.multipart(path, operator, fields("Bad-Name", visits, "", "UTF-8"), "a.csv", csv)
                .status()).isEqualTo(400);
        Api.Response lowered = api.multipart(path, operator, fields("drop_me", visits, "icd10=2", "UTF-8"), "a.csv", csv);
        assertThat(lowered.status()).as(lowered.body()).isEqualTo(422);
        assertThat(lowered.text("rule")).isEqualTo("NJ-14");
        assertThat(api.multipart(path, operator, fields("drop_me", visits, "icd10=5", "UTF-8"), "a.csv", csv)
                .status()).isEqualTo(400);
        assertThat(api.multipart(path, operator, fields("drop_me", visits, "", "LATIN1"), "a.csv", csv).status())
                .isEqualTo(400);
        assertThat(api.multipart(path, operator, fields("drop_me", UUID.randomUUID(), "", "UTF-8"), "a.csv", csv)
                .status()).isEqualTo(404);
        Api.Response mismatch = api.inEnglish().multipart(path, operator, fields("drop_me", visits, "", "UTF-8"),
                "a.csv", "id_number,visit_date,hospital,diagnosis\n1,2,3,4\n".getBytes(StandardCharsets.UTF_8));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.text("code")).isEqualTo("dataspace.dataset.columns-mismatch");
        assertThat(mismatch.body()).contains("icd10", "cost").doesNotContain("diagnosis");
        Map<String, String> noKey = new LinkedHashMap<>(fields("drop_me", visits, "", "UTF-8"));
        noKey.put("personKey", "hospital");
        assertThat(api.multipart(path, operator, noKey, "a.csv", csv).status()).isEqualTo(400);
        assertThat(api.multipart(path, login("authority"), fields("drop_me", visits, "", "UTF-8"), "a.csv",
                csv).status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from dataspace_load").query(Long.class).single()).isEqualTo(loads);
    }

    @Test
    void aSuccessfulLoadPublishesItsQualityProfile() {
        Zone zone = zones.findByCode(DemoZones.MEDICAL).orElseThrow();
        String name = "profiled_" + UUID.randomUUID().toString().substring(0, 8);
        UUID enterprisesResource = catalog.resourceNamed(DemoOrganizations.HRSS_SOURCE_UNIT, "企业登记信息").orElseThrow().id();
        String csv = "统一社会信用代码,企业名称,法定代表人公民身份号码,行业门类,注册资本(万元)\n"
                + "91321200MA1XXXXXXX,甲公司,11010519491231002X,制造业,100\n"
                + ",乙公司,110105194912310021,制造业,\n"
                + ",乙公司,110105194912310021,制造业,\n";
        events.clear();
        LoadProgress progress = ingestion.startUpload(zone, new java.io.ByteArrayInputStream(
                csv.getBytes(StandardCharsets.UTF_8)), DatasetIngestion.UploadFormat.CSV, "UTF-8",
                new DatasetIngestion.Request(name, enterprisesResource, null, Map.of()), Actor.system(), false);
        assertThat(progress.state()).isEqualTo(LoadState.SUCCEEDED);
        DatasetProfiled profiled = events.stream(DatasetProfiled.class).filter(e -> e.dataset().equals(name))
                .findFirst().orElseThrow();
        assertThat(profiled.resourceId()).isEqualTo(enterprisesResource);
        assertThat(profiled.sourceUnitId()).isEqualTo(DemoOrganizations.HRSS_SOURCE_UNIT);
        assertThat(profiled.rows()).isEqualTo(3);
        assertThat(profiled.duplicateRows()).isEqualTo(1);
        Map<String, DatasetProfiled.ColumnProfile> columns = new LinkedHashMap<>();
        profiled.columns().forEach(c -> columns.put(c.name(), c));
        assertThat(columns.get("uscc").format()).isEqualTo("USCC");
        assertThat(columns.get("uscc").nulls()).isEqualTo(2);
        assertThat(columns.get("uscc").formatViolations()).isEqualTo(1);
        assertThat(columns.get("legal_person_id").format()).isEqualTo("ID_NUMBER");
        assertThat(columns.get("legal_person_id").formatViolations()).isEqualTo(2);
        assertThat(columns.get("registered_capital_wan").nulls()).isEqualTo(2);
        assertThat(columns.get("industry").format()).isNull();
    }

    @Test
    void aLoadLeftRunningByAStoppedProcessIsMarkedFailed() {
        Zone zone = zones.findByCode(DemoZones.MEDICAL).orElseThrow();
        UUID load = UUID.randomUUID();
        jdbc.sql("""
                insert into dataspace_load (id, zone_id, dataset_name, state, rows_loaded, bytes_total, bytes_read,
                    unchanged, started_by, started_at) values (?, ?, 'cut_off', 'RUNNING', 500, 1000, 500, false,
                    'operator', current_timestamp)""").params(load, zone.id()).update();
        assertThat(ingestion.failInterrupted()).isGreaterThanOrEqualTo(1);
        LoadProgress progress = ingestion.progress(zone.id(), load);
        assertThat(progress.state()).isEqualTo(LoadState.FAILED);
        assertThat(progress.failure()).isEqualTo("dataspace.load.interrupted");
        assertThat(jdbc.sql("select outcome from audit_entry where action = 'dataspace.dataset-load' and details like ?")
                .param("%" + load + "%").query(String.class).single()).isEqualTo("FAILED");
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

    private UUID medicalVisits() {
        return catalog.resourceNamed(DemoOrganizations.HRSS_SOURCE_UNIT, "医疗就诊记录").orElseThrow().id();
    }

    private static Map<String, String> fields(String name, UUID resource, String grades, String encoding) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("resourceId", resource.toString());
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
