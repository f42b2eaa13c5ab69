package org.pdao.dataspace.internal.gate;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.ReleasedResults;
import org.pdao.dataspace.internal.gate.watermark.IssuedMarks;
import org.pdao.dataspace.internal.gate.watermark.WatermarkKeys;
import org.pdao.dataspace.internal.gate.watermark.Watermarker;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.pdao.shared.crypto.Sm3;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issues released results to their recipients: every file (and every response carrying rows) is watermarked for the
 * downloading user ({@link Watermarker}), registered in {@link IssuedMarks} with the exact values issued, and audited.
 */
@Component
class ResultIssues {

    /** A file issued to one recipient. */
    static final String PRODUCT_FORMAT = "PRODUCT";

    record IssuedFile(UUID issueId, String filename, String contentType, byte[] content) {}

    /** Download formats. */
    enum Format {
        CSV("text/csv;charset=UTF-8"), JSON("application/json");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        static Format parse(String text) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                    return f;
                }
            }
            throw ProblemException.badRequest("gate.download.format");
        }
    }

    private final ResultStore store;
    private final JdbcClient jdbc;
    private final ReleasePolicy policy;
    private final WatermarkKeys keys;
    private final IssuedMarks marks;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    ResultIssues(ResultStore store, JdbcClient jdbc, ReleasePolicy policy, WatermarkKeys keys, IssuedMarks marks, AuditTrail audit,
            JsonMapper json, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.policy = policy;
        this.keys = keys;
        this.marks = marks;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** The result of {@code queryId} in {@code workspaceId} as a file for {@code actor}, watermarked and registered. */
    IssuedFile download(Actor actor, UUID workspaceId, UUID queryId, String format) {
        Format f = Format.parse(format);
        StoredResult r = releasedTo(actor, queryId);
        if (!r.workspaceId().equals(workspaceId)) {
            throw ProblemException.notFound("query-result", queryId);
        }
        Watermarker.MarkedTable marked = mark(r, actor);
        byte[] content = f == Format.CSV ? csv(marked) : json(marked);
        UUID issueId = register(actor, r, marked, f.name(), content);
        String name = "query-" + queryId + "." + f.name().toLowerCase(Locale.ROOT);
        return new IssuedFile(issueId, name, f.contentType, content);
    }

    /** The rows of a released result for a response to {@code actor}, watermarked and registered as an issue. */
    OutputGate.ReleasedResult rows(Actor actor, StoredResult r) {
        Watermarker.MarkedTable marked = mark(r, actor);
        // a user's copies all carry the same marks: the first response with rows is the issue, later views repeat it
        if (!marks.issuedTo(r.id(), actor.userId(), "API")) {
            register(actor, r, marked, "API", json(marked));
        }
        return new OutputGate.ReleasedResult(r.id(), r.queryId(), marked.columns(), marked.rows());
    }

    /**
     * The rows of a released result for a call of a data product: watermarked for the product key (each key its own
     * marks) and registered once per key, so that a leak trace names the key and its organization.
     */
    ReleasedResults.Served serve(StoredResult r, ReleasedResults.Recipient recipient) {
        refuseIfGrantEnded(r, Actor.system());
        Actor asKey = new Actor(recipient.keyId(), recipient.name(), recipient.organizationId(), List.of("PRODUCT_KEY"),
                null);
        Watermarker.MarkedTable marked = mark(r, asKey);
        UUID issueId = marks.issueOf(r.id(), recipient.keyId(), PRODUCT_FORMAT)
                .orElseGet(() -> register(asKey, r, marked, PRODUCT_FORMAT, json(marked)));
        return new ReleasedResults.Served(issueId, marked.columns().stream().map(ResultColumn::name).toList(),
                marked.rows());
    }

    /** The result of a query if it was released to the actor's organization; refusals name why. */
    StoredResult releasedTo(Actor actor, UUID queryId) {
        StoredResult r = store.ofQuery(queryId).orElseThrow(() -> ProblemException.notFound("query-result", queryId));
        if (!r.developerOrganizationId().equals(actor.organizationId()) || actor.userId() == null) {
            audit.record(AuditEvent.of("dataspace.output-download", "query-result", r.id()).by(actor)
                    .refused("gate.download.not-developer", policy.rule().id()));
            throw new ProblemException(HttpStatus.FORBIDDEN, "gate.download.not-developer", policy.rule());
        }
        if (r.state() == ResultState.DESTROYED) {
            throw new ProblemException(HttpStatus.GONE, "gate.result.destroyed", ResultStore.DESTROYED_WITH_WORKSPACE);
        }
        if (!r.isReleased()) {
            throw new ProblemException(HttpStatus.CONFLICT, "gate.download.not-released", policy.rule());
        }
        refuseIfGrantEnded(r, actor);
        return r;
    }

    /** A grant that ended (agreement revoked, term over: TZ-11) takes the released results with it. */
    private void refuseIfGrantEnded(StoredResult r, Actor actor) {
        var ended = jdbc.sql("select ended_rule from dataspace_grant where id = ? and state = 'ENDED'")
                .param(r.grantId()).query(String.class).optional();
        if (ended.isPresent()) {
            RuleRef rule = policy.ruleOf(ended.get() == null ? "TZ-11" : ended.get());
            audit.record(AuditEvent.of("dataspace.output-download", "query-result", r.id()).by(actor)
                    .refused("gate.download.grant-ended", rule.id()));
            throw ProblemException.ruleViolation(rule, "gate.download.grant-ended");
        }
    }

    private Watermarker.MarkedTable mark(StoredResult r, Actor actor) {
        ResultCodec.Table table = store.released(r);
        Set<String> unmarked = r.roundTo() == null ? Set.of() : table.columns().stream()
                .filter(c -> c.disclosure() != ResultColumn.Disclosure.CLEAR).map(ResultColumn::name)
                .collect(Collectors.toSet());
        return Watermarker.mark(new Watermarker.Released(table.columns(), table.rows(), r.countNoiseBound(), unmarked),
                keys.issueKey(r.id(), actor.userId()));
    }

    private UUID register(Actor actor, StoredResult r, Watermarker.MarkedTable marked, String format, byte[] content) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String sm3 = Sm3.hex(content);
        marks.register(new IssuedMarks.Issue(id, r.id(), r.queryId(), r.workspaceId(), actor.userId(),
                actor.username(), actor.organizationId(), now, format, marked.rows().size(), marked.marks(), sm3),
                marked);
        audit.record(AuditEvent.of("dataspace.output-issue", "query-result", r.id()).by(actor)
                .underRule(policy.watermarkRule().id()).with("issue", id).with("query", r.queryId())
                .with("format", format).with("rows", marked.rows().size()).with("marks", marked.marks())
                .with("fileSm3", sm3));
        return id;
    }

    // --- formats

    private static byte[] csv(Watermarker.MarkedTable marked) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(marked.columns().stream().map(c -> quoted(c.name())).collect(Collectors.joining(","))).append("\r\n");
        for (List<Object> row : marked.rows()) {
            out.append(row.stream().map(ResultIssues::text).map(ResultIssues::quoted).collect(Collectors.joining(",")))
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] json(Watermarker.MarkedTable marked) {
        ArrayNode rows = json.createArrayNode();
        for (List<Object> row : marked.rows()) {
            ObjectNode o = json.createObjectNode();
            for (int c = 0; c < marked.columns().size(); c++) {
                String name = marked.columns().get(c).name();
                Object v = c < row.size() ? row.get(c) : null;
                if (v == null) {
                    o.putNull(name);
                } else if (v instanceof Long l) {
                    o.put(name, l);
                } else if (v instanceof BigDecimal d) {
                    o.put(name, d.scale() < 0 ? d.setScale(0) : d);
                } else if (v instanceof Boolean b) {
                    o.put(name, b);
                } else {
                    o.put(name, v.toString());
                }
            }
            rows.add(o);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.writerWithDefaultPrettyPrinter().writeValue(out, rows);
        return out.toByteArray();
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        return v instanceof BigDecimal d ? d.toPlainString() : v.toString();
    }

    private static String quoted(String s) {
        if (s.isEmpty() || s.chars().noneMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')
                && s.equals(s.strip())) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
