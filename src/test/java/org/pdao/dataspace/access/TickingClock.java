package org.pdao.dataspace.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock moved by an offset that tests change. Unlike {@code MutableClock} it keeps ticking, so
 * second factors (TOTP, computed by the test on the real clock) and workspace preparation times stay true
 * while a test jumps over a grant's term.
 */
final class TickingClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same moving instant seen in {@code zone} (returning {@code this} would answer dates in UTC). */
    @Override
    public Clock withZone(ZoneId zone) {
        return new org.pdao.support.ZonedView(this, zone);
    }
}
