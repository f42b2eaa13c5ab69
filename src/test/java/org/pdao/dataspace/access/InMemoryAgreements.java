package org.pdao.dataspace.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.pdao.authorization.AgreementDirectory;
import org.pdao.authorization.AgreementEnded;
import org.pdao.authorization.AgreementSummary;
import org.pdao.authorization.AgreementTier;
import org.springframework.context.ApplicationEventPublisher;

/**
 * TEMPORARY, for these tests only, until the authorization module's directory is merged: agreements
 * held in memory that a test signs and revokes (publishing {@link AgreementEnded} as the real one does).
 */
final class InMemoryAgreements implements AgreementDirectory {

    private final Map<UUID, AgreementSummary> agreements = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    InMemoryAgreements(ApplicationEventPublisher events) {
        this.events = events;
    }

    AgreementSummary sign(UUID grantor, UUID party, List<String> scenarios, List<UUID> zones) {
        AgreementSummary agreement = new AgreementSummary(UUID.randomUUID(), "TEST-" + agreements.size(),
                AgreementTier.DEVELOPER, grantor, party, scenarios, zones, LocalDate.of(2026, 1, 1),
                LocalDate.of(2028, 12, 31), "IN_FORCE", true);
        agreements.put(agreement.id(), agreement);
        return agreement;
    }

    void revoke(UUID id) {
        AgreementSummary a = agreements.get(id);
        agreements.put(id, new AgreementSummary(a.id(), a.number(), a.tier(), a.grantorOrganizationId(),
                a.partyOrganizationId(), a.scenarios(), a.zoneIds(), a.validFrom(), a.validUntil(), "REVOKED", false));
        events.publishEvent(new AgreementEnded(id, a.partyOrganizationId(), a.tier(), "REVOCATION", "TZ-11",
                Instant.now()));
    }

    @Override
    public Optional<AgreementSummary> find(UUID agreementId) {
        return Optional.ofNullable(agreements.get(agreementId));
    }

    @Override
    public List<AgreementSummary> inForceFor(UUID organizationId) {
        return agreements.values().stream().filter(a -> a.inForce() && a.partyOrganizationId().equals(organizationId))
                .toList();
    }
}
