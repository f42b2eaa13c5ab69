package org.pdao.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The development-catalog state machine allows exactly the transitions of its table. */
class CatalogDevelopmentStateTest {

    private static final Map<DevelopmentState, Set<DevelopmentState>> EXPECTED = Map.of(
            DevelopmentState.DRAFT, Set.of(DevelopmentState.SUBMITTED),
            DevelopmentState.SUBMITTED, Set.of(DevelopmentState.APPROVED, DevelopmentState.REJECTED),
            DevelopmentState.APPROVED, Set.of(DevelopmentState.PUBLISHED),
            DevelopmentState.REJECTED, Set.of(DevelopmentState.DRAFT),
            DevelopmentState.PUBLISHED, Set.of(DevelopmentState.WITHDRAWN),
            DevelopmentState.WITHDRAWN, Set.of());

    @Test
    void refusesEveryTransitionNotInTheTable() {
        int refused = 0;
        for (DevelopmentState from : DevelopmentState.values()) {
            for (DevelopmentState to : DevelopmentState.values()) {
                DevelopmentEntry entry = entryIn(from);
                if (EXPECTED.get(from).contains(to)) {
                    assertThat(entry.transitionTo(to, "ok", Instant.now()).state()).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> entry.transitionTo(to, "no", Instant.now()))
                            .as("%s -> %s", from, to).isInstanceOf(DevelopmentEntry.IllegalTransition.class);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(36 - EXPECTED.values().stream().mapToInt(Set::size).sum());
    }

    @Test
    void onlyWithdrawnIsFinalAndOnlyTheAuthorityDecides() {
        assertThat(DevelopmentState.WITHDRAWN.isFinal()).isTrue();
        assertThat(List.of(DevelopmentState.values())).filteredOn(DevelopmentState::isFinal)
                .containsExactly(DevelopmentState.WITHDRAWN);
        assertThat(DevelopmentState.APPROVED.requiredPermission().name()).isEqualTo("DEV_CATALOG_APPROVE");
        assertThat(DevelopmentState.REJECTED.requiredPermission().name()).isEqualTo("DEV_CATALOG_APPROVE");
        assertThat(DevelopmentState.PUBLISHED.requiredPermission().name()).isEqualTo("DEV_CATALOG_COMPILE");
    }

    private static DevelopmentEntry entryIn(DevelopmentState state) {
        return new DevelopmentEntry(UUID.randomUUID(), "t", "d", UUID.randomUUID(), List.of("a"), UUID.randomUUID(),
                state, null, null, "tester", Instant.now(), Instant.now());
    }
}
