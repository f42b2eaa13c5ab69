package org.pdao.catalog.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pdao.identity.Permission;

/**
 * The life of a development-catalog entry (TZ-13): the operator compiles and submits, the authority
 * approves or rejects, the operator publishes and may withdraw. The allowed transitions are here
 * and nowhere else.
 */
enum DevelopmentState {
    DRAFT, SUBMITTED, APPROVED, REJECTED, PUBLISHED, WITHDRAWN;

    private static final Map<DevelopmentState, Set<DevelopmentState>> ALLOWED = new EnumMap<>(DevelopmentState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(SUBMITTED));
        ALLOWED.put(SUBMITTED, EnumSet.of(APPROVED, REJECTED));
        ALLOWED.put(APPROVED, EnumSet.of(PUBLISHED));
        ALLOWED.put(REJECTED, EnumSet.of(DRAFT));
        ALLOWED.put(PUBLISHED, EnumSet.of(WITHDRAWN));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(DevelopmentState.class));
    }

    boolean canMoveTo(DevelopmentState target) {
        return ALLOWED.get(this).contains(target);
    }

    boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Who may move an entry into this state: the authority decides, the operator does the rest. */
    Permission requiredPermission() {
        return this == APPROVED || this == REJECTED ? Permission.DEV_CATALOG_APPROVE : Permission.DEV_CATALOG_COMPILE;
    }
}
