package org.pdao.authorization.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of a developer onboarding application (二级开发主体入驻, TZ-9): the applicant drafts it and uploads
 * its materials, submits it (the day the operator receives the materials starts the decision deadline), the
 * operator approves or rejects it with reasons, and files an approval with the authority. The applicant may
 * withdraw until the decision. The allowed transitions are here and nowhere else.
 */
public enum OnboardingState {
    DRAFT, SUBMITTED, APPROVED, REJECTED, FILED, WITHDRAWN;

    private static final Map<OnboardingState, Set<OnboardingState>> ALLOWED = new EnumMap<>(OnboardingState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN));
        ALLOWED.put(SUBMITTED, EnumSet.of(APPROVED, REJECTED, WITHDRAWN));
        ALLOWED.put(APPROVED, EnumSet.of(FILED));
        ALLOWED.put(REJECTED, EnumSet.noneOf(OnboardingState.class));
        ALLOWED.put(FILED, EnumSet.noneOf(OnboardingState.class));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(OnboardingState.class));
    }

    public boolean canMoveTo(OnboardingState target) {
        return ALLOWED.get(this).contains(target);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Admitted: the operator approved (whether or not the filing is done yet). */
    public boolean admitted() {
        return this == APPROVED || this == FILED;
    }
}
