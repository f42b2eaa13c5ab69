package org.pdao.dataspace.internal.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The error channel is closed by running every row expression under DuckDB's {@code TRY(…)} ({@link ErrorFree}), so
 * TRY must not change any value that does not fail. DuckDB 1.5.0 got this wrong after a join (a filtered selection
 * vector): {@code TRY(cost < 1000)} kept 1,288 of 4,000 rows and a ledger comparison over such populations crashed
 * the JVM (SIGSEGV in VectorOperations::Copy, one thread). Fixed in 1.5.6; this pins it.
 */
class DuckDbTryTest {

    @Test
    void tryKeepsEveryRowThatDoesNotFailAfterAJoinOnOneThread() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET threads = 1");
            s.execute("create table residents as select 'p' || i as id_number, '3212' || (80 + i % 5) as region_code,"
                    + " case when i % 2 = 0 then '男' else '女' end as gender from range(20000) t(i)");
            s.execute("create table medical_visits as select 'p' || (i % 20000) as id_number,"
                    + " (i * 37 % 3000)::decimal(12, 2) as cost from range(60000) t(i)");
            String join = "select count(*) from medical_visits v join residents r on r.id_number = v.id_number "
                    + "where r.region_code = '321281' and ";
            long plain = count(s, join + "v.cost < 1000");
            assertThat(plain).isEqualTo(4000);
            assertThat(count(s, join + "TRY(v.cost < 1000)")).isEqualTo(plain);
            assertThat(count(s, join + "TRY(CASE WHEN v.cost < 1000 THEN 'low' ELSE 'high' END) = 'low'"))
                    .isEqualTo(plain);
            String population = "select id_number as pk, count(*) as n from (select r.region_code as g0,"
                    + " TRY(CASE WHEN v.cost < 1000 THEN 'low' ELSE 'high' END) as g2, v.id_number from medical_visits v"
                    + " join residents r on r.id_number = v.id_number) p where cast(g0 as varchar) is not distinct from"
                    + " '321281' and cast(g2 as varchar) is not distinct from 'low' group by 1";
            String other = "select id_number as pk, count(*) as n from residents where cast(region_code as varchar)"
                    + " is not distinct from '321282' and cast(gender as varchar) is not distinct from '男' group by 1";
            assertThat(count(s, "with a as (" + population + "), b as (" + other + ") select count(*) from a"
                    + " full outer join b on a.pk is not distinct from b.pk where a.n is distinct from b.n"))
                    .isEqualTo(6000);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
