package org.pdao.authorization.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A developer's onboarding application to an operator (TZ-9), with its deadlines. */
record OnboardingApplication(UUID id, String profileId, UUID applicantId, String applicantName, UUID operatorId,
        List<String> scenarios, String description, OnboardingState state, @Nullable LocalDate submittedOn,
        @Nullable LocalDate decisionDue, @Nullable LocalDate decidedOn, @Nullable String decidedBy,
        @Nullable String decisionReason, @Nullable String decisionLateReason, @Nullable LocalDate filingDue,
        @Nullable LocalDate filedOn, @Nullable UUID filedWithId, @Nullable String filingLateReason,
        boolean decisionOverdueNotified, boolean filingOverdueNotified, String createdBy, Instant createdAt,
        Instant updatedAt) {

    OnboardingApplication {
        scenarios = List.copyOf(scenarios);
    }

    /** The application in its next state; refuses every transition the state table does not allow. */
    OnboardingApplication transitionTo(OnboardingState target, Instant at) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state.name(), target.name());
        }
        return new OnboardingApplication(id, profileId, applicantId, applicantName, operatorId, scenarios, description,
                target, submittedOn, decisionDue, decidedOn, decidedBy, decisionReason, decisionLateReason, filingDue,
                filedOn, filedWithId, filingLateReason, decisionOverdueNotified, filingOverdueNotified, createdBy,
                createdAt, at);
    }

    boolean involves(@Nullable UUID organizationId) {
        return applicantId.equals(organizationId) || operatorId.equals(organizationId)
                || (filedWithId != null && filedWithId.equals(organizationId));
    }
}
