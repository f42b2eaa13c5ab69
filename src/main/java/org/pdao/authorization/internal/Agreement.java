package org.pdao.authorization.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.authorization.AgreementSummary;
import org.pdao.authorization.AgreementTier;

/**
 * An authorization agreement (授权运营协议) between a grantor (the authority, a source unit, an
 * implementing agency, or for developers the operator) and the authorized party. The term is
 * inclusive: in force from {@code validFrom} through {@code validUntil}. {@code version} counts the
 * texts the parties were asked to sign; an amendment before signing completes starts a new one.
 */
record Agreement(UUID id, String number, String profileId, String model, AgreementTier tier, UUID grantorId,
        String grantorName, UUID partyId, String partyName, String title, List<String> scenarios,
        List<UUID> zoneIds, List<String> zoneCodes, LocalDate validFrom, LocalDate validUntil,
        AgreementState state, int version, @Nullable String endCause, @Nullable String endRule, String createdBy,
        Instant createdAt, Instant updatedAt) {

    Agreement {
        scenarios = List.copyOf(scenarios);
        zoneIds = List.copyOf(zoneIds);
        zoneCodes = List.copyOf(zoneCodes);
    }

    /** In force on {@code today}: effective (signed by both) and within its term. */
    boolean inForceOn(LocalDate today) {
        return state == AgreementState.EFFECTIVE && !today.isBefore(validFrom) && !today.isAfter(validUntil);
    }

    boolean involves(@Nullable UUID organizationId) {
        return grantorId.equals(organizationId) || partyId.equals(organizationId);
    }

    AgreementSummary summary(LocalDate today) {
        return new AgreementSummary(id, number, tier, grantorId, partyId, scenarios, zoneIds, validFrom, validUntil,
                state.name(), inForceOn(today), zoneCodes);
    }

    /** The agreement in its next state; refuses every transition the state table does not allow. */
    Agreement transitionTo(AgreementState target, @Nullable String cause, @Nullable String rule, Instant at) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state, target);
        }
        boolean ending = target.isFinal() || target == AgreementState.SUSPENDED;
        return new Agreement(id, number, profileId, model, tier, grantorId, grantorName, partyId, partyName, title,
                scenarios, zoneIds, zoneCodes, validFrom, validUntil, target,
                target == AgreementState.DRAFT ? version + 1 : version, ending ? cause : null, ending ? rule : null,
                createdBy, createdAt, at);
    }

    /** The same agreement with changed terms (only while it is a draft; the caller checks). */
    Agreement withTerms(String newTitle, List<String> newScenarios, List<UUID> newZoneIds, List<String> newZoneCodes,
            LocalDate from, LocalDate until, Instant at) {
        return new Agreement(id, number, profileId, model, tier, grantorId, grantorName, partyId, partyName, newTitle,
                newScenarios, newZoneIds, newZoneCodes, from, until, state, version, endCause, endRule, createdBy,
                createdAt, at);
    }

    /** The agreement as amendment {@code newVersion} would make it (same state, new terms and version). */
    Agreement amendedTo(int newVersion, String newTitle, List<String> newScenarios, List<UUID> newZoneIds,
            List<String> newZoneCodes, LocalDate from, LocalDate until, Instant at) {
        return new Agreement(id, number, profileId, model, tier, grantorId, grantorName, partyId, partyName, newTitle,
                newScenarios, newZoneIds, newZoneCodes, from, until, state, newVersion, endCause, endRule, createdBy,
                createdAt, at);
    }

    /** A transition that the state table does not allow. */
    static final class IllegalTransition extends RuntimeException {
        private final AgreementState from;
        private final AgreementState to;

        IllegalTransition(AgreementState from, AgreementState to) {
            super(from + " -> " + to);
            this.from = from;
            this.to = to;
        }

        AgreementState from() {
            return from;
        }

        AgreementState to() {
            return to;
        }
    }
}
