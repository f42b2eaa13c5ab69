package org.pdao.authorization;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What other modules may know of an authorization agreement (授权运营协议): who granted it to whom,
 * for which scenarios (应用场景) and zones, its term, and whether it is in force. {@code state} is the
 * agreement's lifecycle state name; {@code inForce} is true only while it is signed by both parties,
 * filed where the profile requires, within its term and neither suspended, terminated nor revoked.
 * {@code zoneCodes} names the zones by their code (e.g. {@code TZ-COMPREHENSIVE}) where the grantor did
 * not give zone ids; a zone is covered when its id is in {@code zoneIds} or its code in {@code zoneCodes}.
 */
public record AgreementSummary(
        UUID id,
        String number,
        AgreementTier tier,
        UUID grantorOrganizationId,
        UUID partyOrganizationId,
        List<String> scenarios,
        List<UUID> zoneIds,
        LocalDate validFrom,
        LocalDate validUntil,
        String state,
        boolean inForce,
        List<String> zoneCodes) {

    public AgreementSummary {
        scenarios = List.copyOf(scenarios);
        zoneIds = List.copyOf(zoneIds);
        zoneCodes = List.copyOf(zoneCodes);
    }

    /** The original shape (without zone codes), kept for callers that build summaries themselves. */
    public AgreementSummary(UUID id, String number, AgreementTier tier, UUID grantorOrganizationId,
            UUID partyOrganizationId, List<String> scenarios, List<UUID> zoneIds, LocalDate validFrom,
            LocalDate validUntil, String state, boolean inForce) {
        this(id, number, tier, grantorOrganizationId, partyOrganizationId, scenarios, zoneIds, validFrom, validUntil,
                state, inForce, List.of());
    }

    /** True when the agreement names this zone, by id or by code. */
    public boolean coversZone(UUID zoneId, String zoneCode) {
        return zoneIds.contains(zoneId) || zoneCodes.contains(zoneCode);
    }

    /** True when the agreement names this scenario (exact text). */
    public boolean coversScenario(String scenario) {
        return scenarios.contains(scenario);
    }
}
