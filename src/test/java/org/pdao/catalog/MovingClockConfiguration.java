package org.pdao.catalog;

import java.time.Instant;
import org.pdao.support.TestClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The platform clock of {@link MovingClockApiTest}: a clock the tests move. */
@TestConfiguration
public class MovingClockConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return TestClock.frozenAt(Instant.now());
    }
}
