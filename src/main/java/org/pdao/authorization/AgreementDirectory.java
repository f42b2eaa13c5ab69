package org.pdao.authorization;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Read access to agreements for other modules. Answers from the current state, so a caller that
 * asks at every use (the governed executor, product keys) sees a revocation at once.
 */
public interface AgreementDirectory {

    Optional<AgreementSummary> find(UUID agreementId);

    /** The agreements in force today where {@code organizationId} is the authorized party. */
    List<AgreementSummary> inForceFor(UUID organizationId);
}
