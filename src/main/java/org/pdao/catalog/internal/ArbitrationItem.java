package org.pdao.catalog.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A dispute the data authority decides (TZM-15 共享协调机制): a refused or late-reviewed sharing
 * request, or a data demand not answered in time (TZM-11).
 */
record ArbitrationItem(UUID id, Subject subjectType, UUID subjectId, Cause cause, ArbitrationState state,
        UUID sourceUnitId, UUID requesterId, String ruleId, Instant openedAt, @Nullable Ruling ruling,
        @Nullable String rulingReason, @Nullable String ruledBy, @Nullable Instant ruledAt) {

    enum Subject { DATA_DEMAND, SHARING_REQUEST }

    enum Cause { REFUSED, OVERDUE }

    /** The authority's decision: the data is supplied (shared) or not. */
    enum Ruling { SUPPLY, NO_SUPPLY }

    ArbitrationItem ruled(Ruling decision, String reason, String by, Instant at) {
        if (!state.canMoveTo(ArbitrationState.RULED)) {
            throw new IllegalTransition(state, ArbitrationState.RULED);
        }
        return new ArbitrationItem(id, subjectType, subjectId, cause, ArbitrationState.RULED, sourceUnitId,
                requesterId, ruleId, openedAt, decision, reason, by, at);
    }
}
