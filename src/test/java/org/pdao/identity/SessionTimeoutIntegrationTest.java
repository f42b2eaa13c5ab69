package org.pdao.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.pdao.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** Sessions end after the idle timeout and at their maximum age, whatever their use. */
@Import(SessionTimeoutIntegrationTest.Clocks.class)
class SessionTimeoutIntegrationTest extends ApiTest {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return TestClock.frozenAt(Instant.now());
        }
    }

    @Autowired
    TestClock clock;

    @Test
    void endsASessionLeftIdleLongerThanTheTimeout() {
        String token = login("developer");
        clock.advance(Duration.ofMinutes(29));
        assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        Api.Response idle = api.get("/api/v1/auth/me", token);
        assertThat(idle.status()).isEqualTo(401);
        assertThat(idle.text("code")).isEqualTo("identity.session-idle");
    }

    @Test
    void endsASessionAtItsMaximumAgeEvenWhenInUse() {
        String token = login("operator");
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofMinutes(29));
            if (api.get("/api/v1/auth/me", token).status() != 200) {
                break;
            }
        }
        Api.Response expired = api.get("/api/v1/auth/me", token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.text("code")).isEqualTo("identity.session-expired");
    }
}
