package org.pdao.dataspace.internal.gate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the platform database knows of a result in clear: whose it is, where it stands, its size and digests, why it
 * was held and who decided it. Its columns, rows and SQL are sealed (SM4) and only {@link ResultStore} opens them.
 */
record StoredResult(UUID id, UUID queryId, UUID workspaceId, UUID grantId, UUID zoneId, UUID developerOrganizationId,
        UUID operatorOrganizationId, @Nullable UUID submittedBy, ResultState state, boolean aggregateOnly, int rowCount,
        int columnCount, String resultSm3, @Nullable String releasedSm3, List<String> notes, List<String> holdReasons,
        @Nullable String policyRule, @Nullable LocalDate reviewDueOn, Instant submittedAt, @Nullable Instant decidedAt,
        @Nullable String decidedBy, @Nullable String decisionReason, @Nullable String decisionChange,
        @Nullable Double countNoiseBound, @Nullable Integer roundTo) {

    StoredResult {
        notes = List.copyOf(notes);
        holdReasons = List.copyOf(holdReasons);
    }

    boolean isReleased() {
        return state == ResultState.RELEASED || state == ResultState.RELEASED_WITH_CHANGE;
    }
}
