package org.pdao.authorization.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The filing, plan, exit and amendment state tables: every listed transition is allowed, every other one refused. */
class NewLifecycleStateTablesTest {

    @Test
    void filingRefusesEveryTransitionNotInTheTable() {
        check(FilingState.values(), Map.of(
                FilingState.DUE, Set.of(FilingState.FILED, FilingState.WITHDRAWN),
                FilingState.FILED, Set.of(FilingState.RECEIVED, FilingState.RETURNED),
                FilingState.RETURNED, Set.of(FilingState.FILED, FilingState.WITHDRAWN),
                FilingState.RECEIVED, Set.of(), FilingState.WITHDRAWN, Set.of()), FilingState::next, 25 - 6);
    }

    @Test
    void planRefusesEveryTransitionNotInTheTable() {
        check(PlanState.values(), Map.of(
                PlanState.DRAFT, Set.of(PlanState.SUBMITTED, PlanState.WITHDRAWN),
                PlanState.SUBMITTED, Set.of(PlanState.APPROVED, PlanState.DRAFT),
                PlanState.APPROVED, Set.of(PlanState.FILED, PlanState.SUPERSEDED),
                PlanState.FILED, Set.of(PlanState.SUPERSEDED),
                PlanState.SUPERSEDED, Set.of(), PlanState.WITHDRAWN, Set.of()), PlanState::next, 36 - 7);
    }

    @Test
    void exitRefusesEveryTransitionNotInTheTable() {
        check(ExitState.values(), Map.of(
                ExitState.OPEN, Set.of(ExitState.DESTRUCTION_CERTIFIED, ExitState.HANDOVER_CONFIRMED),
                ExitState.DESTRUCTION_CERTIFIED, Set.of(ExitState.COMPLETED),
                ExitState.HANDOVER_CONFIRMED, Set.of(ExitState.COMPLETED),
                ExitState.COMPLETED, Set.of()), ExitState::next, 16 - 4);
    }

    @Test
    void amendmentRefusesEveryTransitionNotInTheTable() {
        check(AmendmentState.values(), Map.of(
                AmendmentState.DRAFT, Set.of(AmendmentState.PARTIALLY_SIGNED, AmendmentState.CANCELLED),
                AmendmentState.PARTIALLY_SIGNED, Set.of(AmendmentState.ADOPTED, AmendmentState.CANCELLED),
                AmendmentState.ADOPTED, Set.of(), AmendmentState.CANCELLED, Set.of()), AmendmentState::next, 16 - 4);
    }

    private static <S extends Enum<S>> void check(S[] states, Map<S, Set<S>> table, BiFunction<S, S, S> next,
            int expectedRefusals) {
        int refused = 0;
        for (S from : states) {
            for (S to : states) {
                if (table.get(from).contains(to)) {
                    assertThat(next.apply(from, to)).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> next.apply(from, to)).as("%s -> %s", from, to)
                            .isInstanceOf(IllegalTransition.class);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(expectedRefusals);
    }
}
