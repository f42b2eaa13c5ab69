package org.pdao.authorization.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.authorization.AgreementTier;

/** The agreement state table: every listed transition is allowed, every other one refused. */
class AgreementStateTest {

    /** The table as the regulation-facing documentation states it (docs/authorization.md). */
    private static final Map<AgreementState, Set<AgreementState>> DOCUMENTED = Map.of(
            AgreementState.DRAFT, Set.of(AgreementState.PARTIALLY_SIGNED, AgreementState.CANCELLED),
            AgreementState.PARTIALLY_SIGNED,
            Set.of(AgreementState.EFFECTIVE, AgreementState.DRAFT, AgreementState.CANCELLED),
            AgreementState.EFFECTIVE, Set.of(AgreementState.SUSPENDED, AgreementState.EXPIRED,
                    AgreementState.TERMINATED, AgreementState.REVOKED),
            AgreementState.SUSPENDED, Set.of(AgreementState.EFFECTIVE, AgreementState.EXPIRED,
                    AgreementState.TERMINATED, AgreementState.REVOKED),
            AgreementState.EXPIRED, Set.of(),
            AgreementState.TERMINATED, Set.of(),
            AgreementState.REVOKED, Set.of(),
            AgreementState.CANCELLED, Set.of());

    @Test
    void refusesEveryTransitionNotInTheTable() {
        int refused = 0;
        for (AgreementState from : AgreementState.values()) {
            for (AgreementState to : AgreementState.values()) {
                Agreement a = agreement(from);
                if (DOCUMENTED.get(from).contains(to)) {
                    assertThat(a.transitionTo(to, null, null, Instant.now()).state()).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> a.transitionTo(to, null, null, Instant.now()))
                            .as("%s -> %s", from, to).isInstanceOf(Agreement.IllegalTransition.class);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(64 - 13);
    }

    @Test
    void finalStatesHaveNoWayOut() {
        assertThat(List.of(AgreementState.values()).stream().filter(AgreementState::isFinal))
                .containsExactlyInAnyOrder(AgreementState.EXPIRED, AgreementState.TERMINATED, AgreementState.REVOKED,
                        AgreementState.CANCELLED);
    }

    @Test
    void anAmendmentAfterTheFirstSignatureStartsANewVersion() {
        Agreement signedOnce = agreement(AgreementState.PARTIALLY_SIGNED);
        Agreement amended = signedOnce.transitionTo(AgreementState.DRAFT, null, null, Instant.now());
        assertThat(amended.version()).isEqualTo(signedOnce.version() + 1);
    }

    @Test
    void isInForceOnlyWhenEffectiveAndWithinItsInclusiveTerm() {
        Agreement effective = agreement(AgreementState.EFFECTIVE);
        assertThat(effective.inForceOn(LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(effective.inForceOn(LocalDate.of(2028, 12, 31))).isTrue();
        assertThat(effective.inForceOn(LocalDate.of(2029, 1, 1))).isFalse();
        assertThat(effective.inForceOn(LocalDate.of(2025, 12, 31))).isFalse();
        assertThat(agreement(AgreementState.SUSPENDED).inForceOn(LocalDate.of(2026, 6, 1))).isFalse();
    }

    static Agreement agreement(AgreementState state) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new Agreement(UUID.randomUUID(), "TZ-2026-TEST", "TZ", "TWO_TIER", AgreementTier.DEVELOPER,
                UUID.randomUUID(), "运营机构", UUID.randomUUID(), "开发主体", "协议", List.of("场景"), List.of(),
                List.of("TZ-COMPREHENSIVE"), LocalDate.of(2026, 1, 1), LocalDate.of(2028, 12, 31), state, 3, null,
                null, "test", now, now);
    }
}
