package org.pdao.dataspace.internal.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pdao.shared.ProblemException;

/**
 * The life of a desensitization rule (TZ-15): the zone's operator writes and submits it, the authority
 * approves or rejects it; only an approved rule applies; a newer approved rule for the same column
 * supersedes it, and the operator may retire it. The allowed transitions are here and nowhere else.
 */
enum RuleState {
    DRAFT, SUBMITTED, APPROVED, REJECTED, SUPERSEDED, RETIRED;

    private static final Map<RuleState, Set<RuleState>> ALLOWED = new EnumMap<>(RuleState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(SUBMITTED, RETIRED));
        ALLOWED.put(SUBMITTED, EnumSet.of(APPROVED, REJECTED));
        ALLOWED.put(APPROVED, EnumSet.of(SUPERSEDED, RETIRED));
        ALLOWED.put(REJECTED, EnumSet.of(DRAFT));
        ALLOWED.put(SUPERSEDED, EnumSet.noneOf(RuleState.class));
        ALLOWED.put(RETIRED, EnumSet.noneOf(RuleState.class));
    }

    boolean canMoveTo(RuleState target) {
        return ALLOWED.get(this).contains(target);
    }

    boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** The guard every transition goes through. */
    void checkMoveTo(RuleState target) {
        if (!canMoveTo(target)) {
            throw ProblemException.conflict("workspace.transition-refused", name(), target.name());
        }
    }

    /** The authority decides; the operator does the rest. */
    boolean decidedByAuthority() {
        return this == APPROVED || this == REJECTED;
    }
}
