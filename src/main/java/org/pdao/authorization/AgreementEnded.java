package org.pdao.authorization;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (as a domain event, after the transition commits) when an agreement stops being in force:
 * expiry, termination, revocation, suspension or exit. Listeners close everything that rests on it
 * (grants, workspaces, product keys). {@code cause} is the lifecycle cause, {@code ruleId} the rule
 * applied (e.g. {@code TZ-11}, {@code TZ-27}).
 */
public record AgreementEnded(UUID agreementId, UUID partyOrganizationId, AgreementTier tier, String cause,
        String ruleId, Instant at) {}
