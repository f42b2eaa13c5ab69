package org.pdao.authorization.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of one version of an implementation plan (实施方案, JL-plan): drafted by the data authority (or an
 * agency it guides), submitted to the government of its level, approved there (三重一大) or returned to
 * draft, filed up the chain county → city → province, and superseded when a changed version is approved
 * (the old version is kept). A draft may be withdrawn. The allowed transitions are here and nowhere else.
 */
public enum PlanState {
    DRAFT, SUBMITTED, APPROVED, FILED, SUPERSEDED, WITHDRAWN;

    private static final Map<PlanState, Set<PlanState>> ALLOWED = new EnumMap<>(PlanState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN));
        ALLOWED.put(SUBMITTED, EnumSet.of(APPROVED, DRAFT));
        ALLOWED.put(APPROVED, EnumSet.of(FILED, SUPERSEDED));
        ALLOWED.put(FILED, EnumSet.of(SUPERSEDED));
        ALLOWED.put(SUPERSEDED, EnumSet.noneOf(PlanState.class));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(PlanState.class));
    }

    public boolean canMoveTo(PlanState target) {
        return ALLOWED.get(this).contains(target);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Guarded: the target, or {@link IllegalTransition}. */
    PlanState next(PlanState target) {
        if (!canMoveTo(target)) {
            throw new IllegalTransition(name(), target.name());
        }
        return target;
    }
}
