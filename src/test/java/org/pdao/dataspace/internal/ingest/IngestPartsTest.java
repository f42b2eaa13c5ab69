package org.pdao.dataspace.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.shared.ProblemException;

class IngestPartsTest {

    private static final CatalogResourceView ENTERPRISES = new CatalogResourceView(UUID.randomUUID(), "企业登记信息",
            UUID.randomUUID(), "市场主体", "UNCONDITIONAL", "CONDITIONAL", "WEEKLY", List.of(
                    new CatalogResourceView.Field("uscc", "统一社会信用代码", "varchar", 1, false),
                    new CatalogResourceView.Field("name", "企业名称", "varchar", 1, false),
                    new CatalogResourceView.Field("legal_person_id", "法定代表人公民身份号码", "varchar", 3, true),
                    new CatalogResourceView.Field("contact_phone", "联系电话", "varchar", 2, false)), 1, null);

    @Test
    void formatsJudgeAValuesBytesAsItsText() {
        for (String value : new String[] {"13912345678", "12912345678", "1391234567", "139123456789", "1391234567X",
                "１3912345678", "11010519491231002X", "91320000MA1ABCDE1X", ""}) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            for (ColumnFormat format : ColumnFormat.values()) {
                assertThat(format.accepts(utf8)).as(format + " " + value).isEqualTo(format.accepts(value));
            }
        }
    }

    @Test
    void csvBytesReadQuotesNullsAndRowsAcrossBufferBoundariesInUtf8AndGbk() throws Exception {
        StringBuilder csv = new StringBuilder();
        String long1 = "长".repeat(70_000);
        csv.append("a,\"b \"\"q\"\", c\",,\"\"\r\n");
        csv.append(long1).append(",\"").append("x\n".repeat(40_000)).append("\",tail\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append(i).append(",泰州v").append(i).append(",,\"\"\n");
        }
        csv.append("last,\"行\"");
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GBK"))) {
            CsvBytes rows = new CsvBytes(new java.io.ByteArrayInputStream(csv.toString().getBytes(charset)), charset);
            assertThat(text(rows.next())).containsExactly("a", "b \"q\", c", null, "");
            assertThat(text(rows.next())).containsExactly(long1, "x\n".repeat(40_000), "tail");
            for (int i = 0; i < 20_000; i++) {
                assertThat(text(rows.next())).as("row %d in %s", i, charset)
                        .containsExactly(String.valueOf(i), "泰州v" + i, null, "");
            }
            assertThat(text(rows.next())).containsExactly("last", "行");
            assertThat(rows.next()).isNull();
        }
        assertThatThrownBy(() -> new CsvBytes(new java.io.ByteArrayInputStream("a,\"open\n".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8).next()).isInstanceOf(CsvBytes.Malformed.class);
        // a byte sequence that is not UTF-8 (GBK bytes read as UTF-8) is refused, not stored
        byte[] gbk = "编码,错\n".getBytes(Charset.forName("GBK"));
        assertThatThrownBy(() -> new CsvBytes(new java.io.ByteArrayInputStream(gbk), StandardCharsets.UTF_8).next())
                .isInstanceOf(java.nio.charset.CharacterCodingException.class);
    }

    /** A row's UTF-8 fields as text. */
    private static List<@Nullable String> text(byte @Nullable [][] row) {
        assertThat(row).isNotNull();
        List<@Nullable String> out = new ArrayList<>();
        for (byte[] value : row) {
            out.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void rowHashesCountRepeatedRowsButNotRowsThatDifferInANullOrAFieldBoundary() {
        RowHashes hashes = new RowHashes();
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        byte[] ab = "ab".getBytes(StandardCharsets.UTF_8);
        byte[] b = "b".getBytes(StandardCharsets.UTF_8);
        byte[] empty = new byte[0];
        hashes.add(new byte[][] {ab, null});
        hashes.add(new byte[][] {a, b});
        hashes.add(new byte[][] {ab, empty});
        hashes.add(new byte[][] {null, ab});
        assertThat(hashes.duplicates()).isZero();
        hashes.add(new byte[][] {"a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8)});
        assertThat(hashes.duplicates()).isEqualTo(1);
        // past several growths of the set: 200,000 distinct rows, then each again
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 200_000; i++) {
                hashes.add(new byte[][] {Integer.toString(i).getBytes(StandardCharsets.UTF_8), b});
            }
        }
        assertThat(hashes.duplicates()).isEqualTo(1 + 200_000);
    }

    @Test
    void theRowDigestIgnoresOrderButNotContentOrNulls() {
        List<@Nullable String[]> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(new String[] {"id" + i, i % 3 == 0 ? null : "v" + i});
        }
        RowDigest forward = new RowDigest(List.of("a", "b"));
        rows.forEach(forward::accept);
        RowDigest backward = new RowDigest(List.of("a", "b"));
        for (int i = rows.size() - 1; i >= 0; i--) {
            backward.accept(rows.get(i));
        }
        assertThat(backward.hex()).isEqualTo(forward.hex()).hasSize(64);

        RowDigest emptyForNull = new RowDigest(List.of("a", "b"));
        rows.forEach(r -> emptyForNull.accept(r[1] == null ? new String[] {r[0], ""} : r));
        assertThat(emptyForNull.hex()).isNotEqualTo(forward.hex());
        RowDigest oneMore = new RowDigest(List.of("a", "b"));
        rows.forEach(oneMore::accept);
        oneMore.accept(rows.get(0));
        assertThat(oneMore.hex()).isNotEqualTo(forward.hex());
        RowDigest shifted = new RowDigest(List.of("a", "b"));
        rows.forEach(r -> shifted.accept(new String[] {r[0] + (r[1] == null ? "" : r[1]), null}));
        assertThat(shifted.hex()).isNotEqualTo(forward.hex());
    }

    @Test
    void theRowDigestOfUtf8RowsIsTheDigestOfTheirText() {
        RowDigest text = new RowDigest(List.of("a", "b"));
        RowDigest utf8 = new RowDigest(List.of("a", "b"));
        text.accept(new String[] {"泰州", null});
        text.accept(new String[] {"", "x"});
        utf8.accept(new byte[][] {"泰州".getBytes(StandardCharsets.UTF_8), null});
        utf8.accept(new byte[][] {new byte[0], "x".getBytes(StandardCharsets.UTF_8)});
        assertThat(utf8.hex()).isEqualTo(text.hex());
    }

    @Test
    void aGbkCsvIsStagedAsTextWithTheSm3OfItsBytesAndRolledBackWhenRefused(@TempDir Path dir) throws Exception {
        CatalogResourceView.Field key = new CatalogResourceView.Field("id_number", "公民身份号码", "varchar", 4, true);
        CatalogResourceView.Field place = new CatalogResourceView.Field("hospital", "医院", "varchar", 2, false);
        CatalogResourceView visits = new CatalogResourceView(UUID.randomUUID(), "就诊记录", UUID.randomUUID(), "卫生",
                "CONDITIONAL", "CONDITIONAL", "DAILY", List.of(key, place), 1, null);
        StringBuilder csv = new StringBuilder("公民身份号码,医院\n");
        for (int i = 0; i < 5_000; i++) {
            csv.append(i % 2500 == 1 ? "11010519491231002Y" : "11010519491231002X").append(",\"泰州市人民医院, 门诊")
                    .append(i % 2500).append("\"\n");
        }
        Path file = dir.resolve("v.csv");
        Files.write(file, csv.toString().getBytes(Charset.forName("GBK")));
        try (DuckDBConnection store = DriverManager.getConnection("jdbc:duckdb:").unwrap(DuckDBConnection.class)) {
            try (CsvSource source = new CsvSource(file, Charset.forName("GBK"))) {
                DatasetColumns columns = DatasetColumns.resolve(visits, source.columns(), null, Map.of());
                StagedLoad.Staged refused = StagedLoad.run(store, "visits", "stg_a", columns, source, n -> {},
                        s -> false);
                assertThat(refused.rows()).isEqualTo(5_000);
                assertThat(refused.contentDigest()).isEqualTo(FileDigest.of(file));
                assertThat(StagedLoad.count(store, "visits")).isEqualTo(-1);
                assertThat(StagedLoad.count(store, "stg_a")).isEqualTo(-1);
            }
            try (CsvSource source = new CsvSource(file, Charset.forName("GBK"))) {
                DatasetColumns columns = DatasetColumns.resolve(visits, source.columns(), null, Map.of());
                StagedLoad.Staged staged = StagedLoad.run(store, "visits", "stg_b", columns, source, n -> {}, s -> true);
                assertThat(staged.contentDigest()).isEqualTo(FileDigest.of(file));
                assertThat(staged.duplicateRows()).isEqualTo(2_500);
                assertThat(staged.columns().get(0).formatViolations()).isEqualTo(2);
            }
            try (Statement s = store.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), min(hospital) FROM visits")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(5_000);
                assertThat(rs.getString(2)).isEqualTo("泰州市人民医院, 门诊0");
            }
        }
    }

    @Test
    void sourceRelationsAreOneTableOrOneReadOnlySelect() {
        assertThat(SourceRelation.of("hrss.payments").sql()).isEqualTo("SELECT * FROM \"hrss\".\"payments\"");
        assertThat(SourceRelation.of("select a, b from t where c = 'update;' ;").sql())
                .isEqualTo("select a, b from t where c = 'update;'");
        assertThat(SourceRelation.of("WITH x AS (SELECT 1 AS a) SELECT a FROM x").sql()).startsWith("WITH");
        for (String refused : List.of("DELETE FROM t", "select 1; drop table t", "select * from t for update",
                "select nextval('s')", "select * into copy_t from t", "update t set a = 1", "select 1 -- x",
                "select pg_sleep(10)", "", "copy t to stdout")) {
            assertThatThrownBy(() -> SourceRelation.of(refused)).as(refused).isInstanceOf(ProblemException.class);
        }
    }

    @Test
    void columnsTakeTheCatalogsGradesAndKeyAndMayOnlyRaiseGrades() {
        DatasetColumns columns = DatasetColumns.resolve(ENTERPRISES,
                List.of("统一社会信用代码", "name", "legal_person_id", "联系电话"), null, Map.of("name", 2));
        assertThat(columns.names()).containsExactly("uscc", "name", "legal_person_id", "contact_phone");
        assertThat(columns.personKey()).isEqualTo("legal_person_id");
        assertThat(columns.gradesText()).isEqualTo("contact_phone=2,legal_person_id=3,name=2,uscc=1");
        assertThat(columns.columns()).extracting(DatasetColumns.Column::format)
                .containsExactly(ColumnFormat.USCC, null, ColumnFormat.ID_NUMBER, ColumnFormat.PHONE);

        assertThatThrownBy(() -> DatasetColumns.resolve(ENTERPRISES, List.of("uscc", "name", "legal_person_id",
                "contact_phone"), null, Map.of("legal_person_id", 2)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo("dataspace.dataset.grade-below-catalog");
                    assertThat(e.rule().id()).isEqualTo("NJ-14");
                });
        assertThatThrownBy(() -> DatasetColumns.resolve(ENTERPRISES, List.of("uscc", "name", "extra"), null, Map.of()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.args())
                        .containsExactly("3", "legal_person_id, contact_phone"));
        assertThatThrownBy(() -> DatasetColumns.resolve(ENTERPRISES, List.of("uscc", "name", "legal_person_id",
                "contact_phone"), "name", Map.of()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.code()).isEqualTo("dataspace.dataset.person-key-not-catalog"));
    }

    @Test
    void formatsCheckIdNumbersCreditCodesAndMobileNumbers() {
        assertThat(ColumnFormat.ID_NUMBER.accepts("11010519491231002X")).isTrue();
        assertThat(ColumnFormat.ID_NUMBER.accepts("110105194902300021")).isFalse();
        assertThat(ColumnFormat.PHONE.accepts("13912345678")).isTrue();
        assertThat(ColumnFormat.PHONE.accepts("0523-8888888")).isFalse();
        assertThat(ColumnFormat.PHONE.accepts("12912345678")).isFalse();
        assertThat(ColumnFormat.USCC.accepts("91321200MA1XXXXXXX")).isFalse();
    }
}
