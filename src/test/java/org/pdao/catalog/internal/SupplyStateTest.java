package org.pdao.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The supply state machines allow exactly the transitions of their tables and refuse every other. */
class SupplyStateTest {

    @Test
    void demandRefusesEveryTransitionNotInTheTable() {
        Map<DemandState, Set<DemandState>> expected = Map.of(
                DemandState.SUBMITTED, Set.of(DemandState.AGREED, DemandState.REFUSED, DemandState.ESCALATED,
                        DemandState.WITHDRAWN),
                DemandState.ESCALATED, Set.of(DemandState.AGREED, DemandState.REFUSED),
                DemandState.AGREED, Set.of(DemandState.DELIVERED),
                DemandState.REFUSED, Set.of(), DemandState.DELIVERED, Set.of(), DemandState.WITHDRAWN, Set.of());
        int refused = 0;
        for (DemandState from : DemandState.values()) {
            for (DemandState to : DemandState.values()) {
                DataDemand d = demandIn(from);
                if (expected.get(from).contains(to)) {
                    assertThat(d.transitionTo(to, Instant.now()).state()).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> d.transitionTo(to, Instant.now())).as("%s -> %s", from, to)
                            .isInstanceOf(IllegalTransition.class);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(36 - 7);
        assertThat(DemandState.DELIVERED.isFinal()).isTrue();
        assertThat(DemandState.ESCALATED.isFinal()).isFalse();
    }

    @Test
    void sharingRequestRefusesEveryTransitionNotInTheTable() {
        Map<SharingState, Set<SharingState>> expected = Map.of(
                SharingState.SUBMITTED, Set.of(SharingState.APPROVED, SharingState.REFUSED, SharingState.ESCALATED,
                        SharingState.WITHDRAWN),
                SharingState.REFUSED, Set.of(SharingState.RULED_SHARED, SharingState.RULED_NOT_SHARED),
                SharingState.ESCALATED, Set.of(SharingState.RULED_SHARED, SharingState.RULED_NOT_SHARED),
                SharingState.APPROVED, Set.of(), SharingState.RULED_SHARED, Set.of(),
                SharingState.RULED_NOT_SHARED, Set.of(), SharingState.WITHDRAWN, Set.of());
        int refused = 0;
        for (SharingState from : SharingState.values()) {
            for (SharingState to : SharingState.values()) {
                SharingRequest r = new SharingRequest(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                        UUID.randomUUID(), "t", "p", "d", from, LocalDate.now(), LocalDate.now(), null, null, null,
                        Instant.now(), Instant.now());
                if (expected.get(from).contains(to)) {
                    assertThat(r.transitionTo(to, Instant.now()).state()).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> r.transitionTo(to, Instant.now())).as("%s -> %s", from, to)
                            .isInstanceOf(IllegalTransition.class);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(49 - 8);
    }

    @Test
    void arbitrationIsRuledOnceAndNeedsMoveForwardOnly() {
        ArbitrationItem open = new ArbitrationItem(UUID.randomUUID(), ArbitrationItem.Subject.SHARING_REQUEST,
                UUID.randomUUID(), ArbitrationItem.Cause.REFUSED, ArbitrationState.OPEN, UUID.randomUUID(),
                UUID.randomUUID(), "TZM-15", Instant.now(), null, null, null, null);
        ArbitrationItem ruled = open.ruled(ArbitrationItem.Ruling.SUPPLY, "r", "authority", Instant.now());
        assertThat(ruled.state()).isEqualTo(ArbitrationState.RULED);
        assertThatThrownBy(() -> ruled.ruled(ArbitrationItem.Ruling.NO_SUPPLY, "r", "a", Instant.now()))
                .isInstanceOf(IllegalTransition.class);
        assertThat(ArbitrationState.OPEN.canMoveTo(ArbitrationState.OPEN)).isFalse();

        Map<NeedState, Set<NeedState>> expected = Map.of(NeedState.RECORDED, Set.of(NeedState.SUBMITTED),
                NeedState.SUBMITTED, Set.of(NeedState.ANSWERED), NeedState.ANSWERED, Set.of());
        for (NeedState from : NeedState.values()) {
            for (NeedState to : NeedState.values()) {
                UnmetNeed n = new UnmetNeed(UUID.randomUUID(), UUID.randomUUID(), null, "s", "d", null, from, null,
                        "t", Instant.now(), Instant.now());
                if (expected.get(from).contains(to)) {
                    assertThat(n.transitionTo(to, null, Instant.now()).state()).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> n.transitionTo(to, null, Instant.now())).as("%s -> %s", from, to)
                            .isInstanceOf(IllegalTransition.class);
                }
            }
        }
    }

    private static DataDemand demandIn(DemandState state) {
        return new DataDemand(UUID.randomUUID(), "t", "d", "p", UUID.randomUUID(), UUID.randomUUID(), "tester", state,
                LocalDate.now(), LocalDate.now(), null, null, null, null, null, null, false, Instant.now(),
                Instant.now());
    }
}
