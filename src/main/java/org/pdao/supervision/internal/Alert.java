package org.pdao.supervision.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An alert that a deadline-bound step is overdue, for the responsible organization, the supervising
 * authority and the security supervisors. {@code message} is the step described in the reader's language.
 */
record Alert(UUID id, String ruleId, String subjectType, String subjectId, String messageCode,
        @Nullable String message, UUID responsibleOrgId, @Nullable UUID supervisingOrgId, LocalDate dueOn,
        AlertState state, Instant raisedAt, Instant updatedAt, @Nullable String handledBy, @Nullable String note) {

    Alert transitionTo(AlertState target, String by, @Nullable String why, Instant at) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state, target);
        }
        return new Alert(id, ruleId, subjectType, subjectId, messageCode, message, responsibleOrgId, supervisingOrgId,
                dueOn, target, raisedAt, at, by, why);
    }

    Alert describedAs(@Nullable String text) {
        return new Alert(id, ruleId, subjectType, subjectId, messageCode, text, responsibleOrgId, supervisingOrgId,
                dueOn, state, raisedAt, updatedAt, handledBy, note);
    }
}
