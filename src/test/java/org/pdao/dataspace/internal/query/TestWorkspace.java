package org.pdao.dataspace.internal.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.pdao.dataspace.internal.query.ColumnTreatment;

/**
 * A small encrypted workspace database for executor tests: 200 residents in 4 regions (region 320104 holds
 * exactly 3 persons), their medical visits with an AGGREGATE_ONLY cost, and social insurance payments.
 */
final class TestWorkspace {

    static final byte[] KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    static final int RESIDENTS = 200;

    private TestWorkspace() {}

    static QueryableWorkspace create(Path dir) throws Exception {
        Path file = dir.resolve("ws-" + UUID.randomUUID() + ".duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET force_mbedtls_unsafe = true");
            s.execute("ATTACH '" + file + "' AS ws (ENCRYPTION_KEY '" + HexFormat.of().formatHex(KEY) + "')");
            s.execute("USE ws");
            s.execute("""
                    create table residents as select
                      sha256('p' || i) as id_number,
                      '王*' as name,
                      case when i %% 2 = 0 then 'F' else 'M' end as gender,
                      case when i %% 3 = 0 then '30-39' when i %% 3 = 1 then '40-49' else '50-59' end as birth_date,
                      case when i < 3 then '320104' when i %% 3 = 0 then '320101' when i %% 3 = 1 then '320102'
                           else '320103' end as region_code,
                      (3000 + (i * 37) %% 5000)::double as monthly_income
                    from range(%d) t(i)""".formatted(RESIDENTS));
            s.execute("""
                    create table medical_visits as select
                      sha256('p' || (i %% %d)) as id_number,
                      '2025-' || lpad(((i %% 6) + 1)::varchar, 2, '0') as visit_date,
                      case when i %% 2 = 0 then '市人民医院' else '中医院' end as hospital,
                      'J06*' as icd10,
                      (100 + (i * 53) %% 900)::decimal(12,2) as cost
                    from range(%d) t(i)""".formatted(RESIDENTS, RESIDENTS * 3));
            s.execute("""
                    create table social_insurance as select
                      sha256('p' || (i %% %d)) as id_number,
                      '2025-0' || ((i %% 6) + 1) as month,
                      'PENSION' as insurance_type,
                      (5000 + (i * 11) %% 3000)::double as base,
                      (400 + (i * 7) %% 300)::decimal(12,2) as amount
                    from range(%d) t(i)""".formatted(RESIDENTS, RESIDENTS * 2));
        }
        List<WorkspaceTable> tables = new ArrayList<>();
        tables.add(new WorkspaceTable("residents", "id_number", List.of(
                col("id_number", "VARCHAR", 4, ColumnTreatment.PERSON_PSEUDONYM),
                col("name", "VARCHAR", 3, ColumnTreatment.DESENSITIZED),
                col("gender", "VARCHAR", 2, ColumnTreatment.CLEAR),
                col("birth_date", "VARCHAR", 3, ColumnTreatment.DESENSITIZED),
                col("region_code", "VARCHAR", 2, ColumnTreatment.CLEAR),
                col("monthly_income", "DOUBLE", 3, ColumnTreatment.DESENSITIZED)), RESIDENTS, true));
        tables.add(new WorkspaceTable("medical_visits", "id_number", List.of(
                col("id_number", "VARCHAR", 4, ColumnTreatment.PERSON_PSEUDONYM),
                col("visit_date", "VARCHAR", 3, ColumnTreatment.DESENSITIZED),
                col("hospital", "VARCHAR", 1, ColumnTreatment.CLEAR),
                col("icd10", "VARCHAR", 3, ColumnTreatment.DESENSITIZED),
                col("cost", "DECIMAL(12,2)", 3, ColumnTreatment.AGGREGATE_ONLY)), RESIDENTS * 3, false));
        tables.add(new WorkspaceTable("social_insurance", "id_number", List.of(
                col("id_number", "VARCHAR", 4, ColumnTreatment.PERSON_PSEUDONYM),
                col("month", "VARCHAR", 2, ColumnTreatment.CLEAR),
                col("insurance_type", "VARCHAR", 2, ColumnTreatment.CLEAR),
                col("base", "DOUBLE", 3, ColumnTreatment.DESENSITIZED),
                col("amount", "DECIMAL(12,2)", 3, ColumnTreatment.AGGREGATE_ONLY)), RESIDENTS * 2, false));
        return new QueryableWorkspace(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                "测试场景", file, KEY, "noise-key".getBytes(), tables);
    }

    private static WorkspaceColumn col(String name, String type, int grade, ColumnTreatment treatment) {
        return new WorkspaceColumn(name, type, grade, treatment, null);
    }

    static QuerySettings settings(Path dir) {
        return new QuerySettings(Duration.ofSeconds(5), org.springframework.util.unit.DataSize.ofMegabytes(256), 1,
                org.springframework.util.unit.DataSize.ofMegabytes(64), dir.resolve("tmp").toString(), 10_000, 1_000,
                20_000, 2, 50, org.springframework.util.unit.DataSize.ofMegabytes(4));
    }

    /** An in-memory release ledger. */
    static final class MemoryLedger implements ReleaseLedger {
        final List<UUID> grants = new ArrayList<>();
        final List<Cell> cells = new ArrayList<>();

        @Override
        public List<Cell> near(UUID grantId, long persons, int k, String canonicalPopulation, int limit) {
            List<Cell> out = new ArrayList<>();
            for (int i = 0; i < cells.size() && out.size() < limit; i++) {
                Cell c = cells.get(i);
                if (grants.get(i).equals(grantId) && Math.abs(c.persons() - persons) < k
                        && !c.canonicalPopulation().equals(canonicalPopulation)) {
                    out.add(c);
                }
            }
            return out;
        }

        @Override
        public void record(UUID grantId, List<Cell> recorded) {
            for (Cell c : recorded) {
                grants.add(grantId);
                cells.add(c);
            }
        }
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
