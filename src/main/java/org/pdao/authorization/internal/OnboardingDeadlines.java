package org.pdao.authorization.internal;

import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Checks onboarding deadlines and publishes {@code DeadlineOverdue} for every step left open past its deadline. */
@Component
class OnboardingDeadlines {

    private final DeveloperOnboarding onboarding;

    OnboardingDeadlines(DeveloperOnboarding onboarding) {
        this.onboarding = onboarding;
    }

    @Scheduled(initialDelayString = "${pdao.authorization.deadline-check:PT10M}",
            fixedDelayString = "${pdao.authorization.deadline-check:PT10M}")
    void check() {
        Actors.runAs(Actor.system(), onboarding::publishOverdue);
    }
}
