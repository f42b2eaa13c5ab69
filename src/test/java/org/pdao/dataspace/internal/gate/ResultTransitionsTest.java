package org.pdao.dataspace.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.http.HttpStatus;

/** Every allowed and every refused move of a result at the output gate. */
class ResultTransitionsTest {

    private static final RuleRef RULE = ReleasePolicy.NEVER_LEAVES;

    @Test
    void aSubmissionEntersHeldOrReleasedOnly() {
        assertThat(ResultTransitions.allowed(null, ResultState.PENDING_REVIEW)).isTrue();
        assertThat(ResultTransitions.allowed(null, ResultState.RELEASED)).isTrue();
        assertThat(ResultTransitions.allowed(null, ResultState.RELEASED_WITH_CHANGE)).isFalse();
        assertThat(ResultTransitions.allowed(null, ResultState.REJECTED)).isFalse();
    }

    @Test
    void aHeldResultIsApprovedApprovedWithChangeOrRejected() {
        for (ResultState to : EnumSet.of(ResultState.RELEASED, ResultState.RELEASED_WITH_CHANGE, ResultState.REJECTED)) {
            assertThat(ResultTransitions.allowed(ResultState.PENDING_REVIEW, to)).as(to.name()).isTrue();
        }
        assertThat(ResultTransitions.allowed(ResultState.PENDING_REVIEW, ResultState.PENDING_REVIEW)).isFalse();
        assertThat(ResultTransitions.isFinal(ResultState.PENDING_REVIEW)).isFalse();
    }

    @Test
    void decidedResultsMoveOnlyToDestroyedAndAnyOtherMoveIsRefusedWith409NamingTheRule() {
        for (ResultState from : EnumSet.of(ResultState.RELEASED, ResultState.RELEASED_WITH_CHANGE,
                ResultState.REJECTED)) {
            assertThat(ResultTransitions.isFinal(from)).isFalse();
            assertThat(ResultTransitions.allowed(from, ResultState.DESTROYED)).as(from + "→DESTROYED").isTrue();
            for (ResultState to : EnumSet.complementOf(EnumSet.of(ResultState.DESTROYED))) {
                assertThat(ResultTransitions.allowed(from, to)).as(from + "→" + to).isFalse();
                assertRefused(from, to);
            }
        }
    }

    @Test
    void aHeldResultMayBeDestroyedWithItsWorkspaceAndADestroyedResultIsFinal() {
        assertThat(ResultTransitions.allowed(ResultState.PENDING_REVIEW, ResultState.DESTROYED)).isTrue();
        assertThat(ResultTransitions.allowed(null, ResultState.DESTROYED)).isFalse();
        assertThat(ResultTransitions.isFinal(ResultState.DESTROYED)).isTrue();
        for (ResultState to : ResultState.values()) {
            assertRefused(ResultState.DESTROYED, to);
        }
    }

    private static void assertRefused(ResultState from, ResultState to) {
        assertThatThrownBy(() -> ResultTransitions.check(from, to, RULE))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.code()).isEqualTo("gate.transition.refused");
                    assertThat(e.rule().id()).isEqualTo("TZ-3");
                });
    }

    @Test
    void aChangeIsCheckedBeforeItIsAppliedAndRoundsOnlyAggregates() {
        ResultCodec.Table table = ResultCodec.normalised(java.util.List.of(
                new ResultColumn("year", "INTEGER", ResultColumn.Disclosure.CLEAR),
                new ResultColumn("persons", "BIGINT", ResultColumn.Disclosure.COUNT),
                new ResultColumn("avg", "DOUBLE", ResultColumn.Disclosure.AGGREGATE)),
                java.util.List.of(java.util.List.of(2023, 12L, 10.4), java.util.List.of(2024, 18L, 13.0)));
        ReviewChange change = new ReviewChange(java.util.List.of(), java.util.List.of(0), 5);
        change.checkAgainst(table);
        ResultCodec.Table changed = change.apply(table);
        assertThat(changed.rows()).hasSize(1);
        assertThat(changed.rows().get(0)).containsExactly(2024L, 20L, new java.math.BigDecimal("15"));
        assertThatThrownBy(() -> new ReviewChange(java.util.List.of("year", "persons", "avg"), null, null)
                .checkAgainst(table)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> new ReviewChange(null, null, 0).checkAgainst(table))
                .isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> new ReviewChange(null, null, null).checkAgainst(table))
                .isInstanceOf(ProblemException.class);
    }
}
