package org.pdao.supervision.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A rectification task dispatched to a source unit (TZM-12): verify and correct by {@code dueOn}. */
record RectificationTask(UUID id, UUID issueId, UUID sourceUnitId, LocalDate dispatchedOn, LocalDate dueOn,
        @Nullable LocalDate rectifiedOn, @Nullable String note, boolean overdueAlerted, String dispatchedBy,
        Instant dispatchedAt) {

    boolean onTime() {
        return rectifiedOn != null && !rectifiedOn.isAfter(dueOn);
    }
}
