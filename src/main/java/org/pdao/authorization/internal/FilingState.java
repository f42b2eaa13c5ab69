package org.pdao.authorization.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of one filing (备案) step: due when the filing duty arises (with its deadline), filed by the
 * obliged organization, then either received by the authority it is filed with (a receipt with a number)
 * or returned for correction and filed again; withdrawn when its subject no longer needs it (a plan
 * replaced before filing). The allowed transitions are here and nowhere else.
 */
public enum FilingState {
    DUE, FILED, RECEIVED, RETURNED, WITHDRAWN;

    private static final Map<FilingState, Set<FilingState>> ALLOWED = new EnumMap<>(FilingState.class);

    static {
        ALLOWED.put(DUE, EnumSet.of(FILED, WITHDRAWN));
        ALLOWED.put(FILED, EnumSet.of(RECEIVED, RETURNED));
        ALLOWED.put(RETURNED, EnumSet.of(FILED, WITHDRAWN));
        ALLOWED.put(RECEIVED, EnumSet.noneOf(FilingState.class));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(FilingState.class));
    }

    public boolean canMoveTo(FilingState target) {
        return ALLOWED.get(this).contains(target);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Guarded: the target, or {@link IllegalTransition}. */
    FilingState next(FilingState target) {
        if (!canMoveTo(target)) {
            throw new IllegalTransition(name(), target.name());
        }
        return target;
    }
}
