package org.pdao.dataspace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdao.catalog.CatalogDirectory;
import org.pdao.dataspace.ResidentIdNumber;
import org.pdao.dataspace.Zone;
import org.pdao.identity.DemoOrganizations;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Excel, Parquet and PostgreSQL sources through the HTTP API, as the demo operator. */
class IngestionSourcesIntegrationTest extends ApiTest {

    /** The source unit's database of the JDBC test: a real PostgreSQL ({@code PDAO_TEST_SOURCE_PG_URL} overrides). */
    static final String SOURCE_URL = System.getenv().getOrDefault("PDAO_TEST_SOURCE_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");

    @Autowired
    ZoneRegistry zones;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CatalogDirectory catalog;

    @TempDir
    Path dir;

    @Test
    void theOperatorLoadsAnExcelWorkbookWithChineseHeaders() throws Exception {
        Zone zone = zones.findByCode(DemoZones.MEDICAL).orElseThrow();
        String name = "xlsx_" + UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            Sheet sheet = workbook.createSheet("就诊");
            Row header = sheet.createRow(0);
            String[] labels = {"公民身份号码", "就诊日期", "医疗机构", "诊断编码(ICD-10)", "医疗费用"};
            for (int c = 0; c < labels.length; c++) {
                header.createCell(c).setCellValue(labels[c]);
            }
            for (int r = 1; r <= 1_500; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(id(r));
                row.createCell(1).setCellValue("2025-04-01");
                row.createCell(2).setCellValue("泰州市中医院");
                if (r % 10 != 0) {
                    row.createCell(3).setCellValue("I10");
                }
                row.createCell(4).setCellValue(r * 1.5);
            }
            workbook.write(bytes);
        }
        Api.Response done = finished(zone, api.multipart(datasets(zone), login("operator"),
                fields(name, resource("医疗就诊记录")), "visits.xlsx", bytes.toByteArray()));
        assertThat(done.text("state")).as(done.body()).isEqualTo("SUCCEEDED");
        assertThat(done.json().path("rows").asLong()).isEqualTo(1_500);
        assertThat(value(zone, "SELECT count(*) FROM " + name + " WHERE icd10 IS NULL")).isEqualTo("150");
        assertThat(value(zone, "SELECT id_number FROM " + name + " WHERE cost = '3'")).isEqualTo(id(2));
        assertThat((String) dataset(zone, name).get("profile")).contains("id_number:0:ID_NUMBER:0");
        assertThat(dataset(zone, name).get("source_kind")).isEqualTo("XLSX");
    }

    @Test
    void theOperatorLoadsAParquetFileReadByTheConfinedInternalEngine() throws Exception {
        Zone zone = zones.findByCode(DemoZones.MEDICAL).orElseThrow();
        String name = "parquet_" + UUID.randomUUID().toString().substring(0, 8);
        Path file = dir.resolve("insurance.parquet");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            s.execute("COPY (SELECT '11010519491231002X' AS id_number, '2025-0' || (1 + i % 6) AS month, "
                    + "CASE WHEN i % 2 = 0 THEN 'PENSION' ELSE 'MEDICAL' END AS insurance_type, 5000.5 AS base, "
                    + "i * 1.25 AS amount FROM range(2000) t(i)) TO '" + file + "' (FORMAT parquet)");
        }
        Api.Response done = finished(zone, api.multipart(datasets(zone), login("operator"),
                fields(name, resource("社会保险缴费记录")), "insurance.parquet", Files.readAllBytes(file)));
        assertThat(done.text("state")).as(done.body()).isEqualTo("SUCCEEDED");
        assertThat(done.json().path("rows").asLong()).isEqualTo(2_000);
        assertThat(value(zone, "SELECT amount FROM " + name + " WHERE month = '2025-04' ORDER BY CAST(amount AS DOUBLE) LIMIT 1"))
                .isEqualTo("3.75");
        assertThat(dataset(zone, name).get("source_kind")).isEqualTo("PARQUET");
    }

    @Test
    void theOperatorLoadsATableOfASourceUnitsPostgresqlIdempotently() throws Exception {
        String schema = "hrss_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection source = postgres()) {
            try (Statement s = source.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
                s.execute("CREATE TABLE " + schema + ".payments (id_number varchar(18), month varchar(7), "
                        + "insurance_type varchar(10), base numeric(10,2), amount numeric(10,2))");
                s.execute("INSERT INTO " + schema + ".payments SELECT '11010519491231002X', '2025-0' || (1 + i % 6), "
                        + "'PENSION', 5000.00, i * 0.5 FROM generate_series(1, 25000) i");
                s.execute("INSERT INTO " + schema + ".payments VALUES (NULL, '2025-01', 'MEDICAL', 100, 2)");
            }
            try {
                loadFromPostgres(schema);
            } finally {
                try (Statement s = source.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }

    private void loadFromPostgres(String schema) throws Exception {
        Zone zone = zones.findByCode(DemoZones.MEDICAL).orElseThrow();
        String operator = login("operator");
        String sources = "/api/v1/zones/" + zone.id() + "/sources";
        String password = "source-secret-" + UUID.randomUUID();
        assertThat(api.post(sources, operator, source("mysql", "jdbc:mysql://127.0.0.1/x", password)).status())
                .isEqualTo(400);
        Api.Response registered = api.post(sources, operator, source("人社局库 " + schema, SOURCE_URL, password));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.body()).doesNotContain(password);
        assertThat(jdbc.sql("select sealed_password from dataspace_source where id = ?")
                .param(UUID.fromString(registered.text("id"))).query(String.class).single()).doesNotContain(password);
        assertThat(api.get(sources, operator).body()).contains(schema).doesNotContain(password);
        assertThat(api.get(sources, login("developer")).status()).isEqualTo(403);

        String loads = sources + "/" + registered.text("id") + "/loads";
        String name = "pg_" + schema;
        UUID insurance = resource("社会保险缴费记录");
        assertThat(api.post(loads, operator, load(name, insurance, "DELETE FROM " + schema + ".payments")).status())
                .isEqualTo(400);
        assertThat(api.post(loads, operator, load(name, insurance,
                "SELECT * FROM " + schema + ".payments; DROP TABLE " + schema + ".payments")).status()).isEqualTo(400);
        assertThat(api.post(loads, operator, load(name, insurance, schema + ".nothing_here")).status()).isEqualTo(400);

        Api.Response first = finished(zone, api.post(loads, operator, load(name, insurance, schema + ".payments")));
        assertThat(first.text("state")).as(first.body()).isEqualTo("SUCCEEDED");
        assertThat(first.json().path("rows").asLong()).isEqualTo(25_001);
        assertThat(first.text("contentSm3")).hasSize(64);
        assertThat(value(zone, "SELECT count(*) FROM " + name + " WHERE id_number IS NULL")).isEqualTo("1");
        assertThat(value(zone, "SELECT max(CAST(amount AS DECIMAL(10,2))) FROM " + name)).isEqualTo("12500.00");
        assertThat(dataset(zone, name).get("source_kind")).isEqualTo("JDBC");
        assertThat((String) dataset(zone, name).get("profile")).contains("id_number:1:ID_NUMBER:0");

        Api.Response reordered = finished(zone, api.post(loads, operator, load(name, insurance,
                "SELECT id_number, month, insurance_type, base, amount FROM " + schema + ".payments ORDER BY amount DESC")));
        assertThat(reordered.text("state")).isEqualTo("SUCCEEDED");
        assertThat(reordered.text("contentSm3")).isEqualTo(first.text("contentSm3"));
        assertThat(reordered.json().path("unchanged").asBoolean()).isTrue();

        Api.Response subset = finished(zone, api.post(loads, operator, load(name, insurance,
                "SELECT * FROM " + schema + ".payments WHERE month <> '2025-01'")));
        assertThat(subset.text("state")).isEqualTo("SUCCEEDED");
        assertThat(subset.text("contentSm3")).isNotEqualTo(first.text("contentSm3"));
        assertThat(subset.json().path("unchanged").asBoolean()).isFalse();
        assertThat(Long.parseLong(value(zone, "SELECT count(*) FROM " + name))).isEqualTo(subset.json().path("rows").asLong())
                .isLessThan(25_001);
    }

    private static Connection postgres() {
        try {
            return DriverManager.getConnection(SOURCE_URL, "postgres", "");
        } catch (SQLException e) {
            System.err.println("!!! PostgreSQL source database " + SOURCE_URL + " unreachable: JDBC ingestion NOT TESTED !!!");
            Assumptions.abort("PostgreSQL source database unreachable: " + e.getMessage());
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, @Nullable Object> source(String name, String url, String password) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", url);
        body.put("username", "postgres");
        body.put("password", password);
        return body;
    }

    private static Map<String, @Nullable Object> load(String name, UUID resource, String relation) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("resourceId", resource);
        body.put("relation", relation);
        return body;
    }

    private static String id(int r) {
        String first17 = "3212021985" + String.format("%04d", 101 + (r % 28)) + String.format("%03d", r % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    private UUID resource(String name) {
        return catalog.resourceNamed(DemoOrganizations.HRSS_SOURCE_UNIT, name).orElseThrow().id();
    }

    private static String datasets(Zone zone) {
        return "/api/v1/zones/" + zone.id() + "/datasets";
    }

    private static Map<String, String> fields(String name, UUID resource) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("resourceId", resource.toString());
        return fields;
    }

    private Map<String, Object> dataset(Zone zone, String name) {
        return jdbc.sql("select * from dataspace_dataset where zone_id = ? and name = ?").params(zone.id(), name)
                .query().singleRow();
    }

    private Api.Response finished(Zone zone, Api.Response started) throws InterruptedException {
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String token = login("operator");
        String path = "/api/v1/zones/" + zone.id() + "/loads/" + started.text("id");
        for (int i = 0; i < 600; i++) {
            Api.Response progress = api.get(path, token);
            assertThat(progress.status()).isEqualTo(200);
            if (!progress.text("state").equals("RUNNING")) {
                return progress;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("load did not finish");
    }

    private String value(Zone zone, String sql) throws Exception {
        RawStore store = zones.store(zone.id());
        synchronized (store) {
            try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
