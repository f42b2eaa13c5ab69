package org.pdao.dataspace.internal.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditReceipt;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.DataUse;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.dataspace.internal.gate.OutputGate;
import org.pdao.dataspace.internal.query.ColumnTreatment;
import org.pdao.dataspace.internal.query.QueryableWorkspace;
import org.pdao.dataspace.internal.query.WorkspaceColumn;
import org.pdao.dataspace.internal.query.WorkspaceGateway;
import org.pdao.dataspace.internal.query.WorkspaceTable;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.pdao.shared.crypto.Sm3;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Workspaces (沙箱): one per grant, holding the desensitized views of the granted columns in a DuckDB file of
 * its own, with a quota of compute and storage metered per party (SY-17). The only way to its data is
 * {@link #openForQuery}, which runs every check of use at every call; the console's view
 * ({@link #show}) runs the same checks. Sealing (封存) freezes a workspace; destruction (销毁) deletes its
 * file, verifies it is gone and records a destruction certificate in the audit log.
 */
@Service
class Workspaces implements WorkspaceGateway {

    record Quota(long computeQuotaMs, long computeUsedMs, long storageQuotaBytes, long storageUsedBytes) {}

    record WorkspaceView(UUID id, UUID grantId, UUID zoneId, String scenario, WorkspaceState state, long rowsTotal,
            long rowsDone, double percent, long personsExcluded, List<WorkspaceTable> tables, Quota quota,
            @Nullable Instant materialisedAt, @Nullable String stateReason, @Nullable String stateRule,
            @Nullable String failure) {}

    record DestructionCertificate(UUID workspaceId, UUID grantId, String fileSm3, long fileBytes, boolean verifiedGone,
            int resultsDestroyed, Instant destroyedAt, String destroyedBy, String reason, long auditSequence,
            String auditHash) {}

    record UsageByParty(UUID bearerOrganizationId, UUID partyOrganizationId, long queries, long elapsedMs,
            long resultBytes, String ruleId) {}

    record Row(UUID id, UUID grantId, WorkspaceState state, String dbFile, String sealedKey, long rowsTotal,
            long rowsDone, long personsExcluded, long computeQuotaMs, long storageQuotaBytes, long computeUsedMs,
            long storageUsedBytes, @Nullable String failure, @Nullable Instant materialisedAt,
            @Nullable String stateReason, @Nullable String stateRule) {}

    private final JdbcClient jdbc;
    private final Grants grants;
    private final ConsentRegistry consents;
    private final ZoneDatasets datasets;
    private final AccessKeys keys;
    private final WorkspaceSettings settings;
    private final WorkspaceMaterialiser materialiser;
    private final JurisdictionProfiles profiles;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final OutputGate gate;

    Workspaces(JdbcClient jdbc, Grants grants, ConsentRegistry consents, ZoneDatasets datasets, AccessKeys keys,
            WorkspaceSettings settings, WorkspaceMaterialiser materialiser, JurisdictionProfiles profiles,
            AuditTrail audit, Clock clock, ApplicationEventPublisher events, OutputGate gate) {
        this.events = events;
        this.gate = gate;
        this.jdbc = jdbc;
        this.grants = grants;
        this.consents = consents;
        this.datasets = datasets;
        this.keys = keys;
        this.settings = settings;
        this.materialiser = materialiser;
        this.profiles = profiles;
        this.audit = audit;
        this.clock = clock;
    }

    /** Creates the workspace of a grant in force (one per grant) and starts preparing it in the background. */
    WorkspaceView create(Actor actor, UUID grantId) {
        Grant grant = grants.require(grantId);
        if (!grant.partyOrganizationId().equals(actor.organizationId())) {
            throw ProblemException.notFound("grant", grantId);
        }
        grants.checkInForce(grant);
        if (jdbc.sql("select count(*) from dataspace_workspace where grant_id = ?").param(grantId).query(Long.class)
                .single() > 0) {
            throw ProblemException.conflict("workspace.exists");
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into dataspace_workspace (id, grant_id, state, db_file, sealed_db_key, rows_total, rows_done,
                    persons_excluded, compute_quota_ms, storage_quota_bytes, compute_used_ms, storage_used_bytes,
                    created_by, created_at, updated_at)
                values (?, ?, 'PREPARING', '', '', 0, 0, 0, ?, ?, 0, 0, ?, ?, ?)""")
                .params(id, grantId, settings.computeQuota().toMillis(), settings.storageQuota().toBytes(),
                        actor.username(), now, now)
                .update();
        audit.record(AuditEvent.of("dataspace.workspace-create", "workspace", id).by(actor)
                .underRule(AccessRules.TZ_14.id()).with("grant", grantId));
        materialiser.start(id, actor);
        return view(row(id));
    }

    /** Prepares the workspace again from the raw store (e.g. without persons who withdrew their consent). */
    WorkspaceView refresh(Actor actor, UUID id) {
        Row row = row(id);
        Grant grant = grants.require(row.grantId());
        if (!grant.partyOrganizationId().equals(actor.organizationId())) {
            throw ProblemException.notFound("workspace", id);
        }
        grants.checkInForce(grant);
        move(row, WorkspaceState.PREPARING, actor, "refresh", null);
        materialiser.start(id, actor);
        return view(row(id));
    }

    @Override
    public QueryableWorkspace openForQuery(UUID workspaceId, Actor actor) {
        Row row = row(workspaceId);
        Grant grant = grants.require(row.grantId());
        try {
            checkUse(row, grant, actor);
        } catch (ProblemException refused) {
            audit.record(AuditEvent.of("dataspace.workspace-open", "workspace", workspaceId).by(actor)
                    .refused(refused.code(), refused.rule() == null ? null : refused.rule().id()));
            throw refused;
        }
        byte[] grantKey = grants.key(grant);
        return new QueryableWorkspace(workspaceId, grant.id(), grant.zoneId(), grant.partyOrganizationId(),
                grant.scenario(), settings.dir().resolve(row.dbFile()), databaseKey(row), noiseKey(grantKey),
                tables(workspaceId));
    }

    @Override
    @Transactional
    public void meter(UUID workspaceId, Duration elapsed, long resultBytes) {
        Row row = row(workspaceId);
        Grant grant = grants.require(row.grantId());
        Zone zone = datasets.zone(grant.zoneId()).orElseThrow();
        UUID bearer = operatorBears() ? zone.operatorOrganizationId() : grant.partyOrganizationId();
        long ms = Math.max(0, elapsed.toMillis());
        long bytes = Math.max(0, resultBytes);
        UUID meterId = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into dataspace_workspace_meter (id, workspace_id, party_org_id, bearer_org_id, elapsed_ms,
                    result_bytes, metered_at) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(meterId, workspaceId, grant.partyOrganizationId(), bearer, ms, bytes, Timestamp.from(now))
                .update();
        events.publishEvent(new DataUse.WorkspaceQueried(meterId, workspaceId, grant.id(),
                grant.tables().stream().map(DataRequest.Table::resourceId).distinct().toList(), ms, bytes, now));
        jdbc.sql("""
                update dataspace_workspace set compute_used_ms = compute_used_ms + ?,
                    storage_used_bytes = storage_used_bytes + ? where id = ?""").params(ms, bytes, workspaceId).update();
    }

    /** The workspace's tables, columns, treatments and methods (no values), after the same checks as {@link #openForQuery}. */
    WorkspaceView show(Actor actor, UUID id) {
        Row row = row(id);
        Grant grant = grants.require(row.grantId());
        if (row.state() == WorkspaceState.PREPARING || row.state() == WorkspaceState.FAILED) {
            checkParty(grant, actor);
            grants.checkInForce(grant);
            return view(row);
        }
        try {
            checkUse(row, grant, actor);
        } catch (ProblemException refused) {
            audit.record(AuditEvent.of("dataspace.workspace-open", "workspace", id).by(actor)
                    .refused(refused.code(), refused.rule() == null ? null : refused.rule().id()));
            throw refused;
        }
        return view(row);
    }

    /** The workspace as its zone's operator or supervisor oversees it: state, quota and tables, without checks of use. */
    WorkspaceView oversee(Actor actor, UUID id) {
        Row row = row(id);
        checkOverseer(grants.require(row.grantId()), actor);
        return view(row);
    }

    Page<WorkspaceView> list(Actor actor, int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        String where = """
                 from dataspace_workspace w join dataspace_grant g on g.id = w.grant_id
                where g.party_org_id = ? or exists (select 1 from dataspace_zone z
                    where z.id = g.zone_id and (z.operator_org_id = ? or z.supervisor_org_id = ?))""";
        UUID org = actor.organizationId();
        List<UUID> ids = jdbc.sql("select w.id" + where + " order by w.created_at desc limit ? offset ?")
                .params(org, org, org, size, (long) page * size).query(UUID.class).list();
        long total = jdbc.sql("select count(*)" + where).params(org, org, org).query(Long.class).single();
        return new Page<>(ids.stream().map(i -> view(row(i))).toList(), page, size, total);
    }

    List<UsageByParty> usage(Actor actor, UUID id) {
        Row row = row(id);
        Grant grant = grants.require(row.grantId());
        if (!grant.partyOrganizationId().equals(actor.organizationId())) {
            checkOverseer(grant, actor);
        }
        return jdbc.sql("""
                select bearer_org_id, party_org_id, count(*), sum(elapsed_ms), sum(result_bytes)
                from dataspace_workspace_meter where workspace_id = ? group by bearer_org_id, party_org_id""")
                .param(id).query((rs, n) -> new UsageByParty(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), AccessRules.SY_17.id())).list();
    }

    /** Seals (封存) a workspace: frozen, nothing runs on it, its data kept until destroyed. */
    @Transactional
    WorkspaceView seal(Actor actor, UUID id, String reason) {
        Row row = row(id);
        checkOverseer(grants.require(row.grantId()), actor);
        move(row, WorkspaceState.SEALED, actor, reason, AccessRules.TZ_12);
        return view(row(id));
    }

    /** Seals the workspace of a grant that has ended (on the platform's behalf). */
    @EventListener
    void on(Grants.GrantEnded ended) {
        jdbc.sql("select id from dataspace_workspace where grant_id = ?").param(ended.grantId()).query(UUID.class)
                .optional().ifPresent(id -> {
                    Row row = row(id);
                    if (row.state().canMoveTo(WorkspaceState.SEALED)) {
                        move(row, WorkspaceState.SEALED, Actors.currentOrSystem(), "grant ended: " + ended.reason(),
                                Grants.rule(ended.ruleId()));
                    }
                });
    }

    /** Destroys (销毁) a workspace: deletes its file, verifies it is gone and records the certificate in the audit log. */
    @Transactional
    DestructionCertificate destroy(Actor actor, UUID id, String reason) {
        Row row = row(id);
        checkOverseer(grants.require(row.grantId()), actor);
        return destroyRow(row, actor, reason);
    }

    /**
     * Destroys a workspace on an exit's order (TZ-12, JL-prohibit): sealed first if it is not, then destroyed,
     * without the zone-overseer check — the order comes from the grantor or the authority that ended the party's
     * agreements, recorded with its rule.
     */
    @Transactional
    DestructionCertificate destroyOrdered(Actor actor, UUID id, String reason, RuleRef rule) {
        Row row = row(id);
        if (row.state() != WorkspaceState.SEALED && row.state().canMoveTo(WorkspaceState.SEALED)
                && !row.state().canMoveTo(WorkspaceState.DESTROYED)) {
            move(row, WorkspaceState.SEALED, actor, reason, rule);
            row = row(id);
        }
        return destroyRow(row, actor, reason);
    }

    private DestructionCertificate destroyRow(Row row, Actor actor, String reason) {
        UUID id = row.id();
        row.state().checkMoveTo(WorkspaceState.DESTROYED);
        materialiser.awaitIdle(id);
        String sm3 = Sm3.hex(new byte[0]);
        long bytes = 0;
        boolean gone;
        try {
            Path file = row.dbFile().isEmpty() ? null : settings.dir().resolve(row.dbFile());
            if (file != null && Files.exists(file)) {
                bytes = Files.size(file);
                sm3 = WorkspaceDatabase.sm3(file);
                Files.delete(file);
            }
            if (file != null) {
                Files.deleteIfExists(Path.of(file + ".wal"));
            }
            gone = file == null || (!Files.exists(file) && !Files.exists(Path.of(file + ".wal")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the workspace file", e);
        }
        if (!gone) {
            throw new IllegalStateException("the workspace file is still there");
        }
        jdbc.sql("delete from dataspace_workspace_subject where workspace_id = ?").param(id).update();
        int results = gate.destroyResultsOf(id, actor, reason);
        move(row, WorkspaceState.DESTROYED, actor, reason, AccessRules.TZ_12);
        Instant now = clock.instant();
        AuditReceipt receipt = audit.record(AuditEvent.of("dataspace.workspace-destruction-certificate", "workspace", id)
                .by(actor).underRule(AccessRules.TZ_12.id()).because(reason).with("grant", row.grantId())
                .with("fileSm3", sm3).with("fileBytes", bytes).with("verifiedGone", true)
                .with("resultsDestroyed", results).with("destroyedAt", now));
        return new DestructionCertificate(id, row.grantId(), sm3, bytes, true, results, now, actor.username(), reason,
                receipt.sequence(), receipt.hash());
    }

    // --- checks of use

    private void checkUse(Row row, Grant grant, Actor actor) {
        checkParty(grant, actor);
        switch (row.state()) {
            case DESTROYED -> throw ProblemException.ruleViolation(AccessRules.TZ_12, "workspace.destroyed");
            case SEALED -> throw ProblemException.ruleViolation(
                    row.stateRule() == null ? AccessRules.TZ_12 : Grants.rule(row.stateRule()), "workspace.sealed");
            case PREPARING -> throw ProblemException.conflict("workspace.preparing");
            case FAILED -> throw ProblemException.conflict("workspace.failed");
            case ACTIVE -> { }
        }
        grants.checkInForce(grant);
        if (grant.consentRequired() && consents.withdrawnAmong(row.id(), grant.scenario()) > 0) {
            throw ProblemException.ruleViolation(AccessRules.NJ_16, "workspace.consent-withdrawn");
        }
        if (row.computeUsedMs() >= row.computeQuotaMs()) {
            throw ProblemException.ruleViolation(AccessRules.SY_17, "workspace.quota.compute-spent");
        }
        if (row.storageUsedBytes() >= row.storageQuotaBytes()) {
            throw ProblemException.ruleViolation(AccessRules.SY_17, "workspace.quota.storage-spent");
        }
        if (!Files.exists(settings.dir().resolve(row.dbFile()))) {
            throw ProblemException.conflict("workspace.failed");
        }
    }

    private static void checkParty(Grant grant, Actor actor) {
        if (!grant.partyOrganizationId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "workspace.not-party", AccessRules.NJ_13);
        }
    }

    private void checkOverseer(Grant grant, Actor actor) {
        Zone zone = datasets.zone(grant.zoneId()).orElseThrow();
        boolean operator = zone.operatorOrganizationId().equals(actor.organizationId()) && actor.hasRole("OPERATOR");
        boolean supervisor = zone.supervisorOrganizationId().equals(actor.organizationId())
                && (actor.hasRole("AUTHORITY") || actor.hasRole("REGULATOR"));
        if (!operator && !supervisor) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "workspace.zone.not-involved", null);
        }
    }

    private boolean operatorBears() {
        JurisdictionProfile profile = profiles.active();
        return profile.has("resource-cost.borne-by-operator") && profile.flag("resource-cost.borne-by-operator").value();
    }

    // --- state

    void move(Row row, WorkspaceState target, Actor actor, @Nullable String reason, @Nullable RuleRef rule) {
        row.state().checkMoveTo(target);
        int updated = jdbc.sql("""
                update dataspace_workspace set state = ?, state_reason = ?, state_rule = ?, updated_at = ?
                where id = ? and state = ?""")
                .params(target.name(), reason, rule == null ? null : rule.id(), Timestamp.from(clock.instant()),
                        row.id(), row.state().name())
                .update();
        if (updated != 1) {
            throw ProblemException.conflict("workspace.concurrent-change");
        }
        AuditEvent event = AuditEvent.of("dataspace.workspace-" + target.name().toLowerCase(java.util.Locale.ROOT),
                "workspace", row.id()).by(actor).with("from", row.state()).with("to", target);
        event = rule == null ? event : event.underRule(rule.id());
        audit.record(reason == null ? event : event.because(reason));
    }

    Row row(UUID id) {
        return jdbc.sql("select * from dataspace_workspace where id = ?").param(id).query(Workspaces::row).optional()
                .orElseThrow(() -> ProblemException.notFound("workspace", id));
    }

    Optional<UUID> ofGrant(UUID grantId) {
        return jdbc.sql("select id from dataspace_workspace where grant_id = ?").param(grantId).query(UUID.class)
                .optional();
    }

    private byte[] databaseKey(Row row) {
        return keys.open(WorkspaceMaterialiser.keyPurpose(row.id()), row.sealedKey());
    }

    static byte[] noiseKey(byte[] grantKey) {
        return Sm3.hmac(grantKey, "pdao-workspace-noise".getBytes(StandardCharsets.UTF_8));
    }

    List<WorkspaceTable> tables(UUID workspaceId) {
        Map<String, List<WorkspaceColumn>> columns = new java.util.LinkedHashMap<>();
        jdbc.sql("select * from dataspace_workspace_column where workspace_id = ? order by table_name, ordinal")
                .param(workspaceId).query((rs, n) -> {
                    columns.computeIfAbsent(rs.getString("table_name"), k -> new java.util.ArrayList<>())
                            .add(new WorkspaceColumn(rs.getString("column_name"), rs.getString("sql_type"),
                                    rs.getInt("grade"), ColumnTreatment.valueOf(rs.getString("treatment")),
                                    rs.getString("method")));
                    return null;
                }).list();
        return jdbc.sql("select * from dataspace_workspace_table where workspace_id = ? order by table_name")
                .param(workspaceId).query((rs, n) -> new WorkspaceTable(rs.getString("table_name"),
                        rs.getString("person_key"), columns.getOrDefault(rs.getString("table_name"), List.of()),
                        rs.getLong("row_count"), rs.getBoolean("person_unique"))).list();
    }

    private WorkspaceView view(Row row) {
        Grant grant = grants.require(row.grantId());
        long done = materialiser.rowsDone(row.id()).orElse(row.rowsDone());
        double percent = row.state() == WorkspaceState.PREPARING
                ? (row.rowsTotal() == 0 ? 0 : Math.min(99.9, Math.round(done * 1000.0 / row.rowsTotal()) / 10.0))
                : row.state() == WorkspaceState.FAILED ? 0 : 100;
        return new WorkspaceView(row.id(), row.grantId(), grant.zoneId(), grant.scenario(), row.state(),
                row.rowsTotal(), done, percent, row.personsExcluded(), tables(row.id()),
                new Quota(row.computeQuotaMs(), row.computeUsedMs(), row.storageQuotaBytes(), row.storageUsedBytes()),
                row.materialisedAt(), row.stateReason(), row.stateRule(), row.failure());
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp materialised = rs.getTimestamp("materialised_at");
        return new Row(rs.getObject("id", UUID.class), rs.getObject("grant_id", UUID.class),
                WorkspaceState.valueOf(rs.getString("state")), rs.getString("db_file"), rs.getString("sealed_db_key"),
                rs.getLong("rows_total"), rs.getLong("rows_done"), rs.getLong("persons_excluded"),
                rs.getLong("compute_quota_ms"), rs.getLong("storage_quota_bytes"), rs.getLong("compute_used_ms"),
                rs.getLong("storage_used_bytes"), rs.getString("failure"),
                materialised == null ? null : materialised.toInstant(), rs.getString("state_reason"),
                rs.getString("state_rule"));
    }
}
