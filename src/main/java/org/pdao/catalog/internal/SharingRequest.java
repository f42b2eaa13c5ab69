package org.pdao.catalog.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A request to share a catalog resource for a statutory duty (TZM-15), reviewed by its source unit. */
record SharingRequest(UUID id, UUID resourceId, UUID sourceUnitId, UUID requesterId, String requestedBy,
        String purpose, String legalDuty, SharingState state, LocalDate receivedOn, LocalDate reviewDue,
        @Nullable LocalDate reviewedOn, @Nullable String reason, @Nullable String legalBasis, Instant createdAt,
        Instant updatedAt) {

    /** The request in {@code target}; refuses every transition the state table does not allow. */
    SharingRequest transitionTo(SharingState target, Instant at) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state, target);
        }
        return new SharingRequest(id, resourceId, sourceUnitId, requesterId, requestedBy, purpose, legalDuty,
                target, receivedOn, reviewDue, reviewedOn, reason, legalBasis, createdAt, at);
    }

    SharingRequest reviewed(@Nullable LocalDate on, @Nullable String why, @Nullable String basis) {
        return new SharingRequest(id, resourceId, sourceUnitId, requesterId, requestedBy, purpose, legalDuty, state,
                receivedOn, reviewDue, on == null ? reviewedOn : on, why, basis, createdAt, updatedAt);
    }
}
