package org.pdao.authorization.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an application to an announcement: drafted with its materials, submitted before the
 * announcement closes, qualified or disqualified in the qualification review (资格审查), and finally
 * selected or not. The allowed transitions are here and nowhere else.
 */
public enum SelectionApplicationState {
    DRAFT, SUBMITTED, QUALIFIED, DISQUALIFIED, SELECTED, NOT_SELECTED, WITHDRAWN;

    private static final Map<SelectionApplicationState, Set<SelectionApplicationState>> ALLOWED =
            new EnumMap<>(SelectionApplicationState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN));
        ALLOWED.put(SUBMITTED, EnumSet.of(QUALIFIED, DISQUALIFIED, WITHDRAWN));
        ALLOWED.put(QUALIFIED, EnumSet.of(SELECTED, NOT_SELECTED));
        ALLOWED.put(DISQUALIFIED, EnumSet.noneOf(SelectionApplicationState.class));
        ALLOWED.put(SELECTED, EnumSet.noneOf(SelectionApplicationState.class));
        ALLOWED.put(NOT_SELECTED, EnumSet.noneOf(SelectionApplicationState.class));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(SelectionApplicationState.class));
    }

    public boolean canMoveTo(SelectionApplicationState target) {
        return ALLOWED.get(this).contains(target);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Guarded: the target, or {@link IllegalTransition}. */
    SelectionApplicationState next(SelectionApplicationState target) {
        if (!canMoveTo(target)) {
            throw new IllegalTransition(name(), target.name());
        }
        return target;
    }
}
