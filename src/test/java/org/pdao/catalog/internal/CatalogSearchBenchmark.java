package org.pdao.catalog.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Catalog search latency at 100,000 entries: the Lucene index (SmartChineseAnalyzer) against a plain
 * {@code LIKE} query on the same rows in H2 (PostgreSQL mode), in one run. Not part of the default
 * test run; see docs/benchmarks.md for the command and results.
 */
@Tag("benchmark")
class CatalogSearchBenchmark {

    private static final int ENTRIES = Integer.getInteger("pdao.bench.entries", 100_000);
    private static final int QUERIES = Integer.getInteger("pdao.bench.queries", 2_000);
    private static final String[] PLACES = {"海陵区", "高港区", "姜堰区", "兴化市", "靖江市", "泰兴市", "医药高新区", "泰州市"};
    private static final String[] SUBJECTS = {"社会保险", "养老保险", "医疗保险", "失业保险", "住房公积金", "企业登记",
        "不动产登记", "户籍人口", "婚姻登记", "医疗就诊", "疫苗接种", "交通违法", "公交刷卡", "水电燃气", "税务登记",
        "食品经营许可", "环境监测", "学籍信息", "就业登记", "社保补贴", "低保救助", "残疾人证", "建设工程", "专利信息"};
    private static final String[] KINDS = {"缴费记录", "基本信息", "明细数据", "统计汇总", "办理结果", "许可证照",
        "变更记录", "台账", "核验信息", "发放记录"};
    private static final String[] FIELDS = {"参保人编号", "公民身份号码", "姓名", "统一社会信用代码", "金额", "日期",
        "地址", "联系电话", "状态", "机构编码", "险种", "月份"};
    private static final String[] TERMS = {"社保", "养老保险", "公积金", "企业登记", "医疗就诊", "疫苗", "交通违法",
        "低保救助", "专利", "税务登记", "身份号码", "缴费记录"};

    @Test
    void searchAtOneHundredThousandEntriesAgainstLike() throws Exception {
        Random random = new Random(42);
        List<CatalogDocument> docs = new ArrayList<>(ENTRIES);
        UUID unit = UUID.randomUUID();
        for (int i = 0; i < ENTRIES; i++) {
            String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
            String name = PLACES[random.nextInt(PLACES.length)] + subject + KINDS[random.nextInt(KINDS.length)] + i;
            String description = "泰州市" + subject + "相关的" + KINDS[random.nextInt(KINDS.length)] + "，按"
                    + (random.nextBoolean() ? "月" : "日") + "更新，供授权运营使用。";
            StringBuilder fields = new StringBuilder();
            for (int f = 0; f < 6; f++) {
                fields.append(FIELDS[random.nextInt(FIELDS.length)]).append(' ');
            }
            docs.add(new CatalogDocument(CatalogDocument.Kind.RESOURCE, UUID.randomUUID(), name, description,
                    fields.toString().trim(), "社会保障", "类别", 1 + random.nextInt(4), "UNCONDITIONAL",
                    "UNCONDITIONAL", unit));
        }
        try (Connection db = DriverManager.getConnection(
                "jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
                CatalogIndex index = CatalogIndex.inMemory()) {
            db.createStatement().execute("create table bench_resource (id uuid primary key, name varchar(200), "
                    + "description varchar(4000), fields varchar(4000), max_grade integer)");
            long t0 = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("insert into bench_resource values (?, ?, ?, ?, ?)")) {
                for (CatalogDocument d : docs) {
                    insert.setObject(1, d.id());
                    insert.setString(2, d.name());
                    insert.setString(3, d.description());
                    insert.setString(4, d.fieldText());
                    insert.setInt(5, d.maxGrade());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            long t1 = System.nanoTime();
            docs.forEach(index::add);
            index.refresh();
            long t2 = System.nanoTime();
            System.out.printf("entries %d: database load %.1f s, index build %.1f s%n", ENTRIES, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9);

            // warm-up, then measure
            runLucene(index, 200, random);
            runLike(db, 50, random);
            long[] lucene = runLucene(index, QUERIES, random);
            long[] like = runLike(db, Math.max(100, QUERIES / 10), random);
            double luceneP50 = percentile(lucene, 50) / 1e6;
            double luceneP99 = percentile(lucene, 99) / 1e6;
            double likeP50 = percentile(like, 50) / 1e6;
            double likeP99 = percentile(like, 99) / 1e6;
            System.out.printf("%s catalog search at %d entries (page of 20, total count, maxGrade filter)%n",
                    Instant.now(), ENTRIES);
            System.out.printf("lucene  p50 %8.2f ms  p99 %8.2f ms  (%d queries)%n", luceneP50, luceneP99, lucene.length);
            System.out.printf("LIKE    p50 %8.2f ms  p99 %8.2f ms  (%d queries)%n", likeP50, likeP99, like.length);
            System.out.printf("ratio LIKE/lucene  p50 %.1fx  p99 %.1fx%n", likeP50 / luceneP50, likeP99 / luceneP99);
        }
    }

    private static long[] runLucene(CatalogIndex index, int n, Random random) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            String term = TERMS[random.nextInt(TERMS.length)];
            long t = System.nanoTime();
            index.search(new SearchQuery(term, EnumSet.of(CatalogDocument.Kind.RESOURCE), null, 3, null, null, null,
                    0, 20));
            out[i] = System.nanoTime() - t;
        }
        return out;
    }

    private static long[] runLike(Connection db, int n, Random random) throws Exception {
        long[] out = new long[n];
        try (PreparedStatement page = db.prepareStatement("select id, name from bench_resource where max_grade <= 3 and "
                + "(name like ? or description like ? or fields like ?) order by name offset 0 rows fetch next 20 rows only");
                PreparedStatement count = db.prepareStatement("select count(*) from bench_resource where max_grade <= 3 "
                        + "and (name like ? or description like ? or fields like ?)")) {
            for (int i = 0; i < n; i++) {
                String pattern = "%" + TERMS[random.nextInt(TERMS.length)] + "%";
                long t = System.nanoTime();
                for (PreparedStatement s : List.of(page, count)) {
                    s.setString(1, pattern);
                    s.setString(2, pattern);
                    s.setString(3, pattern);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                        }
                    }
                }
                out[i] = System.nanoTime() - t;
            }
        }
        return out;
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
