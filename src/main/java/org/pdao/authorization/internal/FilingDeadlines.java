package org.pdao.authorization.internal;

import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Checks filing deadlines and publishes {@code DeadlineOverdue} for every filing step left open past its deadline. */
@Component
class FilingDeadlines {

    private final Filings filings;

    FilingDeadlines(Filings filings) {
        this.filings = filings;
    }

    @Scheduled(initialDelayString = "${pdao.authorization.deadline-check:PT10M}",
            fixedDelayString = "${pdao.authorization.deadline-check:PT10M}")
    void check() {
        Actors.runAs(Actor.system(), filings::publishOverdue);
    }
}
