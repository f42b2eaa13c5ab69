package org.pdao.dataspace.internal.gate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.internal.gate.watermark.IssuedMarks;
import org.pdao.dataspace.internal.gate.watermark.LeakedFile;
import org.pdao.dataspace.internal.gate.watermark.MarkMatcher;
import org.pdao.dataspace.internal.gate.watermark.Watermarker;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.Sm3;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Leak tracing (数据泄露溯源, NJ-21, JL-prohibit): a file found outside is read by its content and compared with every
 * issue of the results whose columns it shows ({@link MarkMatcher}). Every candidate issue is scored by the likelihood
 * of the marks the file shows; the most likely one is named only when chance cannot explain its matches — the chance
 * probability, multiplied by the number of candidates compared, is below {@code pdao.dataspace.gate.trace-threshold}
 * (default 10⁻⁶) — and when it is far more likely than the runner-up of another recipient (likelihood ratio at least
 * {@code pdao.dataspace.gate.trace-margin}, default 10⁶). Only the file's SM3 and size are kept, never its content;
 * every trace is audited.
 */
@Service
class LeakTraces {

    /** The answer of a trace (contract 8). */
    record Trace(boolean traced, @Nullable Recipient recipient, @Nullable UUID queryId, @Nullable UUID resultId,
            @Nullable UUID issueId, @Nullable Instant issuedAt, double confidence, int matchedMarks, int totalMarks,
            int alignedRows, double chanceProbability, double likelihoodRatioLog10, @Nullable RunnerUp runnerUp,
            int candidates, String fileSm3) {}

    record Recipient(UUID userId, String username, UUID organizationId) {}

    /**
     * The most likely candidate of another recipient than the named (or best) one: how many of the same marks it
     * matches, its own chance probability, and by how much (log10 of the likelihood ratio) the best is more likely.
     */
    record RunnerUp(Recipient recipient, UUID resultId, UUID issueId, int matchedMarks, int totalMarks,
            double chanceProbability, double marginLog10) {}

    private final ResultStore store;
    private final IssuedMarks marks;
    private final ReleasePolicy policy;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final long maxBytes;
    private final double threshold;
    private final double margin;
    private final int maxResults;

    LeakTraces(ResultStore store, IssuedMarks marks, ReleasePolicy policy, JdbcClient jdbc, AuditTrail audit,
            Clock clock, @Value("${pdao.dataspace.gate.trace-max-bytes:20971520}") long maxBytes,
            @Value("${pdao.dataspace.gate.trace-threshold:1e-6}") double threshold,
            @Value("${pdao.dataspace.gate.trace-margin:1e6}") double margin,
            @Value("${pdao.dataspace.gate.trace-max-results:5000}") int maxResults) {
        this.store = store;
        this.marks = marks;
        this.policy = policy;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.threshold = threshold;
        this.margin = margin;
        this.maxResults = maxResults;
    }

    long maxBytes() {
        return maxBytes;
    }

    Trace trace(Actor actor, byte @Nullable [] content) {
        if (content == null || content.length == 0) {
            throw ProblemException.badRequest("gate.trace.file-missing");
        }
        if (content.length > maxBytes) {
            throw new ProblemException(HttpStatus.PAYLOAD_TOO_LARGE, "gate.trace.file-too-large", null, maxBytes);
        }
        LeakedFile file = LeakedFile.read(content).orElseThrow(() -> new ProblemException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "gate.trace.file-type", null));
        String sm3 = Sm3.hex(content);
        UUID operator = actor.hasRole("AUTHORITY") || actor.hasRole("SECURITY_SUPERVISOR") ? null
                : actor.organizationId();
        Set<UUID> results = new LinkedHashSet<>(marks.resultsWithColumns(file.names(), operator, maxResults));
        if (results.isEmpty()) {
            // a renamed or dropped header: the most recent results, compared by column position
            results.addAll(marks.recentResults(operator, 200));
        }

        List<Compared> compared = new ArrayList<>();
        for (UUID resultId : results) {
            StoredResult r = store.find(resultId).orElse(null);
            if (r == null || !r.isReleased() || !mayTrace(actor, r)) {
                continue;
            }
            List<IssuedMarks.Issue> issues = marks.ofResult(resultId);
            if (issues.isEmpty()) {
                continue;
            }
            ResultCodec.Table table = store.released(r);
            Set<String> unmarked = r.roundTo() == null ? Set.of() : table.columns().stream()
                    .filter(c -> c.disclosure() != ResultColumn.Disclosure.CLEAR).map(ResultColumn::name)
                    .collect(Collectors.toSet());
            Watermarker.Released released = new Watermarker.Released(table.columns(), table.rows(),
                    r.countNoiseBound(), unmarked);
            // one candidate per recipient: a recipient's copies all carry the same marks
            Map<UUID, IssuedMarks.Issue> first = issues.stream().collect(Collectors.toMap(IssuedMarks.Issue::userId,
                    i -> i, (a, b) -> a, java.util.LinkedHashMap::new));
            if (MarkMatcher.compare(released, List.of(), file).total() == 0) {
                continue; // no row of the file shows a mark of this result: none of its issues can be named
            }
            List<MarkMatcher.Candidate> candidates = new ArrayList<>();
            for (IssuedMarks.Issue issue : first.values()) {
                candidates.add(new MarkMatcher.Candidate(issue.id(), issue.userId(), marks.issuedValues(issue)));
            }
            MarkMatcher.Outcome outcome = MarkMatcher.compare(released, candidates, file);
            for (MarkMatcher.Score score : outcome.scores()) {
                compared.add(new Compared(r, first.get(score.recipientId()), score, outcome.alignedRows()));
            }
        }
        Trace trace = decide(compared, sm3);
        record(actor, trace, content.length);
        return trace;
    }

    /**
     * Names the most likely candidate among all compared when chance cannot explain its matches even after as many
     * comparisons as there were candidates, and no candidate of another recipient comes close.
     */
    private Trace decide(List<Compared> compared, String sm3) {
        List<MarkMatcher.Score> scores = compared.stream().map(Compared::score).toList();
        MarkMatcher.Score bestScore = MarkMatcher.best(scores);
        MarkMatcher.Score secondScore = MarkMatcher.runnerUp(scores);
        Compared best = bestScore == null ? top(compared) : find(compared, bestScore);
        Compared second = secondScore == null ? null : find(compared, secondScore);
        int n = compared.size();
        if (best == null) {
            return new Trace(false, null, null, null, null, null, 0, 0, 0, 0, 1, 0, null, n, sm3);
        }
        MarkMatcher.Score s = best.score();
        double chance = Math.min(1.0, s.pValue() * n);
        double marginLog10 = second == null ? s.logLikelihood() : s.logLikelihood() - second.score().logLikelihood();
        RunnerUp runnerUp = second == null ? null : new RunnerUp(recipient(second.issue()), second.result().id(),
                second.issue().id(), second.score().matched(), second.score().total(),
                Math.min(1.0, second.score().pValue() * n), marginLog10);
        boolean traced = bestScore != null && s.matched() > 0 && chance <= threshold
                && marginLog10 >= Math.log10(margin);
        if (!traced) {
            return new Trace(false, null, null, null, null, null, 0, s.matched(), s.total(), best.rows(), chance,
                    s.logLikelihood(), runnerUp, n, sm3);
        }
        return new Trace(true, recipient(best.issue()), best.result().queryId(), best.result().id(), best.issue().id(),
                best.issue().issuedAt(), 1 - chance, s.matched(), s.total(), best.rows(), chance, s.logLikelihood(),
                runnerUp, n, sm3);
    }

    private static @Nullable Compared top(List<Compared> compared) {
        return compared.stream().max(java.util.Comparator.comparingDouble(c -> c.score().logLikelihood()))
                .orElse(null);
    }

    private static Compared find(List<Compared> compared, MarkMatcher.Score score) {
        return compared.stream().filter(c -> c.score() == score).findFirst().orElseThrow();
    }

    private static Recipient recipient(IssuedMarks.Issue issue) {
        return new Recipient(issue.userId(), issue.username(), issue.organizationId());
    }

    /**
     * The data authority and the security supervisors trace any file; an operator only among the results of the zones
     * it operates, so that a trace never tells it who received another zone's results.
     */
    private static boolean mayTrace(Actor actor, StoredResult r) {
        if (actor.hasRole("AUTHORITY") || actor.hasRole("SECURITY_SUPERVISOR")) {
            return true;
        }
        return r.operatorOrganizationId().equals(actor.organizationId());
    }

    private record Compared(StoredResult result, IssuedMarks.Issue issue, MarkMatcher.Score score, int rows) {}

    private void record(Actor actor, Trace trace, long bytes) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into dataspace_gate_leak_trace (id, file_sm3, file_bytes, traced, issue_id, confidence,
                    matched_marks, total_marks, traced_by, traced_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, trace.fileSm3(), bytes, trace.traced(), trace.issueId(), trace.confidence(),
                        trace.matchedMarks(), trace.totalMarks(), actor.username(), Timestamp.from(clock.instant()))
                .update();
        AuditEvent event = AuditEvent.of("dataspace.leak-trace", "leak-trace", id).by(actor)
                .underRule(policy.watermarkRule().id()).with("fileSm3", trace.fileSm3()).with("fileBytes", bytes)
                .with("traced", trace.traced()).with("matchedMarks", trace.matchedMarks())
                .with("totalMarks", trace.totalMarks()).with("chanceProbability", trace.chanceProbability())
                .with("candidates", trace.candidates());
        if (trace.runnerUp() != null) {
            event = event.with("runnerUpIssue", trace.runnerUp().issueId())
                    .with("runnerUpMatchedMarks", trace.runnerUp().matchedMarks())
                    .with("marginLog10", trace.runnerUp().marginLog10());
        }
        if (trace.traced() && trace.recipient() != null) {
            event = event.with("issue", trace.issueId()).with("result", trace.resultId())
                    .with("recipientUser", trace.recipient().userId())
                    .with("recipientOrganization", trace.recipient().organizationId());
        }
        audit.record(event);
    }
}
