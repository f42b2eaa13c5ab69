package org.pdao.supervision.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The alert and quality-issue state machines allow exactly their tables; the chart's scale is readable. */
class SupervisionStateTest {

    @Test
    void qualityIssueRefusesEveryTransitionNotInTheTable() {
        Map<IssueState, Set<IssueState>> expected = Map.of(
                IssueState.REPORTED, Set.of(IssueState.DISPATCHED, IssueState.DISMISSED),
                IssueState.DISPATCHED, Set.of(IssueState.RECTIFIED),
                IssueState.RECTIFIED, Set.of(IssueState.CONFIRMED, IssueState.DISPATCHED),
                IssueState.CONFIRMED, Set.of(), IssueState.DISMISSED, Set.of());
        int refused = 0;
        for (IssueState from : IssueState.values()) {
            for (IssueState to : IssueState.values()) {
                QualityIssue i = new QualityIssue(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "ACCURACY",
                        null, "d", null, "t", false, from, null, Instant.now(), Instant.now());
                if (expected.get(from).contains(to)) {
                    assertThat(i.transitionTo(to, "ok", Instant.now()).state()).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> i.transitionTo(to, "no", Instant.now())).as("%s -> %s", from, to)
                            .isInstanceOf(IllegalTransition.class);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(25 - 5);
    }

    @Test
    void alertRefusesEveryTransitionNotInTheTable() {
        Map<AlertState, Set<AlertState>> expected = Map.of(
                AlertState.OPEN, Set.of(AlertState.ACKNOWLEDGED, AlertState.CLOSED),
                AlertState.ACKNOWLEDGED, Set.of(AlertState.CLOSED), AlertState.CLOSED, Set.of());
        for (AlertState from : AlertState.values()) {
            for (AlertState to : AlertState.values()) {
                Alert a = new Alert(UUID.randomUUID(), "TZM-11", "data-demand", "x", "m", null, UUID.randomUUID(), null,
                        LocalDate.now(), from, Instant.now(), Instant.now(), null, null);
                if (expected.get(from).contains(to)) {
                    assertThat(a.transitionTo(to, "u", null, Instant.now()).state()).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> a.transitionTo(to, "u", null, Instant.now())).as("%s -> %s", from, to)
                            .isInstanceOf(IllegalTransition.class);
                }
            }
        }
    }

    @Test
    void chartStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(ContributionChart.niceStep(0)).isEqualTo(1);
        assertThat(ContributionChart.niceStep(7)).isEqualTo(2);
        assertThat(ContributionChart.niceStep(37)).isEqualTo(10);
        assertThat(ContributionChart.niceStep(1234)).isEqualTo(500);
        assertThat(ContributionChart.escape("<a&\"b>")).isEqualTo("&lt;a&amp;&quot;b&gt;");
    }
}
