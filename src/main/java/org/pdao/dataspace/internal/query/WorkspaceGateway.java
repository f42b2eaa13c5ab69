package org.pdao.dataspace.internal.query;

import java.time.Duration;
import java.util.UUID;
import org.pdao.shared.Actor;

/**
 * The only way from the governed executor to a workspace's data. The workspace side implements it;
 * the executor calls it before every query, so a revoked agreement, an ended term or a withdrawn
 * consent refuses the very next call.
 */
public interface WorkspaceGateway {

    /**
     * The workspace, checked for use by {@code actor} now: the actor belongs to its developer, the
     * workspace is neither sealed nor destroyed, its grant, the grant's agreement and term are in force,
     * its consents hold and its compute quota is not spent. Otherwise throws a
     * {@link org.pdao.shared.ProblemException} naming the rule (e.g. TZ-11, NJ-13, NJ-16, SY-17).
     */
    QueryableWorkspace openForQuery(UUID workspaceId, Actor actor);

    /** Meters one query's use of the workspace (SY-17): wall time and the bytes it scanned or kept. */
    void meter(UUID workspaceId, Duration elapsed, long resultBytes);
}
