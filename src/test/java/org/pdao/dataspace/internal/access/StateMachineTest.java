package org.pdao.dataspace.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.pdao.shared.ProblemException;

/** Every transition in each table is allowed; every transition not in it is refused. */
class StateMachineTest {

    private static <S extends Enum<S>> void check(Class<S> type, Map<S, Set<S>> table, BiPredicate<S, S> can,
            BiConsumer<S, S> guard) {
        for (S from : type.getEnumConstants()) {
            for (S to : type.getEnumConstants()) {
                boolean allowed = table.getOrDefault(from, Set.of()).contains(to);
                assertThat(can.test(from, to)).as("%s -> %s", from, to).isEqualTo(allowed);
                if (allowed) {
                    guard.accept(from, to);
                } else {
                    assertThatThrownBy(() -> guard.accept(from, to)).as("%s -> %s", from, to)
                            .isInstanceOf(ProblemException.class).hasMessageContaining("workspace.transition-refused");
                }
            }
        }
    }

    @Test
    void desensitizationRules() {
        check(RuleState.class, Map.of(
                RuleState.DRAFT, EnumSet.of(RuleState.SUBMITTED, RuleState.RETIRED),
                RuleState.SUBMITTED, EnumSet.of(RuleState.APPROVED, RuleState.REJECTED),
                RuleState.APPROVED, EnumSet.of(RuleState.SUPERSEDED, RuleState.RETIRED),
                RuleState.REJECTED, EnumSet.of(RuleState.DRAFT)), RuleState::canMoveTo, RuleState::checkMoveTo);
        assertThat(RuleState.SUPERSEDED.isFinal()).isTrue();
    }

    @Test
    void dataRequests() {
        check(RequestState.class, Map.of(
                RequestState.DRAFT, EnumSet.of(RequestState.SUBMITTED, RequestState.WITHDRAWN),
                RequestState.SUBMITTED, EnumSet.of(RequestState.OPERATOR_APPROVED, RequestState.AUTHORITY_APPROVED,
                        RequestState.REJECTED, RequestState.WITHDRAWN),
                RequestState.OPERATOR_APPROVED, EnumSet.of(RequestState.FILED, RequestState.REJECTED)),
                RequestState::canMoveTo, RequestState::checkMoveTo);
        assertThat(EnumSet.allOf(RequestState.class)).filteredOn(RequestState::grants)
                .containsExactlyInAnyOrder(RequestState.FILED, RequestState.AUTHORITY_APPROVED);
    }

    @Test
    void grants() {
        check(GrantState.class, Map.of(GrantState.ACTIVE, EnumSet.of(GrantState.ENDED)), GrantState::canMoveTo,
                GrantState::checkMoveTo);
        assertThat(GrantState.ENDED.isFinal()).isTrue();
    }

    @Test
    void workspaces() {
        check(WorkspaceState.class, Map.of(
                WorkspaceState.PREPARING, EnumSet.of(WorkspaceState.ACTIVE, WorkspaceState.FAILED, WorkspaceState.SEALED),
                WorkspaceState.ACTIVE, EnumSet.of(WorkspaceState.PREPARING, WorkspaceState.SEALED,
                        WorkspaceState.DESTROYED),
                WorkspaceState.FAILED, EnumSet.of(WorkspaceState.PREPARING, WorkspaceState.SEALED,
                        WorkspaceState.DESTROYED),
                WorkspaceState.SEALED, EnumSet.of(WorkspaceState.DESTROYED)),
                WorkspaceState::canMoveTo, WorkspaceState::checkMoveTo);
        assertThat(WorkspaceState.DESTROYED.isFinal()).isTrue();
    }

    @Test
    void consents() {
        check(ConsentState.class, Map.of(ConsentState.GIVEN, EnumSet.of(ConsentState.WITHDRAWN),
                ConsentState.WITHDRAWN, EnumSet.of(ConsentState.GIVEN)), ConsentState::canMoveTo,
                ConsentState::checkMoveTo);
    }
}
