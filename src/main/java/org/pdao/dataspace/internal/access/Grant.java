package org.pdao.dataspace.internal.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A grant (数据使用授权): bound to the party (developer or operator), its agreement in force, one scenario,
 * one zone, the granted columns and a term; it ends at once when any of them ends. Its secret key (sealed
 * in the database) pseudonymises persons within this grant only.
 */
record Grant(UUID id, UUID requestId, UUID partyOrganizationId, UUID agreementId, String scenario, UUID zoneId,
        LocalDate validFrom, LocalDate validUntil, boolean rawData, boolean consentRequired, GrantState state,
        List<DataRequest.Table> tables, @Nullable Instant endedAt, @Nullable String endedReason,
        @Nullable String endedRule, Instant createdAt) {

    Grant {
        tables = List.copyOf(tables);
    }
}
