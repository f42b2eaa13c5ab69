package org.pdao.authorization.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One filing (备案) step: {@code filedBy} owes the filing of a subject (a plan, an agreement, an onboarding
 * approval, a data-request approval, or a batch of filings aggregated by a city) to {@code filedWith} by
 * {@code dueOn}, under {@code ruleId}; the receiving authority acknowledges it with a receipt. Where a chain
 * runs up the levels (JL county → city → province), the next step points back with {@code previousStepId};
 * a step filed as part of a city's aggregate carries the aggregate's id in {@code batchId}.
 */
record Filing(UUID id, String profileId, String subjectType, UUID subjectId, String subjectTitle, String chain,
        String ruleId, UUID filedById, @Nullable UUID filedWithId, @Nullable LocalDate dueOn, FilingState state,
        @Nullable UUID previousStepId, @Nullable UUID batchId, @Nullable LocalDate filedOn, @Nullable String filedBy,
        @Nullable String lateReason, @Nullable String note, @Nullable String receiptNumber,
        @Nullable String receivedBy, @Nullable LocalDate receivedOn, @Nullable String returnReason,
        boolean overdueNotified, Instant createdAt, Instant updatedAt) {

    static final String BATCH = "filing-batch";

    boolean involves(@Nullable UUID organizationId) {
        return filedById.equals(organizationId) || (filedWithId != null && filedWithId.equals(organizationId));
    }

    boolean overdueOn(LocalDate today) {
        return dueOn != null && (state == FilingState.DUE || state == FilingState.RETURNED) && today.isAfter(dueOn);
    }
}
