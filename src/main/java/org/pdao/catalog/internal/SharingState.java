package org.pdao.catalog.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a sharing request (TZM-15): the resource's source unit reviews it within the review
 * deadline; a refusal, or a review not done in time (ESCALATED), goes to the data authority, whose
 * ruling decides whether the data is shared. The allowed transitions are here and nowhere else.
 */
enum SharingState {
    SUBMITTED, APPROVED, REFUSED, ESCALATED, RULED_SHARED, RULED_NOT_SHARED, WITHDRAWN;

    private static final Map<SharingState, Set<SharingState>> ALLOWED = new EnumMap<>(SharingState.class);

    static {
        ALLOWED.put(SUBMITTED, EnumSet.of(APPROVED, REFUSED, ESCALATED, WITHDRAWN));
        ALLOWED.put(REFUSED, EnumSet.of(RULED_SHARED, RULED_NOT_SHARED));
        ALLOWED.put(ESCALATED, EnumSet.of(RULED_SHARED, RULED_NOT_SHARED));
        ALLOWED.put(APPROVED, EnumSet.noneOf(SharingState.class));
        ALLOWED.put(RULED_SHARED, EnumSet.noneOf(SharingState.class));
        ALLOWED.put(RULED_NOT_SHARED, EnumSet.noneOf(SharingState.class));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(SharingState.class));
    }

    boolean canMoveTo(SharingState target) {
        return ALLOWED.get(this).contains(target);
    }

    boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }
}
