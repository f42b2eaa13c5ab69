package org.pdao.catalog.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A demand for public data not yet collected (TZM-11), addressed to one source unit, with its answer
 * and delivery deadlines (working days from the profile).
 */
record DataDemand(UUID id, String title, String description, String purpose, UUID sourceUnitId, UUID requesterId,
        String requestedBy, DemandState state, LocalDate receivedOn, LocalDate answerDue,
        @Nullable LocalDate answeredOn, @Nullable LocalDate deliveryDue, @Nullable LocalDate deliveredOn,
        @Nullable String answer, @Nullable String legalBasis, @Nullable UUID resourceId, boolean deliveryAlerted,
        Instant createdAt, Instant updatedAt) {

    /** The demand in {@code target}; refuses every transition the state table does not allow. */
    DataDemand transitionTo(DemandState target, Instant at) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state, target);
        }
        return new DataDemand(id, title, description, purpose, sourceUnitId, requesterId, requestedBy, target,
                receivedOn, answerDue, answeredOn, deliveryDue, deliveredOn, answer, legalBasis, resourceId,
                deliveryAlerted, createdAt, at);
    }

    DataDemand answered(LocalDate on, String text, @Nullable String basis, @Nullable LocalDate deliverBy) {
        return new DataDemand(id, title, description, purpose, sourceUnitId, requesterId, requestedBy, state,
                receivedOn, answerDue, on, deliverBy, deliveredOn, text, basis, resourceId, deliveryAlerted,
                createdAt, updatedAt);
    }

    DataDemand delivered(LocalDate on, @Nullable UUID resource, @Nullable String note) {
        return new DataDemand(id, title, description, purpose, sourceUnitId, requesterId, requestedBy, state,
                receivedOn, answerDue, answeredOn, deliveryDue, on, note == null ? answer : note, legalBasis,
                resource, deliveryAlerted, createdAt, updatedAt);
    }
}
