package org.pdao.dataspace.internal.query;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.internal.gate.OutputGate;
import org.pdao.dataspace.internal.gate.ResultColumn;
import org.pdao.dataspace.internal.gate.ResultState;
import org.pdao.dataspace.internal.gate.ResultSubmission;
import org.pdao.jurisdiction.EntryValue;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.Sm3;
import org.pdao.shared.web.ProblemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one path by which developer SQL reaches a workspace's data (TZ-3, TZ-12): every call opens the workspace
 * through {@link WorkspaceGateway#openForQuery} (agreement, term, consent and quota checked now), runs the
 * {@link GovernedExecution} on a locked engine, hands the result to the {@link OutputGate}, records the query
 * and its refusals (rule, column, message code — never a value), audits it and meters it (SY-17).
 */
@Service
class GovernedQueries {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String GROUP_SIZE_KEY = "query.group-size.min";

    /** One refusal as the API shows it. */
    record RefusalView(@Nullable String column, String rule, String reason, @Nullable Integer position) {}

    record ColumnView(String name, String type, String disclosure) {}

    record NoiseView(boolean applied, @Nullable Integer bound) {}

    /** A governed query and, when released, its rows. */
    record QueryView(UUID id, UUID workspaceId, String state, List<ColumnView> columns, @Nullable List<List<Object>> rows,
            int rowCount, @Nullable Integer suppressedGroups, NoiseView noise, List<String> notes, long elapsedMs,
            @Nullable String errorCode, @Nullable String rule, List<RefusalView> refusals, Instant createdAt) {}

    record LineageView(String table, String column, String treatment, String via) {}

    record DryColumn(String name, List<LineageView> lineage, String disclosure, String explanation) {}

    /** What a query would be allowed to return, and why; nothing executed. */
    record DryRun(boolean allowed, List<RefusalView> refusals, List<DryColumn> columns, String release,
            List<String> explanation) {}

    private final WorkspaceGateway gateway;
    private final OutputGate gate;
    private final LockedEngine engine;
    private final QuerySettings settings;
    private final JdbcReleaseLedger ledger;
    private final JurisdictionProfiles profiles;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final ProblemWriter messages;
    private final Clock clock;

    GovernedQueries(WorkspaceGateway gateway, OutputGate gate, LockedEngine engine, QuerySettings settings,
            JdbcReleaseLedger ledger, JurisdictionProfiles profiles, AuditTrail audit, JdbcClient jdbc,
            ProblemWriter messages, Clock clock) {
        this.gateway = gateway;
        this.gate = gate;
        this.engine = engine;
        this.settings = settings;
        this.ledger = ledger;
        this.profiles = profiles;
        this.audit = audit;
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    int groupSizeMin() {
        var profile = profiles.active();
        EntryValue value = profile.has(GROUP_SIZE_KEY) ? profile.entry(GROUP_SIZE_KEY).value()
                : profile.platformDefault(GROUP_SIZE_KEY);
        return Math.toIntExact(((EntryValue.Count) value).value());
    }

    QueryView submit(Actor actor, UUID workspaceId, String sql) {
        long start = System.nanoTime();
        QueryableWorkspace workspace = gateway.openForQuery(workspaceId, actor);
        UUID queryId = UUID.randomUUID();
        int k = groupSizeMin();
        GovernedExecution execution = new GovernedExecution(engine, settings, ledger);
        GovernedExecution.Outcome outcome;
        try {
            outcome = execution.run(workspace, queryId, sql, k);
        } catch (QueryRefused refused) {
            long ms = elapsed(start);
            insert(queryId, workspace, actor, sql, "REFUSED", null, "QUERY_REFUSED", refused.rule().id(),
                    refused.refusals(), List.of(), 0, 0, false, null, List.of(), ms, null, null);
            List<String> where = refused.refusals().stream()
                    .map(r -> r.rule().id() + ":" + (r.column() == null ? "-" : r.column()) + ":" + r.code()).toList();
            audit.record(AuditEvent.of("dataspace.query-refused", "query", queryId).by(actor)
                    .refused("QUERY_REFUSED", refused.rule().id()).with("workspace", workspaceId)
                    .with("refusals", String.join(";", where)).with("sqlSm3", Sm3.hex(sql)));
            gateway.meter(workspaceId, Duration.ofMillis(ms), 0);
            throw refused;
        } catch (ProblemException failed) {
            long ms = elapsed(start);
            String rule = failed.rule() == null ? null : failed.rule().id();
            insert(queryId, workspace, actor, sql, "FAILED", null, failed.code(), rule, List.of(), List.of(), 0, 0,
                    false, null, List.of(), ms, null, null);
            audit.record(AuditEvent.of("dataspace.query-failed", "query", queryId).by(actor).refused(failed.code(), rule)
                    .with("workspace", workspaceId).with("sqlSm3", Sm3.hex(sql)));
            gateway.meter(workspaceId, Duration.ofMillis(ms), 0);
            throw failed;
        }
        OutputGate.GateDecision decision = gate.submit(new ResultSubmission(queryId, workspaceId, workspace.grantId(),
                workspace.developerOrganizationId(), actor.userId() == null ? new UUID(0, 0) : actor.userId(), sql,
                outcome.columns(), outcome.rows(), outcome.aggregateOnly(), outcome.notes()),
                outcome.noiseBound() == null ? null : outcome.noiseBound().doubleValue());
        long ms = elapsed(start);
        String populationSql = outcome.ledgerCells().isEmpty() ? null : outcome.ledgerCells().get(0).populationSql();
        String populationKey = outcome.ledgerCells().isEmpty() ? null
                : outcome.ledgerCells().get(0).canonicalPopulation();
        insert(queryId, workspace, actor, sql, decision.state().name(), decision.resultId(), null, QueryRules.TZ_3.id(),
                List.of(), outcome.columns(), outcome.rows().size(), outcome.suppressed(), outcome.noiseApplied(),
                outcome.noiseBound(), outcome.notes(), ms, populationSql, populationKey);
        ledger.record(workspace.grantId(), outcome.ledgerCells());
        audit.record(AuditEvent.of("dataspace.query-run", "query", queryId).by(actor).underRule(QueryRules.TZ_3.id())
                .with("workspace", workspaceId).with("state", decision.state()).with("result", decision.resultId())
                .with("rows", outcome.rows().size()).with("cells", outcome.cells())
                .with("suppressedGroups", outcome.suppressed()).with("noise", outcome.noiseApplied())
                .with("aggregateOnly", outcome.aggregateOnly()).with("sqlSm3", Sm3.hex(sql)));
        long bytes = outcome.rows().stream().mapToLong(r -> r.toString().getBytes(StandardCharsets.UTF_8).length).sum();
        gateway.meter(workspaceId, Duration.ofMillis(ms), bytes);
        return view(row(queryId), actor, true);
    }

    DryRun dryRun(Actor actor, UUID workspaceId, String sql) {
        QueryableWorkspace workspace = gateway.openForQuery(workspaceId, actor);
        GovernedExecution execution = new GovernedExecution(engine, settings, ledger);
        QueryAnalyzer.Analysis analysis;
        try {
            analysis = execution.analyze(workspace, sql);
        } catch (QueryRefused refused) {
            return new DryRun(false, render(refused.refusals()), List.of(), "REVIEW",
                    List.of(messages.message("query.explain.refused")));
        }
        audit.record(AuditEvent.of("dataspace.query-dry-run", "workspace", workspaceId).by(actor)
                .underRule(QueryRules.TZ_3.id()).with("allowed", analysis.allowed()).with("sqlSm3", Sm3.hex(sql)));
        if (!analysis.allowed()) {
            return new DryRun(false, render(analysis.refusals()), List.of(), "REVIEW",
                    List.of(messages.message("query.explain.refused")));
        }
        List<String> names = names(workspace, sql, analysis);
        List<DryColumn> columns = new ArrayList<>();
        for (QueryAnalyzer.OutputColumn c : analysis.columns()) {
            List<LineageView> lineage = c.lineage().uses().stream()
                    .map(u -> new LineageView(u.table(), u.column(), u.treatment().name(), u.via())).toList();
            columns.add(new DryColumn(c.index() < names.size() ? names.get(c.index()) : "column" + c.index(), lineage,
                    c.disclosure().name(), messages.message(c.explanation())));
        }
        int k = groupSizeMin();
        List<String> explanation = new ArrayList<>();
        explanation.add(messages.message("query.explain.k", k));
        explanation.add(messages.message("query.explain.noise", settings.countNoiseBound()));
        explanation.add(messages.message(analysis.aggregated() ? "query.explain.release-automatic"
                : "query.explain.release-review"));
        return new DryRun(true, List.of(), columns, analysis.aggregated() ? "AUTOMATIC" : "REVIEW", explanation);
    }

    private List<String> names(QueryableWorkspace workspace, String sql, QueryAnalyzer.Analysis analysis) {
        try {
            return engine.bounded(workspace, session -> session.describe(SqlComments.executable(sql)).stream().map(LockedEngine.Column::name)
                    .toList());
        } catch (ProblemException e) {
            List<String> out = new ArrayList<>();
            for (QueryAnalyzer.OutputColumn c : analysis.columns()) {
                out.add(c.alias() == null ? "column" + c.index() : c.alias());
            }
            return out;
        }
    }

    Page<QueryView> list(Actor actor, UUID workspaceId, int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        List<Map<String, Object>> rows = jdbc.sql("""
                select * from dataspace_query where workspace_id = ? and developer_org_id = ?
                order by created_at desc limit ? offset ?""")
                .params(workspaceId, actor.organizationId(), size, (long) page * size).query().listOfRows();
        long total = jdbc.sql("select count(*) from dataspace_query where workspace_id = ? and developer_org_id = ?")
                .params(workspaceId, actor.organizationId()).query(Long.class).single();
        return new Page<>(rows.stream().map(r -> view(r, actor, false)).toList(), page, size, total);
    }

    QueryView get(Actor actor, UUID workspaceId, UUID queryId) {
        Map<String, Object> row = row(queryId);
        if (!workspaceId.equals(uuid(row.get("workspace_id"))) || actor.organizationId() == null
                || !actor.organizationId().equals(uuid(row.get("developer_org_id")))) {
            throw ProblemException.notFound("query", queryId);
        }
        return view(row, actor, true);
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("select * from dataspace_query where id = ?").param(id).query().listOfRows().stream()
                .findFirst().orElseThrow(() -> ProblemException.notFound("query", id));
    }

    /** The query as its developer sees it; rows (watermarked, recorded as an issue) only when {@code withRows} and released. */
    private QueryView view(Map<String, Object> r, Actor actor, boolean withRows) {
        UUID id = uuid(r.get("id"));
        String state = (String) r.get("state");
        List<ColumnView> columns = read((String) r.get("columns_json"), new TypeReference<List<ColumnView>>() {});
        List<List<Object>> rows = null;
        if (!state.equals("REFUSED") && !state.equals("FAILED")) {
            Optional<ResultState> now = gate.stateOf(id, actor);
            if (now.isPresent()) {
                state = now.get().name();
            }
            Optional<OutputGate.ReleasedResult> released = withRows ? gate.issued(id, actor) : Optional.empty();
            if (released.isPresent()) {
                rows = released.get().rows();
                columns = released.get().columns().stream()
                        .map(c -> new ColumnView(c.name(), c.sqlType(), c.disclosure().name())).toList();
                if (now.isEmpty() && state.equals(ResultState.PENDING_REVIEW.name())) {
                    state = ResultState.RELEASED.name();
                }
            }
        }
        List<RefusalView> refusals = read((String) r.get("refusals"), new TypeReference<List<StoredRefusal>>() {})
                .stream().map(s -> new RefusalView(s.column(), s.rule(), messages.message(s.code(), s.args().toArray()),
                        s.position())).toList();
        Object bound = r.get("noise_bound");
        List<String> notes = read((String) r.get("notes"), new TypeReference<List<String>>() {});
        return new QueryView(id, uuid(r.get("workspace_id")), state, columns, rows,
                rows == null ? ((Number) r.get("row_count")).intValue() : rows.size(),
                // stored and audited, never shown: a suppressed group differs from an absent one (one bit)
                null,
                new NoiseView(Boolean.TRUE.equals(r.get("noise_applied")),
                        bound == null ? null : ((Number) bound).intValue()), notes,
                ((Number) r.get("elapsed_ms")).longValue(), (String) r.get("error_code"), (String) r.get("rule_id"),
                refusals, instant(r.get("created_at")));
    }

    /** How a refusal is stored: the message code and its arguments (names, never values), rendered on reading. */
    record StoredRefusal(@Nullable String column, String rule, String code, List<String> args, @Nullable Integer position) {}

    List<RefusalView> render(List<Refusal> refusals) {
        return refusals.stream().map(r -> new RefusalView(r.column(), r.rule().id(), messages.message(r.code(), r.args()),
                r.position())).toList();
    }

    private void insert(UUID id, QueryableWorkspace ws, Actor actor, String sql, String state, @Nullable UUID resultId,
            @Nullable String errorCode, @Nullable String rule, List<Refusal> refusals, List<ResultColumn> columns,
            int rowCount, int suppressed, boolean noise, @Nullable Integer bound, List<String> notes, long ms,
            @Nullable String populationSql, @Nullable String populationKey) {
        List<StoredRefusal> stored = refusals.stream().map(r -> new StoredRefusal(r.column(), r.rule().id(), r.code(),
                java.util.Arrays.stream(r.args()).map(String::valueOf).toList(), r.position())).toList();
        List<ColumnView> cols = columns.stream().map(c -> new ColumnView(c.name(), c.sqlType(), c.disclosure().name()))
                .toList();
        jdbc.sql("""
                insert into dataspace_query (id, workspace_id, grant_id, developer_org_id, submitted_by, username,
                    sql_text, sql_sm3, state, result_id, error_code, rule_id, refusals, columns_json, row_count,
                    suppressed_groups, noise_applied, noise_bound, notes, elapsed_ms, population_sql, population_key,
                    created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, ws.workspaceId(), ws.grantId(), ws.developerOrganizationId(), actor.userId(),
                        actor.username(), truncate(sql, 20000), Sm3.hex(sql), state, resultId, errorCode, rule,
                        truncate(write(stored), 20000), truncate(write(cols), 20000), rowCount, suppressed, noise,
                        bound, truncate(write(notes), 4000), ms, populationSql, populationKey,
                        Timestamp.from(clock.instant()))
                .update();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String write(Object o) {
        return JSON.writeValueAsString(o);
    }

    private static <T> List<T> read(@Nullable String json, TypeReference<List<T>> type) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        return JSON.readValue(json, type);
    }

    private static UUID uuid(Object o) {
        return o instanceof UUID u ? u : UUID.fromString(o.toString());
    }

    private static Instant instant(Object o) {
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        return Instant.parse(o.toString());
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    static Map<String, Object> problemExtras(List<RefusalView> refusals) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("refusals", refusals);
        return out;
    }
}
