package org.pdao.dataspace.internal.gate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actor;

/**
 * The output gate (输出审核): every result of a governed query stays in the trusted space until the gate
 * releases it. Results that passed every check and contain only aggregates over at least k persons are
 * released at once when the active profile allows it; all others wait for an operator reviewer who
 * approves, approves with a change, or rejects, with reasons. Released files carry the recipient's
 * watermark. The governed executor is the only caller of {@link #submit}.
 */
public interface OutputGate {

    /** Hands a computed result to the gate; it is sealed (SM4) at rest and either released or held for review. */
    GateDecision submit(ResultSubmission submission);

    /**
     * As {@link #submit(ResultSubmission)}, telling the gate the largest absolute noise the executor added to each count
     * ({@code null}: counts are exact). The recipient watermark varies counts by one only when this bound is at least
     * one, so that exact counts are never changed.
     */
    default GateDecision submit(ResultSubmission submission, @Nullable Double countNoiseBound) {
        return submit(submission);
    }

    /**
     * The released result of a query, checked for {@code actor} (a member of the workspace's developer
     * organization). Empty while it is held, after it was rejected, or if it never existed.
     */
    Optional<ReleasedResult> released(UUID queryId, Actor actor);

    /**
     * The released result as {@code actor} may take it away: watermarked for that user (noised values varied within
     * the noise; rows in the released order, group keys and texts unchanged) and registered as an issue, like a download. Responses that hand result
     * rows to a person should use this rather than {@link #released}, or the rows they show cannot be traced.
     */
    Optional<ReleasedResult> issued(UUID queryId, Actor actor);

    /**
     * Where the result of a query stands now, for {@code actor} (a member of the workspace's developer organization):
     * its state, why it was held, and the reviewer's reason once decided. Empty if it is not theirs or never existed.
     */
    Optional<GateStatus> status(UUID queryId, Actor actor);

    /**
     * Destroys every result of a workspace that is being destroyed (封存销毁, TZ-12), whatever its state: a held result
     * is never released afterwards, a released one can no longer be downloaded, and the sealed rows, changed versions
     * and SQL are erased with their keys. Each move is recorded and audited under {@code actor}'s name and
     * {@code reason}; the issue register stays for leak tracing. Runs in the caller's transaction.
     *
     * @return how many results were destroyed
     */
    int destroyResultsOf(UUID workspaceId, Actor actor, String reason);

    /** The current state of a result at the gate as its developer may see it (codes, never data values). */
    record GateStatus(UUID resultId, ResultState state, List<String> holdReasons, @Nullable String decisionReason,
            java.time.@Nullable Instant decidedAt) {
        public GateStatus {
            holdReasons = List.copyOf(holdReasons);
        }
    }

    /** The state alone of {@link #status}. */
    default Optional<ResultState> stateOf(UUID queryId, Actor actor) {
        return status(queryId, actor).map(GateStatus::state);
    }

    /** What the gate decided on submission. */
    record GateDecision(UUID resultId, ResultState state, List<String> reasons) {
        public GateDecision {
            reasons = List.copyOf(reasons);
        }
    }

    /** A released result as the recipient sees it (after any reviewer's change). */
    record ReleasedResult(UUID resultId, UUID queryId, List<ResultColumn> columns, List<List<Object>> rows) {
        public ReleasedResult {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }
}
