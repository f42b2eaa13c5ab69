package org.pdao.catalog.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An entry of the development catalog (开发数据目录): chosen fields of one resource, with its state. */
record DevelopmentEntry(UUID id, String title, String description, UUID resourceId, List<String> fieldNames,
        UUID operatorId, DevelopmentState state, @Nullable Consent consent, @Nullable String lastReason,
        String createdBy, Instant createdAt, Instant updatedAt) {

    DevelopmentEntry {
        fieldNames = List.copyOf(fieldNames);
    }

    /** The entry in its next state; refuses every transition the state table does not allow. */
    DevelopmentEntry transitionTo(DevelopmentState target, @Nullable String reason, Instant at) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransition(state, target);
        }
        return new DevelopmentEntry(id, title, description, resourceId, fieldNames, operatorId, target, consent,
                reason, createdBy, createdAt, at);
    }

    /** A transition that the state table does not allow. */
    static final class IllegalTransition extends RuntimeException {
        private final DevelopmentState from;
        private final DevelopmentState to;

        IllegalTransition(DevelopmentState from, DevelopmentState to) {
            super(from + " -> " + to);
            this.from = from;
            this.to = to;
        }

        DevelopmentState from() {
            return from;
        }

        DevelopmentState to() {
            return to;
        }
    }
}
