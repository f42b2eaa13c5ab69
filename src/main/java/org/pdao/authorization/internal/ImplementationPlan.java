package org.pdao.authorization.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.identity.AuthorityLevel;

/**
 * One version of an implementation plan (实施方案, JL-plan): the authorization model it defines (整体授权、分领域授权、
 * 依场景授权) with its domain or scenarios, the data authority of its level ({@code authorityId}, who submits it to
 * the government of that level and files it), the agency it guides, and the government's approval. All versions
 * of one plan share {@code planKey}; a revision supersedes the approved version it changes.
 */
record ImplementationPlan(UUID id, UUID planKey, int version, String profileId, String title, String model,
        @Nullable String domain, List<String> scenarios, UUID drafterId, UUID authorityId, AuthorityLevel level,
        @Nullable UUID agencyId, PlanState state, @Nullable UUID supersedesId, @Nullable String changeReason,
        @Nullable String governmentReference, @Nullable String collectiveDecision, @Nullable LocalDate approvedOn,
        @Nullable String approvedBy, @Nullable LocalDate filedOn, String createdBy, Instant createdAt,
        Instant updatedAt) {

    static final String SUBJECT = "implementation-plan";

    ImplementationPlan {
        scenarios = List.copyOf(scenarios);
    }

    boolean involves(@Nullable UUID organizationId) {
        return drafterId.equals(organizationId) || authorityId.equals(organizationId)
                || (agencyId != null && agencyId.equals(organizationId));
    }

    /** Approved (and possibly filed) and not superseded: the plan selection and agreements follow. */
    boolean inEffect() {
        return state == PlanState.APPROVED || state == PlanState.FILED;
    }
}
