package org.pdao.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A test clock seen in another time zone: the same (moving) instant, dates in {@code zone}. Test clocks
 * return it from {@code withZone}, so that code asking {@code LocalDate.now(clock.withZone(Asia/Shanghai))}
 * gets the Shanghai date and not the UTC one (which differs every day from 16:00 UTC).
 */
public final class ZonedView extends Clock {

    private final Clock source;
    private final ZoneId zone;

    public ZonedView(Clock source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return source.instant();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new ZonedView(source, other);
    }
}
