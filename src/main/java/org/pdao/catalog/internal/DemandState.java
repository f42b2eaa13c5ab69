package org.pdao.catalog.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a data demand for data not yet collected (TZM-11): the addressed source unit agrees or
 * refuses (with its legal basis) within the answer deadline, and delivers what it agreed within the
 * delivery deadline; an answer not given in time goes to the data authority (ESCALATED), which orders
 * supply or upholds a refusal. The allowed transitions are here and nowhere else.
 */
enum DemandState {
    SUBMITTED, AGREED, REFUSED, ESCALATED, DELIVERED, WITHDRAWN;

    private static final Map<DemandState, Set<DemandState>> ALLOWED = new EnumMap<>(DemandState.class);

    static {
        ALLOWED.put(SUBMITTED, EnumSet.of(AGREED, REFUSED, ESCALATED, WITHDRAWN));
        ALLOWED.put(ESCALATED, EnumSet.of(AGREED, REFUSED));
        ALLOWED.put(AGREED, EnumSet.of(DELIVERED));
        ALLOWED.put(REFUSED, EnumSet.noneOf(DemandState.class));
        ALLOWED.put(DELIVERED, EnumSet.noneOf(DemandState.class));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(DemandState.class));
    }

    boolean canMoveTo(DemandState target) {
        return ALLOWED.get(this).contains(target);
    }

    boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }
}
