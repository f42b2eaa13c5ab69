package org.pdao.supervision.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a quality issue (TZ-17, SY-11, TZM-12): reported as a governance request; the authority
 * dispatches a rectification task to the source unit (or dismisses an unreasonable request); the
 * source unit reports the correction; the reporter confirms it or reopens the issue, which
 * dispatches a new task. The allowed transitions are here and nowhere else.
 */
enum IssueState {
    REPORTED, DISPATCHED, RECTIFIED, CONFIRMED, DISMISSED;

    private static final Map<IssueState, Set<IssueState>> ALLOWED = new EnumMap<>(IssueState.class);

    static {
        ALLOWED.put(REPORTED, EnumSet.of(DISPATCHED, DISMISSED));
        ALLOWED.put(DISPATCHED, EnumSet.of(RECTIFIED));
        ALLOWED.put(RECTIFIED, EnumSet.of(CONFIRMED, DISPATCHED));
        ALLOWED.put(CONFIRMED, EnumSet.noneOf(IssueState.class));
        ALLOWED.put(DISMISSED, EnumSet.noneOf(IssueState.class));
    }

    boolean canMoveTo(IssueState target) {
        return ALLOWED.get(this).contains(target);
    }

    boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }
}
