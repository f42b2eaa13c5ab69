package org.pdao.catalog.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * An unmet development-catalog need (TZ-13): recorded, gathered by the operator into a submission to
 * the data authority, answered by the authority.
 */
enum NeedState {
    RECORDED, SUBMITTED, ANSWERED;

    private static final Map<NeedState, Set<NeedState>> ALLOWED = new EnumMap<>(NeedState.class);

    static {
        ALLOWED.put(RECORDED, EnumSet.of(SUBMITTED));
        ALLOWED.put(SUBMITTED, EnumSet.of(ANSWERED));
        ALLOWED.put(ANSWERED, EnumSet.noneOf(NeedState.class));
    }

    boolean canMoveTo(NeedState target) {
        return ALLOWED.get(this).contains(target);
    }
}
