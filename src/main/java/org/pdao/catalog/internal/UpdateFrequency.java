package org.pdao.catalog.internal;

import java.time.Period;
import java.util.Optional;

/**
 * How often a resource is updated (更新频率), with the interval after which data not renewed counts
 * as stale (timeliness, NJ-20); on-demand data never goes stale.
 */
enum UpdateFrequency {
    REAL_TIME(Period.ofDays(1)), DAILY(Period.ofDays(1)), WEEKLY(Period.ofDays(7)), MONTHLY(Period.ofMonths(1)),
    QUARTERLY(Period.ofMonths(3)), YEARLY(Period.ofYears(1)), ON_DEMAND(null);

    private final Period interval;

    UpdateFrequency(Period interval) {
        this.interval = interval;
    }

    Optional<Period> interval() {
        return Optional.ofNullable(interval);
    }
}
