package org.pdao.supervision.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** An alert is open until the responsible organization acknowledges it and the authority closes it. */
enum AlertState {
    OPEN, ACKNOWLEDGED, CLOSED;

    private static final Map<AlertState, Set<AlertState>> ALLOWED = new EnumMap<>(AlertState.class);

    static {
        ALLOWED.put(OPEN, EnumSet.of(ACKNOWLEDGED, CLOSED));
        ALLOWED.put(ACKNOWLEDGED, EnumSet.of(CLOSED));
        ALLOWED.put(CLOSED, EnumSet.noneOf(AlertState.class));
    }

    boolean canMoveTo(AlertState target) {
        return ALLOWED.get(this).contains(target);
    }
}
