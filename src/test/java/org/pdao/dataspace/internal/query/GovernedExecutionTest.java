package org.pdao.dataspace.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor end to end on a real encrypted DuckDB workspace: suppression, noise, ledger, lockdown. */
class GovernedExecutionTest {

    @TempDir
    static Path dir;

    static QueryableWorkspace workspace;
    static LockedEngine engine;

    @BeforeAll
    static void setUp() throws Exception {
        workspace = TestWorkspace.create(dir);
        engine = new LockedEngine(TestWorkspace.settings(dir));
    }

    private GovernedExecution.Outcome run(String sql) {
        return run(sql, new TestWorkspace.MemoryLedger());
    }

    private GovernedExecution.Outcome run(String sql, TestWorkspace.MemoryLedger ledger) {
        GovernedExecution execution = new GovernedExecution(engine, TestWorkspace.settings(dir), ledger);
        GovernedExecution.Outcome outcome = execution.run(workspace, UUID.randomUUID(), sql, 10);
        ledger.record(workspace.grantId(), outcome.ledgerCells());
        return outcome;
    }

    @Test
    void groupedCountsSuppressRegionsUnderKPersons() {
        GovernedExecution.Outcome out = run(
                "select region_code, count(*) as n from residents group by region_code order by region_code");
        assertThat(out.rows()).extracting(r -> r.get(0)).containsExactly("320101", "320102", "320103");
        assertThat(out.suppressed()).isEqualTo(1);
        assertThat(out.aggregateOnly()).isTrue();
        assertThat(out.columns()).extracting(c -> c.name()).containsExactly("region_code", "n");
        for (List<Object> row : out.rows()) {
            assertThat(((Number) row.get(1)).longValue()).isBetween(63L, 68L);
        }
    }

    @Test
    void printsSomething() {
        GovernedExecution.Outcome out = run("""
                with per_person as (select id_number, sum(cost) as total from medical_visits group by id_number)
                select r.gender, count(distinct r.id_number) persons, avg(p.total) avg_total
                from residents r join per_person p on p.id_number = r.id_number group by r.gender""");
        System.out.println(out.columns() + " " + out.rows() + " " + out.notes());
        assertThat(out.rows()).hasSize(2);
    }
}
