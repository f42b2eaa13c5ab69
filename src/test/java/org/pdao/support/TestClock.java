package org.pdao.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * The one clock of tests that move time: the platform's {@code Clock} bean replaced by this, so tests reach
 * deadlines, terms and timeouts without waiting.
 *
 * <ul>
 *   <li>{@link #ticking()}: real time plus an offset the test moves ({@link #advance}, {@link #moveTo}). Time
 *       keeps running, so anything computed on the real clock (second factors in tests that do not compute
 *       them on this clock, preparation times, session ages) stays true while the offset is zero.</li>
 *   <li>{@link #frozenAt(Instant)}: stands still at an instant until moved; for tests that need the same
 *       instant across several calls. Sign-ins must then compute TOTP codes at {@link #instant()}
 *       ({@code MovingClockApiTest} does).</li>
 * </ul>
 *
 * Views from {@link #withZone} share the same time and really are in the zone asked for, so
 * {@code LocalDate.now(clock.withZone(CHINA))} is the date in China, also between 16:00 and 24:00 UTC.
 */
public final class TestClock extends Clock {

    private static final class Time {
        private volatile Duration offset = Duration.ZERO;
        private volatile @Nullable Instant frozenAt;
    }

    private final Time time;
    private final ZoneId zone;

    private TestClock(Time time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
    }

    /** Real time plus an offset (zero to begin with). */
    public static TestClock ticking() {
        return new TestClock(new Time(), ZoneOffset.UTC);
    }

    /** Standing still at {@code start} until moved. */
    public static TestClock frozenAt(Instant start) {
        Time time = new Time();
        time.frozenAt = start;
        return new TestClock(time, ZoneOffset.UTC);
    }

    /** Moves time forwards (or backwards, for a negative duration). */
    public void advance(Duration by) {
        synchronized (time) {
            Instant frozen = time.frozenAt;
            if (frozen != null) {
                time.frozenAt = frozen.plus(by);
            } else {
                time.offset = time.offset.plus(by);
            }
        }
    }

    /** Moves time to {@code target}; a ticking clock goes on ticking from there. */
    public void moveTo(Instant target) {
        advance(Duration.between(instant(), target));
    }

    /** Back to real time with no offset (a frozen clock stays frozen, at the real now). */
    public void reset() {
        synchronized (time) {
            time.offset = Duration.ZERO;
            if (time.frozenAt != null) {
                time.frozenAt = Instant.now();
            }
        }
    }

    @Override
    public Instant instant() {
        Instant frozen = time.frozenAt;
        return frozen != null ? frozen : Instant.now().plus(time.offset);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new TestClock(time, zone);
    }
}
