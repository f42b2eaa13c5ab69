package org.pdao.dataspace.internal.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pdao.shared.ProblemException;

/**
 * The life of a workspace: prepared (materialised) in the background, active for queries, refreshed
 * (prepared again, e.g. after a consent was withdrawn), sealed (封存: frozen, nothing runs) and destroyed
 * (销毁: its data deleted verifiably, a certificate in the audit log). A failed preparation may be retried.
 */
enum WorkspaceState {
    PREPARING, ACTIVE, FAILED, SEALED, DESTROYED;

    private static final Map<WorkspaceState, Set<WorkspaceState>> ALLOWED = new EnumMap<>(WorkspaceState.class);

    static {
        ALLOWED.put(PREPARING, EnumSet.of(ACTIVE, FAILED, SEALED));
        ALLOWED.put(ACTIVE, EnumSet.of(PREPARING, SEALED, DESTROYED));
        ALLOWED.put(FAILED, EnumSet.of(PREPARING, SEALED, DESTROYED));
        ALLOWED.put(SEALED, EnumSet.of(DESTROYED));
        ALLOWED.put(DESTROYED, EnumSet.noneOf(WorkspaceState.class));
    }

    boolean canMoveTo(WorkspaceState target) {
        return ALLOWED.get(this).contains(target);
    }

    boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    void checkMoveTo(WorkspaceState target) {
        if (!canMoveTo(target)) {
            throw ProblemException.conflict("workspace.transition-refused", name(), target.name());
        }
    }
}
