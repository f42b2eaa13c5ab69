package org.pdao.authorization;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What other modules may know of an authorization agreement (授权运营协议): who granted it to whom,
 * for which scenarios (应用场景) and zones, its term, and whether it is in force. {@code state} is the
 * agreement's lifecycle state name; {@code inForce} is true only while it is signed by both parties,
 * filed where the profile requires, within its term and neither suspended, terminated nor revoked.
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
        boolean inForce) {

    public AgreementSummary {
        scenarios = List.copyOf(scenarios);
        zoneIds = List.copyOf(zoneIds);
    }
}
