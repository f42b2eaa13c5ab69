package org.pdao.authorization.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an exit (退出, TZ-27, JL-exit): opened with its cause — every agreement of the party with the
 * grantor ends at once and the destruction of retained data is ordered — then the destruction is certified
 * and the hand-over of services confirmed, in either order; complete only when both are done. The allowed
 * transitions are here and nowhere else.
 */
public enum ExitState {
    OPEN, DESTRUCTION_CERTIFIED, HANDOVER_CONFIRMED, COMPLETED;

    private static final Map<ExitState, Set<ExitState>> ALLOWED = new EnumMap<>(ExitState.class);

    static {
        ALLOWED.put(OPEN, EnumSet.of(DESTRUCTION_CERTIFIED, HANDOVER_CONFIRMED));
        ALLOWED.put(DESTRUCTION_CERTIFIED, EnumSet.of(COMPLETED));
        ALLOWED.put(HANDOVER_CONFIRMED, EnumSet.of(COMPLETED));
        ALLOWED.put(COMPLETED, EnumSet.noneOf(ExitState.class));
    }

    public boolean canMoveTo(ExitState target) {
        return ALLOWED.get(this).contains(target);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Guarded: the target, or {@link IllegalTransition}. */
    ExitState next(ExitState target) {
        if (!canMoveTo(target)) {
            throw new IllegalTransition(name(), target.name());
        }
        return target;
    }
}
