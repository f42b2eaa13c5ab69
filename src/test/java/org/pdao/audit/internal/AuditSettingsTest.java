package org.pdao.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The audit retention can never be set below what the jurisdiction profile requires. */
@SpringBootTest
class AuditSettingsTest {

    @Autowired
    JurisdictionProfiles profiles;

    @Test
    void takesJilinsMinimumFromItsProfileWithTheRule() {
        AuditSettings.Minimum minimum = AuditSettings.minimumRetention(profiles.require("JL"));
        assertThat(minimum.period()).isEqualTo(Period.ofYears(5));
        assertThat(minimum.source()).isEqualTo("JL-exit");
    }

    @Test
    void fallsBackToThePlatformDefaultWhereTheTextIsSilent() {
        AuditSettings.Minimum minimum = AuditSettings.minimumRetention(profiles.require("TAIZHOU"));
        assertThat(minimum.period()).isEqualTo(Period.ofYears(5));
        assertThat(minimum.source()).contains("platform default");
    }

    @Test
    void refusesARetentionShorterThanTheProfileMinimum() {
        assertThatThrownBy(() -> new AuditSettings("P4Y11M", 1000, Duration.ofMinutes(1), profiles))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shorter than the minimum");
        assertThatThrownBy(() -> new AuditSettings("P1000D", 1000, Duration.ofMinutes(1), profiles))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptsTheMinimumOrMore() {
        assertThat(new AuditSettings("P5Y", 1000, Duration.ofMinutes(1), profiles).retention())
                .isEqualTo(Period.ofYears(5));
        assertThat(new AuditSettings("P60M", 1000, Duration.ofMinutes(1), profiles).retention())
                .isEqualTo(Period.ofMonths(60));
        assertThat(new AuditSettings("P10Y", 10, Duration.ofMinutes(1), profiles).checkpointEvery()).isEqualTo(10);
    }
}
