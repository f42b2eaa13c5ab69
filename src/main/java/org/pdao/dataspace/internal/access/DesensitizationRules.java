package org.pdao.dataspace.internal.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Desensitization rules (TZ-15): the zone's operator writes them per dataset column, the zone's
 * supervising authority approves or rejects them, and only approved rules apply to workspaces. Approving
 * a rule supersedes the column's earlier approved rule. Every transition is audited.
 */
@Service
class DesensitizationRules {

    record Draft(UUID zoneId, String dataset, String column, DesensitizationMethod method,
            @Nullable Map<String, String> params) {}

    private final JdbcClient jdbc;
    private final ZoneDatasets datasets;
    private final DatasetResources resources;
    private final AuditTrail audit;
    private final Clock clock;

    DesensitizationRules(JdbcClient jdbc, ZoneDatasets datasets, DatasetResources resources, AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.datasets = datasets;
        this.resources = resources;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    DesensitizationRule write(Actor actor, Draft draft) {
        Zone zone = datasets.zone(draft.zoneId()).orElseThrow(() -> ProblemException.notFound("zone", draft.zoneId()));
        if (!zone.operatorOrganizationId().equals(actor.organizationId())) {
            throw ProblemException.ruleViolation(AccessRules.TZ_15, "workspace.rule.not-operator");
        }
        ZoneDatasets.Dataset dataset = datasets.dataset(zone.id(), draft.dataset())
                .orElseThrow(() -> ProblemException.notFound("dataset", draft.dataset()));
        if (!dataset.grades().containsKey(draft.column())) {
            throw ProblemException.badRequest("workspace.rule.column-unknown");
        }
        if (dataset.personKey().equals(draft.column())) {
            throw ProblemException.badRequest("workspace.rule.person-key");
        }
        ValueType type = resources.typeOf(resources.resourceOf(dataset), draft.column());
        Map<String, String> params = draft.method().validate(draft.params(), type);
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into dataspace_desens_rule (id, zone_id, dataset_name, column_name, method, params, state,
                    written_by, written_at, updated_at) values (?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?)""")
                .params(id, zone.id(), dataset.name(), draft.column(), draft.method().name(),
                        DesensitizationMethod.formatParams(params), actor.username(), now, now)
                .update();
        audit.record(AuditEvent.of("dataspace.desensitization-rule-write", "desensitization-rule", id).by(actor)
                .underRule(AccessRules.TZ_15.id()).with("zone", zone.id()).with("dataset", dataset.name())
                .with("column", draft.column()).with("method", draft.method().label(params)));
        return require(id);
    }

    @Transactional
    DesensitizationRule transition(Actor actor, UUID id, RuleState target, @Nullable String reason) {
        DesensitizationRule rule = require(id);
        rule.state().checkMoveTo(target);
        Zone zone = datasets.zone(rule.zoneId()).orElseThrow();
        if (target.decidedByAuthority()) {
            if (!zone.supervisorOrganizationId().equals(actor.organizationId())
                    || !(actor.hasRole("AUTHORITY") || actor.hasRole("REGULATOR"))) {
                throw ProblemException.ruleViolation(AccessRules.TZ_15, "workspace.rule.not-authority");
            }
        } else if (!zone.operatorOrganizationId().equals(actor.organizationId())) {
            throw ProblemException.ruleViolation(AccessRules.TZ_15, "workspace.rule.not-operator");
        }
        if (target == RuleState.REJECTED && (reason == null || reason.isBlank())) {
            throw ProblemException.badRequest("workspace.reason-required");
        }
        Instant now = clock.instant();
        if (target == RuleState.APPROVED) {
            for (DesensitizationRule earlier : jdbc.sql("""
                    select * from dataspace_desens_rule where zone_id = ? and dataset_name = ? and column_name = ?
                        and state = 'APPROVED'""").params(rule.zoneId(), rule.dataset(), rule.column())
                    .query(DesensitizationRules::rule).list()) {
                move(earlier, RuleState.SUPERSEDED, actor, "superseded by " + id, now);
            }
        }
        move(rule, target, actor, reason, now);
        return require(id);
    }

    private void move(DesensitizationRule rule, RuleState target, Actor actor, @Nullable String reason, Instant now) {
        rule.state().checkMoveTo(target);
        boolean decision = target.decidedByAuthority();
        String decidedBy = decision ? actor.username() : rule.decidedBy();
        Instant decidedAt = decision ? now : rule.decidedAt();
        int updated = jdbc.sql("""
                update dataspace_desens_rule set state = ?, reason = ?, updated_at = ?, decided_by = ?, decided_at = ?
                where id = ? and state = ?""")
                .params(target.name(), reason, Timestamp.from(now), decidedBy,
                        decidedAt == null ? null : Timestamp.from(decidedAt), rule.id(), rule.state().name())
                .update();
        if (updated != 1) {
            throw ProblemException.conflict("workspace.concurrent-change");
        }
        AuditEvent event = AuditEvent.of("dataspace.desensitization-rule-" + target.name().toLowerCase(),
                "desensitization-rule", rule.id()).by(actor).underRule(AccessRules.TZ_15.id())
                .with("from", rule.state()).with("to", target).with("column", rule.dataset() + "." + rule.column());
        audit.record(reason == null ? event : event.because(reason));
    }

    DesensitizationRule require(UUID id) {
        return jdbc.sql("select * from dataspace_desens_rule where id = ?").param(id)
                .query(DesensitizationRules::rule).optional()
                .orElseThrow(() -> ProblemException.notFound("desensitization-rule", id));
    }

    /** The approved rule of each column of a dataset: the only rules that apply. */
    Map<String, DesensitizationRule> approved(UUID zoneId, String dataset) {
        Map<String, DesensitizationRule> rules = new LinkedHashMap<>();
        jdbc.sql("""
                select * from dataspace_desens_rule where zone_id = ? and dataset_name = ? and state = 'APPROVED'
                order by updated_at""").params(zoneId, dataset).query(DesensitizationRules::rule).list()
                .forEach(r -> rules.put(r.column(), r));
        return rules;
    }

    Page<DesensitizationRule> list(Actor actor, UUID zoneId, @Nullable RuleState state, int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        Zone zone = datasets.zone(zoneId).orElseThrow(() -> ProblemException.notFound("zone", zoneId));
        if (!zone.operatorOrganizationId().equals(actor.organizationId())
                && !zone.supervisorOrganizationId().equals(actor.organizationId())
                && !actor.hasRole("SECURITY_SUPERVISOR")) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "workspace.zone.not-involved", null);
        }
        String filter = state == null ? "" : " and state = '" + state.name() + "'";
        List<DesensitizationRule> items = jdbc.sql("select * from dataspace_desens_rule where zone_id = ?" + filter
                + " order by dataset_name, column_name, written_at limit ? offset ?")
                .params(zoneId, size, (long) page * size).query(DesensitizationRules::rule).list();
        long total = jdbc.sql("select count(*) from dataspace_desens_rule where zone_id = ?" + filter).param(zoneId)
                .query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    private static DesensitizationRule rule(ResultSet rs, int row) throws SQLException {
        DesensitizationMethod method = DesensitizationMethod.valueOf(rs.getString("method"));
        Map<String, String> params = DesensitizationMethod.parseParams(rs.getString("params"));
        Timestamp decided = rs.getTimestamp("decided_at");
        return new DesensitizationRule(rs.getObject("id", UUID.class), rs.getObject("zone_id", UUID.class),
                rs.getString("dataset_name"), rs.getString("column_name"), method, params,
                RuleState.valueOf(rs.getString("state")), method.label(params), rs.getString("written_by"),
                rs.getTimestamp("written_at").toInstant(), rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(), rs.getString("reason"));
    }
}
