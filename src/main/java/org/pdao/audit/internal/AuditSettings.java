package org.pdao.audit.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.LimitUnit;
import org.pdao.jurisdiction.TimeLimit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The audit log's settings: how long entries are kept ({@code pdao.audit.retention}, ISO period) and
 * how often the chain head is signed ({@code pdao.audit.checkpoint-every} entries or
 * {@code pdao.audit.checkpoint-interval}, whichever comes first). The retention may not be shorter
 * than the active jurisdiction profile's {@code log.retention.min} (JL-exit: 5 years) or, where the
 * text is silent, the profile's platform default {@code audit.retention.min}; the application
 * refuses to start below that.
 */
@Component
class AuditSettings {

    private static final LocalDate REFERENCE = LocalDate.of(2000, 1, 1);

    private final Period retention;
    private final int checkpointEvery;
    private final Duration checkpointInterval;

    AuditSettings(@Value("${pdao.audit.retention:P5Y}") String retention,
            @Value("${pdao.audit.checkpoint-every:1000}") int checkpointEvery,
            @Value("${pdao.audit.checkpoint-interval:1m}") Duration checkpointInterval,
            JurisdictionProfiles profiles) {
        this.retention = checkedRetention(Period.parse(retention), minimumRetention(profiles.active()));
        if (checkpointEvery < 1) {
            throw new IllegalStateException("pdao.audit.checkpoint-every must be at least 1");
        }
        this.checkpointEvery = checkpointEvery;
        this.checkpointInterval = checkpointInterval;
    }

    /** The shortest retention the profile allows, and the rule or note it comes from. */
    static Minimum minimumRetention(JurisdictionProfile profile) {
        if (profile.has("log.retention.min")) {
            var limit = profile.timeLimit("log.retention.min");
            return new Minimum(period(limit.value()), limit.rule().id());
        }
        return new Minimum(period((TimeLimit) profile.platformDefault("audit.retention.min")),
                profile.id() + " platform default");
    }

    record Minimum(Period period, String source) {}

    static Period checkedRetention(Period p, Minimum minimum) {
        if (p.isNegative() || REFERENCE.plus(p).isBefore(REFERENCE.plus(minimum.period()))) {
            throw new IllegalStateException("pdao.audit.retention " + p + " is shorter than the minimum "
                    + minimum.period() + " (" + minimum.source() + ")");
        }
        return p;
    }

    private static Period period(TimeLimit limit) {
        if (limit.unit() == LimitUnit.YEARS) {
            return Period.ofYears((int) limit.amount());
        }
        if (limit.unit() == LimitUnit.MONTHS) {
            return Period.ofMonths((int) limit.amount());
        }
        return Period.ofDays((int) limit.amount());
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
