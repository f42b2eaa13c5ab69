package org.pdao.catalog.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A data need of a scenario that the development catalog does not meet (TZ-13), recorded by a
 * developer or the operator; the operator gathers them into a submission to the data authority.
 */
record UnmetNeed(UUID id, UUID operatorId, @Nullable UUID developerId, String scenario, String dataWanted,
        @Nullable UUID entryId, NeedState state, @Nullable UUID submissionId, String recordedBy, Instant recordedAt,
        Instant updatedAt) {

    UnmetNeed transitionTo(NeedState target, @Nullable UUID submission, Instant at) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state, target);
        }
        return new UnmetNeed(id, operatorId, developerId, scenario, dataWanted, entryId, target,
                submission == null ? submissionId : submission, recordedBy, recordedAt, at);
    }
}
