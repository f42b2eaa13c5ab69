package org.pdao.identity;

import java.util.Optional;
import java.util.UUID;

/** Read access to organizations for other modules. */
public interface OrganizationDirectory {

    Optional<OrganizationSummary> find(UUID organizationId);

    OrganizationStanding standing(UUID organizationId);
}
