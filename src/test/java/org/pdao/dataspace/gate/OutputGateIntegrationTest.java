package org.pdao.dataspace.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.dataspace.internal.gate.OutputGate;
import org.pdao.dataspace.internal.gate.ResultColumn;
import org.pdao.dataspace.internal.gate.ResultColumn.Disclosure;
import org.pdao.dataspace.internal.gate.ResultState;
import org.pdao.dataspace.internal.gate.ResultSubmission;
import org.pdao.identity.DemoOrganizations;
import org.pdao.shared.Actor;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The output gate on its own: the executor's submissions are sealed at rest, aggregate-only results are released at
 * once under the Taizhou profile, anything else waits for review and is not released; only the developer's members
 * get a released result.
 */
class OutputGateIntegrationTest extends ApiTest {

    static final Actor DEVELOPER = new Actor(null, "developer", DemoOrganizations.DEVELOPER, List.of("DEVELOPER"), null);

    @Autowired
    OutputGate gate;

    @Autowired
    ZoneDatasets datasets;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    private static UUID grant;

    private UUID grant() {
        if (grant == null) {
            grant = new GateFixture(api, datasets, clock, this::login).grant("出域审核基础测试");
        }
        return grant;
    }

    static ResultSubmission aggregate(UUID grant, int groups, boolean aggregateOnly) {
        List<ResultColumn> columns = List.of(new ResultColumn("region_code", "VARCHAR", Disclosure.CLEAR),
                new ResultColumn("persons", "BIGINT", Disclosure.COUNT),
                new ResultColumn("avg_income", "DOUBLE", Disclosure.AGGREGATE));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            rows.add(List.of("3212" + String.format("%02d", i), 100L + 7 * i, 5234.56 + 13.21 * i));
        }
        return new ResultSubmission(UUID.randomUUID(), UUID.randomUUID(), grant, DemoOrganizations.DEVELOPER, null,
                "select region_code, count(*) persons, avg(monthly_income) avg_income from residents group by 1",
                columns, rows, aggregateOnly, List.of("suppressed groups: 0"));
    }

    @Test
    void releasesAggregateOnlyResultsAtOnceUnderTheTaizhouProfile() {
        ResultSubmission submission = aggregate(grant(), 12, true);
        OutputGate.GateDecision decision = gate.submit(submission);
        assertThat(decision.state()).isEqualTo(ResultState.RELEASED);

        OutputGate.ReleasedResult released = gate.released(submission.queryId(), DEVELOPER).orElseThrow();
        assertThat(released.resultId()).isEqualTo(decision.resultId());
        assertThat(released.columns()).extracting(ResultColumn::name).containsExactly("region_code", "persons",
                "avg_income");
        assertThat(released.rows()).hasSize(12);
        assertThat(released.rows().get(0)).containsExactly("321200", 100L, new BigDecimal("5234.56"));

        Actor bank = new Actor(null, "consumer", DemoOrganizations.BANK, List.of("DEVELOPER"), null);
        assertThat(gate.released(submission.queryId(), bank)).isEmpty();

        // rows handed to a person are watermarked for that person and registered like a download
        Actor person = new Actor(UUID.randomUUID(), "developer", DemoOrganizations.DEVELOPER, List.of("DEVELOPER"), null);
        OutputGate.ReleasedResult issued = gate.issued(submission.queryId(), person).orElseThrow();
        assertThat(issued.rows()).hasSize(12).isNotEqualTo(released.rows());
        assertThat(gate.issued(submission.queryId(), person).orElseThrow().rows()).isEqualTo(issued.rows());
        assertThat(jdbc.sql("select count(*) from dataspace_gate_issue where query_id = ? and format = 'API'")
                .param(submission.queryId()).query(Long.class).single()).isEqualTo(1);
        assertThat(gate.issued(submission.queryId(), bank)).isEmpty();
    }

    @Test
    void holdsResultsThatAreNotAggregateOnlyAndNeverStoresThemInClear() {
        ResultSubmission submission = aggregate(grant(), 3, false);
        OutputGate.GateDecision decision = gate.submit(submission);
        assertThat(decision.state()).isEqualTo(ResultState.PENDING_REVIEW);
        assertThat(decision.reasons()).contains("gate.hold.not-aggregate-only");
        assertThat(gate.released(submission.queryId(), DEVELOPER)).isEmpty();
        assertThat(gate.status(submission.queryId(), DEVELOPER).orElseThrow().state())
                .isEqualTo(ResultState.PENDING_REVIEW);

        Map<String, Object> row = jdbc.sql("select * from dataspace_gate_result where id = ?")
                .param(decision.resultId()).query().singleRow();
        String everything = row.values().toString();
        assertThat(everything).doesNotContain("321201", "5247.77", "avg(monthly_income)");
        assertThat(row.get("result_sm3").toString()).hasSize(64);
        assertThat(row.get("review_due_on")).isNotNull();
    }

    @Test
    void holdsAggregatesLargerThanTheAutomaticReleaseLimit() {
        ResultSubmission submission = aggregate(grant(), 1001, true);
        OutputGate.GateDecision decision = gate.submit(submission);
        assertThat(decision.state()).isEqualTo(ResultState.PENDING_REVIEW);
        assertThat(decision.reasons()).containsExactly("gate.hold.too-many-rows");
    }
}
