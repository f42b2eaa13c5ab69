package org.pdao.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

class AuditSettingsTest {

    @Test
    void refusesARetentionShorterThanFiveYears() {
        assertThatThrownBy(() -> new AuditSettings("P4Y11M", 1000, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("five years");
        assertThatThrownBy(() -> new AuditSettings("P1000D", 1000, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsFiveYearsOrMore() {
        assertThat(new AuditSettings("P5Y", 1000, Duration.ofMinutes(1)).retention()).isEqualTo(Period.ofYears(5));
        assertThat(new AuditSettings("P60M", 1000, Duration.ofMinutes(1)).retention()).isEqualTo(Period.ofMonths(60));
        assertThat(new AuditSettings("P10Y", 10, Duration.ofMinutes(1)).checkpointEvery()).isEqualTo(10);
    }
}
