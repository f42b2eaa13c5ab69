package org.pdao.catalog.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** An arbitration item of the data authority (TZM-15): open until the authority rules. */
enum ArbitrationState {
    OPEN, RULED;

    private static final Map<ArbitrationState, Set<ArbitrationState>> ALLOWED = new EnumMap<>(ArbitrationState.class);

    static {
        ALLOWED.put(OPEN, EnumSet.of(RULED));
        ALLOWED.put(RULED, EnumSet.noneOf(ArbitrationState.class));
    }

    boolean canMoveTo(ArbitrationState target) {
        return ALLOWED.get(this).contains(target);
    }
}
