package org.pdao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** Spreadsheet import is all or nothing, with a row-by-row report. */
class CatalogImportIntegrationTest extends ApiTest {

    private static final int RESOURCES = 500;
    private static final int FIELDS = 10;

    @Test
    void importsNothingFromFiveThousandRowsWithTwelveBadRowsAndReportsExactlyThose() throws Exception {
        String prefix = "导入" + CatalogFixtures.token();
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < RESOURCES; r++) {
            for (int f = 0; f < FIELDS; f++) {
                rows.add(new ArrayList<>(List.of(prefix + "资源" + r, "描述" + r, "社会保障", "社保", "MONTHLY",
                        "UNCONDITIONAL", "UNCONDITIONAL", "", "", "f" + f, "字段" + f, "varchar",
                        String.valueOf(1 + f % 4), "个人信息", f == 0 ? "是" : "否")));
            }
        }
        // spreadsheet row = index + 2 (header is row 1); a resource column mistyped in one row of a resource is that
        // row's error alone, even in the resource's first row (indexes 330, 1550 and 3110)
        Map<Integer, Integer> bad = new HashMap<>();
        bad.put(set(rows, 11, 12, "5"), 0);               // grade out of range
        bad.put(set(rows, 123, 12, "高"), 0);             // grade not a number
        bad.put(set(rows, 205, 12, ""), 0);               // grade missing
        bad.put(set(rows, 330, 5, "CONDITIONAL"), 0);     // conditional sharing, no legal basis (TZM-14)
        bad.put(set(rows, 442, 6, "NOT_OPEN"), 0);        // not open, no legal basis (TZM-16)
        bad.put(set(rows, 1550, 4, "HOURLY"), 0);         // unknown frequency
        bad.put(set(rows, 2009, 9, rows.get(2008).get(9)), 0); // duplicate field in the resource
        bad.put(set(rows, 2764, 10, ""), 0);              // missing field label
        bad.put(set(rows, 3110, 5, "MAYBE"), 0);          // unknown sharing attribute
        bad.put(set(rows, 3675, 14, "也许"), 0);          // person key neither yes nor no
        bad.put(set(rows, 4333, 8, "UNKNOWN_MARK"), 0);   // unknown restriction
        bad.put(set(rows, 4999, 11, ""), 0);              // missing field type
        assertThat(bad).hasSize(12);

        String token = login("sourceunit");
        long before = count(token);
        Api.Response r = api.multipart("/api/v1/catalog/resources/import", token, "catalog.xlsx", xlsx(rows));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        Set<Integer> reported = new TreeSet<>();
        for (JsonNode e : r.json().path("errors")) {
            reported.add(e.path("row").asInt());
            assertThat(e.path("column").asString()).isNotBlank();
            assertThat(e.path("code").asString()).startsWith("catalog.");
            assertThat(e.path("message").asString()).isNotBlank();
        }
        assertThat(reported).containsExactlyInAnyOrderElementsOf(bad.keySet());
        assertThat(r.json().path("errors").toString()).contains("catalog.field.bad-grade",
                "catalog.resource.sharing-needs-legal-basis", "catalog.resource.bad-frequency", "catalog.field.duplicate");
        assertThat(count(token)).isEqualTo(before);
    }

    @Test
    void importsAGbkCsvAllTogetherAndReportsInEnglishWhenAsked() {
        String prefix = "CSV" + CatalogFixtures.token();
        String header = "资源名称,资源摘要,领域分类,类别,更新频率,共享属性,开放属性,法律依据,限制标记,字段名,字段中文名,字段类型,分级,字段分类,个人标识\r\n";
        String good = header
                + prefix + "甲,灵活就业人员社保补贴,社会保障,补贴,MONTHLY,CONDITIONAL,CONDITIONAL,\"《社会保险法》,第八条\",,id,编号,varchar,3,个人标识,是\r\n"
                + prefix + "甲,灵活就业人员社保补贴,社会保障,补贴,MONTHLY,CONDITIONAL,CONDITIONAL,\"《社会保险法》,第八条\",,amount,金额,decimal,2,财产,否\r\n"
                + prefix + "乙,企业名录,市场主体,企业,WEEKLY,UNCONDITIONAL,UNCONDITIONAL,,,uscc,统一社会信用代码,varchar,1,法人标识,否\r\n";
        String token = login("sourceunit");
        Api.Response ok = api.multipart("/api/v1/catalog/resources/import", token, "catalog.csv",
                good.getBytes(Charset.forName("GBK")));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().path("resources").asInt()).isEqualTo(2);
        assertThat(ok.json().path("fields").asInt()).isEqualTo(3);
        Api.Response first = api.get("/api/v1/catalog/resources/" + ok.json().path("ids").get(0).asString(), token);
        assertThat(first.text("name")).isEqualTo(prefix + "甲");
        assertThat(first.text("legalBasis")).isEqualTo("《社会保险法》,第八条");

        String bad = header + prefix + "丙,x,社会保障,补贴,MONTHLY,UNCONDITIONAL,UNCONDITIONAL,,,id,编号,varchar,9,个人标识,否\r\n";
        Api.Response refused = api.inEnglish().multipart("/api/v1/catalog/resources/import", token, "catalog.csv",
                bad.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(422);
        JsonNode error = refused.json().path("errors").get(0);
        assertThat(error.path("row").asInt()).isEqualTo(2);
        assertThat(error.path("column").asString()).isEqualTo("grade");
        assertThat(error.path("message").asString()).contains("Invalid grade");
    }

    @Test
    void refusesAFileNamedXlsxThatIsNotAnXlsx() {
        Api.Response r = api.multipart("/api/v1/catalog/resources/import", login("sourceunit"), "catalog.xlsx",
                "资源名称,字段名\nA,b\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("code")).isEqualTo("catalog.import.not-spreadsheet");
    }

    private long count(String token) {
        return api.get("/api/v1/catalog/resources?size=1&sourceUnitId=" + CatalogFixtures.DEMO_SOURCE_UNIT, token)
                .json().path("total").asLong();
    }

    private static int set(List<List<String>> rows, int index, int column, String value) {
        rows.get(index).set(column, value);
        return index + 2;
    }

    private static byte[] xlsx(List<List<String>> rows) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("catalog");
            Row header = sheet.createRow(0);
            for (int c = 0; c < 15; c++) {
                header.createCell(c).setCellValue("h" + c);
            }
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.createRow(i + 1);
                for (int c = 0; c < rows.get(i).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(i).get(c));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
