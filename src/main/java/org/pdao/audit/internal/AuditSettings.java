package org.pdao.audit.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The audit log's settings: how long entries are kept ({@code pdao.audit.retention}, ISO period,
 * at least five years, JL-exit: logs kept in full for at least 5 years; the application refuses to
 * start below that) and how often the chain head is signed ({@code pdao.audit.checkpoint-every}
 * entries or {@code pdao.audit.checkpoint-interval}, whichever comes first).
 */
@Component
class AuditSettings {

    static final Period MINIMUM_RETENTION = Period.ofYears(5);
    private static final LocalDate REFERENCE = LocalDate.of(2000, 1, 1);

    private final Period retention;
    private final int checkpointEvery;
    private final Duration checkpointInterval;

    AuditSettings(@Value("${pdao.audit.retention:P5Y}") String retention,
            @Value("${pdao.audit.checkpoint-every:1000}") int checkpointEvery,
            @Value("${pdao.audit.checkpoint-interval:1m}") Duration checkpointInterval) {
        this.retention = checkedRetention(Period.parse(retention));
        if (checkpointEvery < 1) {
            throw new IllegalStateException("pdao.audit.checkpoint-every must be at least 1");
        }
        this.checkpointEvery = checkpointEvery;
        this.checkpointInterval = checkpointInterval;
    }

    static Period checkedRetention(Period p) {
        if (p.isNegative() || REFERENCE.plus(p).isBefore(REFERENCE.plus(MINIMUM_RETENTION))) {
            throw new IllegalStateException("pdao.audit.retention " + p
                    + " is shorter than the five years the regulations require (JL-exit)");
        }
        return p;
    }

    Period retention() {
        return retention;
    }

    int checkpointEvery() {
        return checkpointEvery;
    }

    Duration checkpointInterval() {
        return checkpointInterval;
    }
}
