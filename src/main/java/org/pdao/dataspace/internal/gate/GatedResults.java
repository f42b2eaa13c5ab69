package org.pdao.dataspace.internal.gate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The output gate (输出审核): results are sealed in the {@link ResultStore} on submission, released at once when the
 * {@link ReleasePolicy} allows it and held for a reviewer otherwise. A reviewer belongs to the zone operator of the
 * result's workspace and not to its developer organization; every move goes through {@link ResultTransitions} and is
 * recorded (who, when, why, rule) in the result's history and the audit log.
 */
@Service
class GatedResults implements OutputGate {

    /** A reviewer's decision. */
    enum Decision {
        APPROVE(ResultState.RELEASED), APPROVE_WITH_CHANGE(ResultState.RELEASED_WITH_CHANGE), REJECT(ResultState.REJECTED);

        final ResultState target;

        Decision(ResultState target) {
            this.target = target;
        }
    }

    /** A held result as its reviewer sees it: the rows, the SQL and the executor's notes. */
    record Held(StoredResult result, ResultCodec.Table table, String sql) {}

    private final ResultStore store;
    private final ResultIssues issues;
    private final ReleasePolicy policy;
    private final ZoneDatasets zones;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    GatedResults(ResultStore store, ResultIssues issues, ReleasePolicy policy, ZoneDatasets zones, JdbcClient jdbc, AuditTrail audit,
            Clock clock) {
        this.store = store;
        this.issues = issues;
        this.policy = policy;
        this.zones = zones;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public GateDecision submit(ResultSubmission submission) {
        return submit(submission, null);
    }

    @Override
    @Transactional
    public GateDecision submit(ResultSubmission submission, @Nullable Double countNoiseBound) {
        if (store.ofQuery(submission.queryId()).isPresent()) {
            throw ProblemException.conflict("gate.result.exists");
        }
        Zone zone = zoneOfGrant(submission.grantId());
        ReleasePolicy.Verdict verdict = policy.judge(submission);
        ResultState state = verdict.release() ? ResultState.RELEASED : ResultState.PENDING_REVIEW;
        ResultTransitions.check(null, state, verdict.rule());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        ReleasePolicy.ReviewDeadline due = verdict.release() ? null : policy.reviewDeadline(policy.today());
        ResultCodec.Table table = ResultCodec.normalised(submission.columns(), submission.rows());
        StoredResult stored = new StoredResult(id, submission.queryId(), submission.workspaceId(), submission.grantId(),
                zone.id(), submission.developerOrganizationId(), zone.operatorOrganizationId(),
                submission.submittedBy(), state, submission.aggregateOnly(), table.rows().size(),
                table.columns().size(), "", null, submission.notes(), verdict.holdReasons(), verdict.rule().id(),
                due == null ? null : due.dueOn(), now, verdict.release() ? now : null,
                verdict.release() ? "system" : null, null, null, countNoiseBound, null);
        store.insert(stored, table, submission.sql());
        String reason = verdict.release() ? "gate.release.automatic" : String.join(",", verdict.holdReasons());
        history(id, null, state, "system", submission.submittedBy(), null, reason, verdict.rule(), now);
        AuditEvent event = AuditEvent.of("dataspace.output-" + slug(state), "query-result", id)
                .underRule(verdict.rule().id()).because(reason).with("query", submission.queryId())
                .with("workspace", submission.workspaceId()).with("rows", table.rows().size())
                .with("aggregateOnly", submission.aggregateOnly());
        audit.record(due == null ? event : event.with("reviewDueOn", due.dueOn()));
        return new GateDecision(id, state, verdict.holdReasons());
    }

    @Override
    public Optional<ReleasedResult> released(UUID queryId, Actor actor) {
        return store.ofQuery(queryId)
                .filter(r -> r.developerOrganizationId().equals(actor.organizationId()))
                .filter(StoredResult::isReleased)
                .map(r -> {
                    ResultCodec.Table table = store.released(r);
                    return new ReleasedResult(r.id(), r.queryId(), table.columns(), table.rows());
                });
    }

    @Override
    public Optional<ReleasedResult> issued(UUID queryId, Actor actor) {
        return store.ofQuery(queryId)
                .filter(r -> r.developerOrganizationId().equals(actor.organizationId()) && actor.userId() != null)
                .filter(StoredResult::isReleased)
                .map(r -> issues.rows(actor, r));
    }

    @Override
    public Optional<GateStatus> status(UUID queryId, Actor actor) {
        return ofQuery(queryId, actor).map(r -> new GateStatus(r.id(), r.state(), r.holdReasons(), r.decisionReason(),
                r.decidedAt()));
    }

    @Override
    public Optional<ResultState> stateOf(UUID queryId, Actor actor) {
        return ofQuery(queryId, actor).map(StoredResult::state);
    }

    /** The state of the result of a query, for its developer (empty if it is not theirs or does not exist). */
    Optional<StoredResult> ofQuery(UUID queryId, Actor actor) {
        return store.ofQuery(queryId).filter(r -> r.developerOrganizationId().equals(actor.organizationId()));
    }

    /** Results of the reviewer's operator in {@code state}, oldest first. */
    Page<StoredResult> reviews(Actor reviewer, ResultState state, int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        if (reviewer.organizationId() == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "gate.review.not-operator", policy.rule());
        }
        return new Page<>(store.page(reviewer.organizationId(), state, page, size), page, size,
                store.count(reviewer.organizationId(), state));
    }

    /** A result with its rows as held, to a reviewer of the workspace's operator only. */
    Held held(Actor reviewer, UUID resultId) {
        StoredResult r = store.require(resultId);
        checkReviewer(reviewer, r);
        audit.record(AuditEvent.of("dataspace.output-review-read", "query-result", resultId).by(reviewer)
                .underRule(policy.rule().id()).with("query", r.queryId()));
        return new Held(r, store.original(r), store.sql(r));
    }

    /** One move of a result between states (who, when, why, rule). */
    record Transition(@Nullable ResultState from, ResultState to, String actor, @Nullable String reason, String rule,
            Instant at) {}

    /** The history of a result and the registry of its issues (去向可查), to a reviewer of the workspace's operator. */
    record Trail(List<Transition> transitions, List<org.pdao.dataspace.internal.gate.watermark.IssuedMarks.Issue> issues) {}

    Trail trail(Actor reviewer, UUID resultId, org.pdao.dataspace.internal.gate.watermark.IssuedMarks marks) {
        StoredResult r = store.require(resultId);
        checkReviewer(reviewer, r);
        List<Transition> moves = jdbc.sql("select * from dataspace_gate_transition where result_id = ? order by at, id")
                .param(resultId).query((rs, n) -> new Transition(
                        rs.getString("from_state") == null ? null : ResultState.valueOf(rs.getString("from_state")),
                        ResultState.valueOf(rs.getString("to_state")), rs.getString("actor"), rs.getString("reason"),
                        rs.getString("rule_id"), rs.getTimestamp("at").toInstant())).list();
        return new Trail(moves, marks.ofResult(resultId));
    }

    /** A reviewer's decision: approve, approve with a change (applied to what is released) or reject. */
    @Transactional
    StoredResult decide(Actor reviewer, UUID resultId, Decision decision, @Nullable String reason,
            @Nullable ReviewChange change) {
        StoredResult r = store.require(resultId);
        checkReviewer(reviewer, r);
        RuleRef rule = policy.rule();
        String why = reason == null ? null : reason.strip();
        if (decision != Decision.APPROVE && (why == null || why.isEmpty())) {
            throw ProblemException.badRequest("gate.decision.reason-required", decision.name());
        }
        if (why != null && why.length() > 2000) {
            throw ProblemException.badRequest("gate.decision.reason-too-long", 2000);
        }
        if (decision == Decision.APPROVE_WITH_CHANGE && change == null) {
            throw ProblemException.badRequest("gate.change.empty");
        }
        if (decision != Decision.APPROVE_WITH_CHANGE && change != null && !change.isEmpty()) {
            throw ProblemException.badRequest("gate.change.only-with-change");
        }
        ResultTransitions.check(r.state(), decision.target, rule);
        ResultCodec.Table changed = null;
        if (decision == Decision.APPROVE_WITH_CHANGE) {
            ResultCodec.Table original = store.original(r);
            change.checkAgainst(original);
            changed = change.apply(original);
        }
        Instant now = clock.instant();
        boolean moved = store.decide(resultId, r.state(), decision.target, now, reviewer.username(),
                reviewer.userId(), why, change == null ? null : change.describe(),
                change == null ? null : change.roundTo(), changed);
        if (!moved) {
            throw new ProblemException(HttpStatus.CONFLICT, "gate.transition.concurrent", rule);
        }
        history(resultId, r.state(), decision.target, reviewer.username(), reviewer.userId(),
                reviewer.organizationId(), why, rule, now);
        AuditEvent event = AuditEvent.of("dataspace.output-" + slug(decision.target), "query-result", resultId)
                .by(reviewer).underRule(rule.id()).with("query", r.queryId()).with("from", r.state())
                .with("to", decision.target).with("decision", decision);
        event = change == null ? event : event.with("change", change.describe())
                .with("releasedRows", changed.rows().size()).with("releasedColumns", changed.columns().size());
        audit.record(why == null ? event : event.because(why));
        return store.require(resultId);
    }

    @Override
    @Transactional
    public int destroyResultsOf(UUID workspaceId, Actor actor, String reason) {
        RuleRef rule = ResultStore.DESTROYED_WITH_WORKSPACE;
        int destroyed = 0;
        for (StoredResult r : store.ofWorkspace(workspaceId)) {
            ResultTransitions.check(r.state(), ResultState.DESTROYED, rule);
            Instant now = clock.instant();
            if (!store.destroy(r.id(), r.state(), now)) {
                throw new ProblemException(HttpStatus.CONFLICT, "gate.transition.concurrent", rule);
            }
            history(r.id(), r.state(), ResultState.DESTROYED, actor.username(), actor.userId(), actor.organizationId(),
                    reason, rule, now);
            audit.record(AuditEvent.of("dataspace.output-destroyed", "query-result", r.id()).by(actor)
                    .underRule(rule.id()).because(reason).with("query", r.queryId()).with("workspace", workspaceId)
                    .with("from", r.state()).with("resultSm3", r.resultSm3()));
            destroyed++;
        }
        return destroyed;
    }

    /** A reviewer is a member of the workspace's zone operator and not of the result's developer organization. */
    private void checkReviewer(Actor reviewer, StoredResult r) {
        UUID org = reviewer.organizationId();
        if (org != null && org.equals(r.developerOrganizationId())) {
            refuseReview(reviewer, r, "gate.review.own-organization");
        }
        if (org == null || !org.equals(r.operatorOrganizationId())) {
            refuseReview(reviewer, r, "gate.review.not-operator");
        }
    }

    private void refuseReview(Actor reviewer, StoredResult r, String code) {
        RuleRef rule = policy.rule();
        audit.record(AuditEvent.of("dataspace.output-review", "query-result", r.id()).by(reviewer)
                .refused(code, rule.id()));
        throw new ProblemException(HttpStatus.FORBIDDEN, code, rule);
    }

    private void history(UUID resultId, @Nullable ResultState from, ResultState to, String actor,
            @Nullable UUID actorUser, @Nullable UUID actorOrg, @Nullable String reason, RuleRef rule, Instant at) {
        jdbc.sql("""
                insert into dataspace_gate_transition (id, result_id, from_state, to_state, actor, actor_user,
                    actor_org, reason, rule_id, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), resultId, from == null ? null : from.name(), to.name(), actor, actorUser,
                        actorOrg, reason, rule.id(), java.sql.Timestamp.from(at))
                .update();
    }

    /** Where the workspace of a grant lies: its zone, with the operator whose reviewers decide. */
    private Zone zoneOfGrant(UUID grantId) {
        UUID zoneId = jdbc.sql("select zone_id from dataspace_grant where id = ?").param(grantId).query(UUID.class)
                .optional().orElseThrow(() -> ProblemException.notFound("grant", grantId));
        return zones.zone(zoneId).orElseThrow(() -> ProblemException.notFound("zone", zoneId));
    }

    private static String slug(ResultState state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
