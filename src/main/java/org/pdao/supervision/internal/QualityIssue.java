package org.pdao.supervision.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A data quality issue (a governance request, TZ-17) against a source unit's resource, in one
 * quality dimension (NJ-20); raised by an operator or developer, or automatically from a dataset's
 * profile ({@code checkCode} names the check).
 */
record QualityIssue(UUID id, @Nullable UUID resourceId, UUID sourceUnitId, String dimension,
        @Nullable String checkCode, String description, @Nullable UUID reporterOrgId, String reportedBy,
        boolean automatic, IssueState state, @Nullable String lastReason, Instant raisedAt, Instant updatedAt) {

    QualityIssue transitionTo(IssueState target, @Nullable String reason, Instant at) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state, target);
        }
        return new QualityIssue(id, resourceId, sourceUnitId, dimension, checkCode, description, reporterOrgId,
                reportedBy, automatic, target, reason, raisedAt, at);
    }
}
