package org.pdao.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TestClockTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Test
    void aFrozenClockStandsStillUntilMovedAndItsZonedViewsShareItsTime() {
        TestClock clock = TestClock.frozenAt(Instant.parse("2026-12-02T17:00:00Z"));
        assertThat(clock.instant()).isEqualTo(clock.instant()).isEqualTo(Instant.parse("2026-12-02T17:00:00Z"));
        // 01:00 on 3 December in China
        assertThat(LocalDate.now(clock.withZone(CHINA))).isEqualTo(LocalDate.parse("2026-12-03"));
        assertThat(LocalDate.now(clock)).isEqualTo(LocalDate.parse("2026-12-02"));
        java.time.Clock china = clock.withZone(CHINA);
        clock.advance(Duration.ofDays(2));
        assertThat(china.instant()).isEqualTo(Instant.parse("2026-12-04T17:00:00Z"));
        clock.moveTo(Instant.parse("2025-09-30T01:00:00Z"));
        assertThat(LocalDate.now(china)).isEqualTo(LocalDate.parse("2025-09-30"));
    }

    @Test
    void aTickingClockRunsOnRealTimePlusItsOffset() {
        TestClock clock = TestClock.ticking();
        Instant before = Instant.now();
        assertThat(clock.instant()).isBetween(before, Instant.now());
        clock.advance(Duration.ofDays(3));
        assertThat(Duration.between(Instant.now(), clock.instant())).isBetween(Duration.ofDays(3).minusMinutes(1),
                Duration.ofDays(3).plusMinutes(1));
        clock.reset();
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofMinutes(1));
    }
}
