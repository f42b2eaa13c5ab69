package org.pdao.identity;

import java.util.UUID;

/**
 * Ends access at once: other modules (authorization on revocation, supervision on suspension)
 * call this so that no session of the organization survives.
 */
public interface AccessRevocation {

    /** Suspends the organization and ends every session of its users; returns how many ended. */
    int suspendOrganization(UUID organizationId, String reason);

    /** Ends every session of the organization's users without suspending it. */
    int endSessionsOf(UUID organizationId, String reason);
}
