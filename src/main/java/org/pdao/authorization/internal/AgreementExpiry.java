package org.pdao.authorization.internal;

import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks agreements whose term has ended as expired (which ends the party's sessions and publishes
 * {@code AgreementEnded}). Access never waits for it: {@link LiveAgreementDirectory} already compares the
 * term with the clock.
 */
@Component
class AgreementExpiry {

    private static final Logger log = LoggerFactory.getLogger(AgreementExpiry.class);
    private final AgreementLifecycle lifecycle;

    AgreementExpiry(AgreementLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Scheduled(initialDelayString = "${pdao.authorization.expiry-check:PT5M}",
            fixedDelayString = "${pdao.authorization.expiry-check:PT5M}")
    void expireDue() {
        Actors.runAs(Actor.system(), () -> {
            int expired = lifecycle.expireDue(Actor.system());
            if (expired > 0) {
                log.info("{} agreement(s) expired", expired);
            }
        });
    }
}
