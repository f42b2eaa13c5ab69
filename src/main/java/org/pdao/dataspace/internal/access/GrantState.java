package org.pdao.dataspace.internal.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pdao.shared.ProblemException;

/** A grant is in force until anything it rests on ends (agreement, term, scenario, columns); then it is ended for good. */
enum GrantState {
    ACTIVE, ENDED;

    private static final Map<GrantState, Set<GrantState>> ALLOWED = new EnumMap<>(GrantState.class);

    static {
        ALLOWED.put(ACTIVE, EnumSet.of(ENDED));
        ALLOWED.put(ENDED, EnumSet.noneOf(GrantState.class));
    }

    boolean canMoveTo(GrantState target) {
        return ALLOWED.get(this).contains(target);
    }

    boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    void checkMoveTo(GrantState target) {
        if (!canMoveTo(target)) {
            throw ProblemException.conflict("workspace.transition-refused", name(), target.name());
        }
    }
}
