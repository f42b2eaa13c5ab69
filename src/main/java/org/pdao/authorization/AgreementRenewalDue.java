package org.pdao.authorization;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Published once per agreement when its party should re-apply soon: {@code reapplyBy} is the last day to
 * re-apply under the profile's rule (TZ-11: at least 3 months before expiry; SY-10: before expiry).
 * Supervision or notification modules turn it into a reminder for the party and the grantor.
 */
public record AgreementRenewalDue(UUID agreementId, UUID partyOrganizationId, UUID grantorOrganizationId,
        LocalDate validUntil, LocalDate reapplyBy, String ruleId) {}
