package org.pdao.authorization.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an operator selection, carried by its announcement (授权运营公告, TZ-8 / SY-10 / NJ-7 / JL):
 * published, closed for applications, reviewed (qualification and expert review done and a candidate
 * proposed), approved by the government (recorded by the authority), publicized where the profile requires
 * publicity (JL) — an upheld objection sends it back to review — and the result published. The allowed
 * transitions are here and nowhere else.
 */
public enum AnnouncementState {
    DRAFT, PUBLISHED, CLOSED, REVIEWED, APPROVED, IN_PUBLICITY, RESULT_PUBLISHED, CANCELLED;

    private static final Map<AnnouncementState, Set<AnnouncementState>> ALLOWED =
            new EnumMap<>(AnnouncementState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(PUBLISHED, CANCELLED));
        ALLOWED.put(PUBLISHED, EnumSet.of(CLOSED, CANCELLED));
        ALLOWED.put(CLOSED, EnumSet.of(REVIEWED, CANCELLED));
        ALLOWED.put(REVIEWED, EnumSet.of(APPROVED, CLOSED, CANCELLED));
        ALLOWED.put(APPROVED, EnumSet.of(IN_PUBLICITY, RESULT_PUBLISHED));
        ALLOWED.put(IN_PUBLICITY, EnumSet.of(RESULT_PUBLISHED, CLOSED));
        ALLOWED.put(RESULT_PUBLISHED, EnumSet.noneOf(AnnouncementState.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(AnnouncementState.class));
    }

    public boolean canMoveTo(AnnouncementState target) {
        return ALLOWED.get(this).contains(target);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Guarded: the target, or {@link IllegalTransition}. */
    AnnouncementState next(AnnouncementState target) {
        if (!canMoveTo(target)) {
            throw new IllegalTransition(name(), target.name());
        }
        return target;
    }
}
