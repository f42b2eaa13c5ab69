package org.pdao.dataspace.internal.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.authorization.AgreementDirectory;
import org.pdao.authorization.AgreementEnded;
import org.pdao.authorization.AgreementSummary;
import org.pdao.catalog.CatalogDirectory;
import org.pdao.catalog.DevelopmentEntryView;
import org.pdao.dataspace.DataUse;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grants: created when a request is filed (or, for an operator's own request, approved), checked live at
 * every use against everything they rest on — the agreement in force (TZ-11), the party, the scenario
 * (NJ-13), the term, the columns still published in the development catalog (TZ-13) — and ended at once,
 * for good, when any of them ends. Ending a grant seals its workspace.
 */
@Service
class Grants {

    /** Published when a grant ends, so its workspace is sealed. */
    record GrantEnded(UUID grantId, String reason, String ruleId) {}

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcClient jdbc;
    private final ObjectProvider<AgreementDirectory> agreements;
    private final CatalogDirectory catalog;
    private final AccessKeys keys;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate separate;

    Grants(JdbcClient jdbc, ObjectProvider<AgreementDirectory> agreements, CatalogDirectory catalog, AccessKeys keys,
            AuditTrail audit, ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.agreements = agreements;
        this.catalog = catalog;
        this.keys = keys;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.separate = new TransactionTemplate(transactions);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** The agreement as the authorization module knows it now; absent when it does not exist (or no directory runs). */
    Optional<AgreementSummary> agreement(UUID agreementId) {
        AgreementDirectory directory = agreements.getIfAvailable();
        return directory == null ? Optional.empty() : directory.find(agreementId);
    }

    /** Creates the grant of a request that has just been filed or approved; returns its id. */
    UUID create(DataRequest request) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into dataspace_grant (id, request_id, party_org_id, agreement_id, scenario, zone_id, valid_from,
                    valid_until, raw_data, consent_required, sealed_key, state, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)""")
                .params(id, request.id(), request.requesterOrganizationId(), request.agreementId(), request.scenario(),
                        request.zoneId(), request.validFrom(), request.validUntil(), request.rawData(),
                        request.consentRequired(), keys.seal(keyPurpose(id), keys.newKey()),
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(AuditEvent.of("dataspace.grant-create", "grant", id).underRule(AccessRules.TZ_14.id())
                .with("request", request.id()).with("party", request.requesterOrganizationId())
                .with("agreement", request.agreementId()).with("scenario", request.scenario())
                .with("validUntil", request.validUntil()));
        events.publishEvent(new DataUse.Granted(id, request.zoneId(), request.requesterOrganizationId(),
                request.scenario(), request.validUntil(), request.tables().stream()
                        .map(t -> new DataUse.GrantedDataset(t.dataset(), t.resourceId(), t.columns().size())).toList(),
                clock.instant()));
        return id;
    }

    Grant require(UUID id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("grant", id));
    }

    Optional<Grant> find(UUID id) {
        return jdbc.sql("select * from dataspace_grant where id = ?").param(id).query(this::grant).optional();
    }

    Optional<UUID> grantOf(UUID requestId) {
        return jdbc.sql("select id from dataspace_grant where request_id = ?").param(requestId).query(UUID.class)
                .optional();
    }

    /** The grant's secret key, for pseudonyms and noise seeds. */
    byte[] key(Grant grant) {
        String sealed = jdbc.sql("select sealed_key from dataspace_grant where id = ?").param(grant.id())
                .query(String.class).single();
        return keys.open(keyPurpose(grant.id()), sealed);
    }

    Page<Grant> list(Actor actor, int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        List<Grant> items = jdbc.sql("""
                select g.* from dataspace_grant g where g.party_org_id = ? or exists (select 1 from dataspace_zone z
                    where z.id = g.zone_id and (z.operator_org_id = ? or z.supervisor_org_id = ?))
                order by g.created_at desc limit ? offset ?""")
                .params(actor.organizationId(), actor.organizationId(), actor.organizationId(), size, (long) page * size)
                .query(this::grant).list();
        long total = jdbc.sql("""
                select count(*) from dataspace_grant g where g.party_org_id = ? or exists (select 1 from dataspace_zone z
                    where z.id = g.zone_id and (z.operator_org_id = ? or z.supervisor_org_id = ?))""")
                .params(actor.organizationId(), actor.organizationId(), actor.organizationId()).query(Long.class)
                .single();
        return new Page<>(items, page, size, total);
    }

    boolean visibleTo(Actor actor, Grant grant) {
        return grant.partyOrganizationId().equals(actor.organizationId())
                || jdbc.sql("select count(*) from dataspace_zone where id = ? and (operator_org_id = ? or supervisor_org_id = ?)")
                        .params(grant.zoneId(), actor.organizationId(), actor.organizationId()).query(Long.class)
                        .single() > 0;
    }

    /**
     * Every check of use, live: throws a rule violation (and ends the grant for good where what it rests on
     * has ended) unless the grant is in force for its party now.
     */
    void checkInForce(Grant grant) {
        if (grant.state() == GrantState.ENDED) {
            throw ProblemException.ruleViolation(rule(grant.endedRule()), "workspace.grant.ended");
        }
        Optional<AgreementSummary> found = agreement(grant.agreementId());
        if (found.isEmpty() || !found.get().inForce()) {
            throw end(grant, "agreement not in force", AccessRules.TZ_11, "workspace.grant.agreement-ended");
        }
        AgreementSummary agreement = found.get();
        if (!agreement.partyOrganizationId().equals(grant.partyOrganizationId())) {
            throw end(grant, "agreement of another party", AccessRules.NJ_13, "workspace.grant.agreement-party");
        }
        if (!agreement.scenarios().contains(grant.scenario())) {
            throw end(grant, "scenario no longer authorized", AccessRules.NJ_13, "workspace.grant.scenario-ended");
        }
        LocalDate today = today();
        if (today.isAfter(grant.validUntil()) || today.isAfter(agreement.validUntil())) {
            throw end(grant, "term ended", AccessRules.TZ_11, "workspace.grant.term-ended");
        }
        if (today.isBefore(grant.validFrom())) {
            throw ProblemException.ruleViolation(AccessRules.TZ_11, "workspace.grant.not-yet");
        }
        for (DataRequest.Table table : grant.tables()) {
            List<String> published = catalog.publishedEntriesOf(table.resourceId()).stream()
                    .filter(DevelopmentEntryView::published).flatMap(e -> e.fieldNames().stream()).toList();
            if (!published.containsAll(table.columns())) {
                throw end(grant, "columns no longer published", AccessRules.TZ_13, "workspace.grant.columns-withdrawn");
            }
        }
    }

    /** Ends every active grant resting on an agreement that stopped being in force, and seals their workspaces. */
    @EventListener
    void on(AgreementEnded ended) {
        RuleRef rule = rule(ended.ruleId());
        for (Grant grant : jdbc.sql("select * from dataspace_grant where agreement_id = ? and state = 'ACTIVE'")
                .param(ended.agreementId()).query(this::grant).list()) {
            end(grant, "agreement ended: " + ended.cause(), rule, "workspace.grant.agreement-ended");
        }
    }

    /** Ends the grant in its own transaction (so the refusal that follows does not undo it) and returns the refusal. */
    ProblemException end(Grant grant, String why, RuleRef rule, String code) {
        Boolean ended = separate.execute(status -> {
            int updated = jdbc.sql("""
                    update dataspace_grant set state = 'ENDED', ended_at = ?, ended_reason = ?, ended_rule = ?
                    where id = ? and state = 'ACTIVE'""")
                    .params(Timestamp.from(clock.instant()), why, rule.id(), grant.id()).update();
            if (updated == 1) {
                GrantState.ACTIVE.checkMoveTo(GrantState.ENDED);
                audit.record(AuditEvent.of("dataspace.grant-end", "grant", grant.id()).by(Actors.currentOrSystem())
                        .underRule(rule.id()).because(why).with("agreement", grant.agreementId()));
                events.publishEvent(new GrantEnded(grant.id(), why, rule.id()));
                events.publishEvent(new DataUse.GrantEnded(grant.id(), rule.id(), clock.instant()));
            }
            return updated == 1;
        });
        return ProblemException.ruleViolation(rule, code);
    }

    static RuleRef rule(@org.jspecify.annotations.Nullable String id) {
        if (id == null) {
            return AccessRules.TZ_11;
        }
        for (RuleRef known : List.of(AccessRules.TZ_11, AccessRules.TZ_12, AccessRules.TZ_13, AccessRules.TZ_14,
                AccessRules.TZ_27, AccessRules.NJ_13, AccessRules.NJ_16, AccessRules.SY_17)) {
            if (known.id().equals(id)) {
                return known;
            }
        }
        return RuleRef.of(id);
    }

    static String keyPurpose(UUID grantId) {
        return "dataspace.grant-key:" + grantId;
    }

    private Grant grant(ResultSet rs, int row) throws SQLException {
        UUID requestId = rs.getObject("request_id", UUID.class);
        Timestamp ended = rs.getTimestamp("ended_at");
        return new Grant(rs.getObject("id", UUID.class), requestId, rs.getObject("party_org_id", UUID.class),
                rs.getObject("agreement_id", UUID.class), rs.getString("scenario"), rs.getObject("zone_id", UUID.class),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
                rs.getBoolean("raw_data"), rs.getBoolean("consent_required"), GrantState.valueOf(rs.getString("state")),
                tables(requestId), ended == null ? null : ended.toInstant(), rs.getString("ended_reason"),
                rs.getString("ended_rule"), rs.getTimestamp("created_at").toInstant());
    }

    List<DataRequest.Table> tables(UUID requestId) {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        Map<String, UUID> resources = new LinkedHashMap<>();
        jdbc.sql("""
                select dataset_name, column_name, resource_id from dataspace_data_request_column where request_id = ?
                order by dataset_name, column_name""").param(requestId).query((rs, n) -> {
                    columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    resources.put(rs.getString(1), rs.getObject(3, UUID.class));
                    return null;
                }).list();
        return columns.entrySet().stream()
                .map(e -> new DataRequest.Table(e.getKey(), resources.get(e.getKey()), e.getValue())).toList();
    }
}
