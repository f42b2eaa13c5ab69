package org.pdao.authorization.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Real time plus an offset that tests move, so deadlines and terms can be passed while everything else
 * (TOTP codes of the demo accounts, session ages) keeps running on real time when the offset is zero.
 */
public final class ShiftedClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    public void advance(Duration by) {
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

    @Override
    public Clock withZone(ZoneId zone) {
        return new org.pdao.support.ZonedView(this, zone);
    }
}
