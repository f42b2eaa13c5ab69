package org.pdao.dataspace.internal.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A data request (TZ-14, SY-16): who asks ({@code requesterKind} DEVELOPER or OPERATOR), under which
 * agreement, for which scenario (described as clear, feasible and valuable), which columns of which zone
 * datasets, for what purpose and term, whether for raw data (源数据) and whether the data subjects' consent
 * is required; its state, the consents recorded and the grant it produced.
 */
record DataRequest(UUID id, UUID requesterOrganizationId, String requesterKind, UUID zoneId, UUID agreementId,
        String scenario, String scenarioDescription, String feasibility, String value, String purpose,
        LocalDate validFrom, LocalDate validUntil, boolean rawData, boolean consentRequired, RequestState state,
        @Nullable String reason, @Nullable String authorityConsentBy, @Nullable Instant authorityConsentAt,
        @Nullable String sourceUnitConsentBy, @Nullable Instant sourceUnitConsentAt, List<Table> tables,
        @Nullable UUID grantId, String createdBy, Instant createdAt) {

    DataRequest {
        tables = List.copyOf(tables);
    }

    /** The columns requested of one dataset, with the catalog resource it is tied to. */
    record Table(String dataset, UUID resourceId, List<String> columns) {

        Table {
            columns = List.copyOf(columns);
        }
    }

    boolean byOperator() {
        return "OPERATOR".equals(requesterKind);
    }
}
