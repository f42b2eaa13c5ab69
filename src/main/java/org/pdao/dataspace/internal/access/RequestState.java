package org.pdao.dataspace.internal.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pdao.shared.ProblemException;

/**
 * The life of a data request (TZ-14, SY-16, NJ-15). A developer's request: submitted, approved by the
 * zone's operator, filed with the authority — the grant comes into force on filing. An operator's own
 * request: submitted, approved by the authority together with the source unit — the grant comes into
 * force on that approval. Rejections carry reasons; the requester may withdraw until a decision.
 */
enum RequestState {
    DRAFT, SUBMITTED, OPERATOR_APPROVED, FILED, AUTHORITY_APPROVED, REJECTED, WITHDRAWN;

    private static final Map<RequestState, Set<RequestState>> ALLOWED = new EnumMap<>(RequestState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN));
        ALLOWED.put(SUBMITTED, EnumSet.of(OPERATOR_APPROVED, AUTHORITY_APPROVED, REJECTED, WITHDRAWN));
        ALLOWED.put(OPERATOR_APPROVED, EnumSet.of(FILED, REJECTED));
        ALLOWED.put(FILED, EnumSet.noneOf(RequestState.class));
        ALLOWED.put(AUTHORITY_APPROVED, EnumSet.noneOf(RequestState.class));
        ALLOWED.put(REJECTED, EnumSet.noneOf(RequestState.class));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(RequestState.class));
    }

    boolean canMoveTo(RequestState target) {
        return ALLOWED.get(this).contains(target);
    }

    boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    void checkMoveTo(RequestState target) {
        if (!canMoveTo(target)) {
            throw ProblemException.conflict("workspace.transition-refused", name(), target.name());
        }
    }

    /** The states in which a grant rests on the request. */
    boolean grants() {
        return this == FILED || this == AUTHORITY_APPROVED;
    }
}
