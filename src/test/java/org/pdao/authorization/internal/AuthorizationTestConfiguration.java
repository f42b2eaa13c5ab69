package org.pdao.authorization.internal;

import org.pdao.support.TestClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.pdao.authorization.AgreementEnded;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.context.event.EventListener;

/** One context for the authorization tests: a clock they move, and the {@link AgreementEnded} events seen. */
@TestConfiguration
public class AuthorizationTestConfiguration {

    /** Collects every {@link AgreementEnded} published. */
    public static class EndedEvents {
        private final List<AgreementEnded> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(AgreementEnded event) {
            seen.add(event);
        }

        public List<AgreementEnded> of(java.util.UUID agreementId) {
            return seen.stream().filter(e -> e.agreementId().equals(agreementId)).toList();
        }
    }

    /** Collects every {@link org.pdao.shared.DeadlineOverdue} published. */
    public static class OverdueEvents {
        private final List<org.pdao.shared.DeadlineOverdue> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(org.pdao.shared.DeadlineOverdue event) {
            seen.add(event);
        }

        public List<org.pdao.shared.DeadlineOverdue> of(String subjectId) {
            return seen.stream().filter(e -> e.subjectId().equals(subjectId)).toList();
        }
    }

    /** Collects every {@link org.pdao.authorization.AgreementRenewalDue} published. */
    public static class RenewalEvents {
        private final List<org.pdao.authorization.AgreementRenewalDue> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(org.pdao.authorization.AgreementRenewalDue event) {
            seen.add(event);
        }

        public List<org.pdao.authorization.AgreementRenewalDue> of(java.util.UUID agreementId) {
            return seen.stream().filter(e -> e.agreementId().equals(agreementId)).toList();
        }
    }

    @Bean
    RenewalEvents renewalEvents() {
        return new RenewalEvents();
    }

    @Bean
    OverdueEvents overdueEvents() {
        return new OverdueEvents();
    }

    @Bean
    @Primary
    TestClock testClock() {
        return TestClock.ticking();
    }

    @Bean
    EndedEvents endedEvents() {
        return new EndedEvents();
    }
}
