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
 * Leak tracing (数据泄露溯源, NJ-21, JL-prohibit): a file found outside is read by its content, compared with every issue
 * of the results whose columns it shows ({@link MarkMatcher}), and traced to the recipient whose marks it carries when
 * chance cannot explain the match ({@code pdao.dataspace.gate.trace-threshold}, default 10⁻⁶). Only the file's SM3
 * and size are kept, never its content; every trace is audited.
 */
@Service
class LeakTraces {

    /** The answer of a trace (contract 8). */
    record Trace(boolean traced, @Nullable Recipient recipient, @Nullable UUID queryId, @Nullable UUID resultId,
            @Nullable UUID issueId, @Nullable Instant issuedAt, double confidence, int matchedMarks, int totalMarks,
            int alignedRows, double chanceProbability, String fileSm3) {}

    record Recipient(UUID userId, String username, UUID organizationId) {}

    private final ResultStore store;
    private final IssuedMarks marks;
    private final ReleasePolicy policy;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final long maxBytes;
    private final double threshold;

    LeakTraces(ResultStore store, IssuedMarks marks, ReleasePolicy policy, JdbcClient jdbc, AuditTrail audit,
            Clock clock, @Value("${pdao.dataspace.gate.trace-max-bytes:20971520}") long maxBytes,
            @Value("${pdao.dataspace.gate.trace-threshold:1e-6}") double threshold) {
        this.store = store;
        this.marks = marks;
        this.policy = policy;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.threshold = threshold;
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
        Set<UUID> results = new LinkedHashSet<>(marks.resultsWithColumns(file.names()));
        results.addAll(marks.recentResults(200));

        Best best = null;
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
            List<MarkMatcher.Candidate> candidates = new ArrayList<>();
            for (IssuedMarks.Issue issue : first.values()) {
                candidates.add(new MarkMatcher.Candidate(issue.id(), issue.userId(), marks.issuedValues(issue)));
            }
            MarkMatcher.Outcome outcome = MarkMatcher.compare(released, candidates, file);
            MarkMatcher.Score score = outcome.best();
            if (score == null || outcome.alignedRows() == 0) {
                continue;
            }
            if (best == null || score.pValue() < best.score().pValue()) {
                IssuedMarks.Issue issue = first.values().stream().filter(i -> i.id().equals(score.issueId()))
                        .findFirst().orElseThrow();
                best = new Best(r, issue, score, outcome.alignedRows());
            }
        }
        boolean traced = best != null && best.score().pValue() <= threshold && best.score().matched() > 0;
        Trace trace = traced
                ? new Trace(true, new Recipient(best.issue().userId(), best.issue().username(),
                        best.issue().organizationId()), best.result().queryId(), best.result().id(), best.issue().id(),
                        best.issue().issuedAt(), 1 - best.score().pValue(), best.score().matched(),
                        best.score().total(), best.rows(), best.score().pValue(), sm3)
                : new Trace(false, null, null, null, null, null, 0, best == null ? 0 : best.score().matched(),
                        best == null ? 0 : best.score().total(), best == null ? 0 : best.rows(),
                        best == null ? 1 : best.score().pValue(), sm3);
        record(actor, trace, content.length);
        return trace;
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

    private record Best(StoredResult result, IssuedMarks.Issue issue, MarkMatcher.Score score, int rows) {}

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
                .with("totalMarks", trace.totalMarks());
        if (trace.traced() && trace.recipient() != null) {
            event = event.with("issue", trace.issueId()).with("result", trace.resultId())
                    .with("recipientUser", trace.recipient().userId())
                    .with("recipientOrganization", trace.recipient().organizationId());
        }
        audit.record(event);
    }
}
