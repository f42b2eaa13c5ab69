package org.pdao.authorization.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pdao.authorization.AgreementDirectory;
import org.pdao.authorization.AgreementSummary;
import org.springframework.stereotype.Service;

/**
 * {@link AgreementDirectory} answered from the tables at every call, with the term compared against the
 * platform clock: a suspension, revocation or termination is seen by the very next call, and an agreement
 * whose term has ended is out of force even before the expiry job has marked it.
 */
@Service
class LiveAgreementDirectory implements AgreementDirectory {

    private final Agreements agreements;
    private final Clock clock;

    LiveAgreementDirectory(Agreements agreements, Clock clock) {
        this.agreements = agreements;
        this.clock = clock;
    }

    @Override
    public Optional<AgreementSummary> find(UUID agreementId) {
        LocalDate today = today();
        return agreements.find(agreementId).map(a -> a.summary(today));
    }

    @Override
    public List<AgreementSummary> inForceFor(UUID organizationId) {
        LocalDate today = today();
        return agreements.ofParty(organizationId, List.of(AgreementState.EFFECTIVE)).stream()
                .filter(a -> a.inForceOn(today)).map(a -> a.summary(today)).toList();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE);
    }
}
