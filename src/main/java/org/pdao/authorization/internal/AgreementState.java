package org.pdao.authorization.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an authorization agreement. The grantor drafts (clauses, term, scenarios); both parties
 * sign the same version with SM2 — the first signature makes it {@code PARTIALLY_SIGNED}, the second
 * {@code EFFECTIVE}; an amendment before it takes effect goes back to {@code DRAFT} under a new version
 * (signatures of the old version no longer count). An effective agreement is in force while its term
 * runs; it may be suspended and resumed, and ends by expiry, termination or revocation. A draft never
 * signed by both may be cancelled. The allowed transitions are here and nowhere else.
 */
public enum AgreementState {
    DRAFT, PARTIALLY_SIGNED, EFFECTIVE, SUSPENDED, EXPIRED, TERMINATED, REVOKED, CANCELLED;

    private static final Map<AgreementState, Set<AgreementState>> ALLOWED = new EnumMap<>(AgreementState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(PARTIALLY_SIGNED, CANCELLED));
        ALLOWED.put(PARTIALLY_SIGNED, EnumSet.of(EFFECTIVE, DRAFT, CANCELLED));
        ALLOWED.put(EFFECTIVE, EnumSet.of(SUSPENDED, EXPIRED, TERMINATED, REVOKED));
        ALLOWED.put(SUSPENDED, EnumSet.of(EFFECTIVE, EXPIRED, TERMINATED, REVOKED));
        ALLOWED.put(EXPIRED, EnumSet.noneOf(AgreementState.class));
        ALLOWED.put(TERMINATED, EnumSet.noneOf(AgreementState.class));
        ALLOWED.put(REVOKED, EnumSet.noneOf(AgreementState.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(AgreementState.class));
    }

    public boolean canMoveTo(AgreementState target) {
        return ALLOWED.get(this).contains(target);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Clauses, term and scenarios may be changed only before anyone has signed the current version. */
    public boolean isEditable() {
        return this == DRAFT;
    }

    /** Leaving force: a transition out of {@code EFFECTIVE} into one of these publishes {@code AgreementEnded}. */
    public boolean endsForce() {
        return this == SUSPENDED || this == EXPIRED || this == TERMINATED || this == REVOKED;
    }
}
