package org.pdao.dataspace.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.gate.GateFixture;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.identity.DemoOrganizations;
import org.pdao.support.ApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A held result past its review deadline (working days of the calendar, from the platform setting where no text sets
 * one) raises one supervision alert for the zone operator, with the zone supervisor supervising; a decided result
 * raises none.
 */
class ReviewDeadlinesIntegrationTest extends ApiTest {

    @Autowired
    OutputGate gate;

    @Autowired
    ReviewDeadlines deadlines;

    @Autowired
    ResultStore store;

    @Autowired
    ZoneDatasets datasets;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReviewPastItsDeadlineRaisesOneAlertForTheOperator() {
        GateFixture fixture = new GateFixture(api, datasets, clock, this::login);
        UUID grant = fixture.grant("出域审核期限测试");
        ResultSubmission held = new ResultSubmission(UUID.randomUUID(), UUID.randomUUID(), grant,
                DemoOrganizations.DEVELOPER, null, "select 1", List.of(new ResultColumn("x", "VARCHAR",
                        ResultColumn.Disclosure.CLEAR)), List.of(List.of("a")), false, List.of());
        UUID id = gate.submit(held).resultId();
        StoredResult stored = store.require(id);
        assertThat(stored.reviewDueOn()).isAfter(fixture.today());

        assertThat(deadlines.check(stored.reviewDueOn())).isZero();
        assertThat(deadlines.check(stored.reviewDueOn().plusDays(1))).isGreaterThanOrEqualTo(1);
        assertThat(deadlines.check(stored.reviewDueOn().plusDays(2))).isZero();
        var alert = jdbc.sql("select * from supervision_alert where subject_type = 'output-review' and subject_id = ?")
                .param(id.toString()).query().singleRow();
        assertThat(alert.get("responsible_org_id")).isEqualTo(DemoOrganizations.OPERATOR);
        assertThat(alert.get("supervising_org_id")).isEqualTo(fixture.zone().supervisorOrganizationId());
        assertThat(alert.get("rule_id")).isEqualTo("TZ-3");
        assertThat(alert.get("message_code")).isEqualTo("gate.overdue");
    }
}
