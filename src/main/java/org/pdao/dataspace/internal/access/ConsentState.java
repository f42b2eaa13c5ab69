package org.pdao.dataspace.internal.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pdao.shared.ProblemException;

/** A consent is given, then may be withdrawn, and may be given again later (a new, separate decision of the person). */
enum ConsentState {
    GIVEN, WITHDRAWN;

    private static final Map<ConsentState, Set<ConsentState>> ALLOWED = new EnumMap<>(ConsentState.class);

    static {
        ALLOWED.put(GIVEN, EnumSet.of(WITHDRAWN));
        ALLOWED.put(WITHDRAWN, EnumSet.of(GIVEN));
    }

    boolean canMoveTo(ConsentState target) {
        return ALLOWED.get(this).contains(target);
    }

    void checkMoveTo(ConsentState target) {
        if (!canMoveTo(target)) {
            throw ProblemException.conflict("workspace.transition-refused", name(), target.name());
        }
    }
}
