package org.pdao.dataspace.internal.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.authorization.AgreementSummary;
import org.pdao.authorization.AgreementTier;
import org.pdao.catalog.CatalogDirectory;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.catalog.DevelopmentEntryView;
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
 * Data requests (TZ-14, SY-16, NJ-13/15). A developer requests, for one scenario of its agreement in force,
 * columns that a published development entry lists (TZ-13); the zone's operator approves; filing with the
 * authority brings the grant into force. A request for raw data (源数据) also needs the authority's and the
 * source unit's consent and the data subjects' authorization, each recorded. An operator's own request
 * goes to the authority, which approves it together with the source unit. Every transition is audited.
 */
@Service
class DataRequests {

    record NewRequest(UUID zoneId, UUID agreementId, String scenario, String scenarioDescription, String feasibility,
            String value, String purpose, LocalDate validFrom, LocalDate validUntil, boolean rawData,
            boolean consentRequired, List<TableRequest> tables) {}

    record TableRequest(String dataset, List<String> columns) {}

    /** Whose consent to a raw-data request is recorded. */
    enum ConsentParty { AUTHORITY, SOURCE_UNIT }

    private final JdbcClient jdbc;
    private final ZoneDatasets datasets;
    private final DatasetResources resources;
    private final CatalogDirectory catalog;
    private final Grants grants;
    private final ConsentRegistry consents;
    private final AuditTrail audit;
    private final Clock clock;

    private final org.springframework.beans.factory.ObjectProvider<org.pdao.authorization.FilingRegister> filings;

    DataRequests(JdbcClient jdbc, ZoneDatasets datasets, DatasetResources resources, CatalogDirectory catalog,
            Grants grants, ConsentRegistry consents, AuditTrail audit, Clock clock,
            org.springframework.beans.factory.ObjectProvider<org.pdao.authorization.FilingRegister> filings) {
        this.filings = filings;
        this.jdbc = jdbc;
        this.datasets = datasets;
        this.resources = resources;
        this.catalog = catalog;
        this.grants = grants;
        this.consents = consents;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    DataRequest create(Actor actor, NewRequest request) {
        Zone zone = datasets.zone(request.zoneId()).orElseThrow(() -> ProblemException.notFound("zone", request.zoneId()));
        String kind;
        if (actor.hasRole("DEVELOPER")) {
            kind = "DEVELOPER";
        } else if (actor.hasRole("OPERATOR") && zone.operatorOrganizationId().equals(actor.organizationId())) {
            kind = "OPERATOR";
        } else {
            throw new ProblemException(HttpStatus.FORBIDDEN, "workspace.request.not-requester", null);
        }
        if (request.scenarioDescription().isBlank() || request.feasibility().isBlank() || request.value().isBlank()
                || request.purpose().isBlank()) {
            throw ProblemException.ruleViolation(AccessRules.SY_16, "workspace.request.scenario-incomplete");
        }
        if (request.validUntil().isBefore(request.validFrom())) {
            throw ProblemException.badRequest("workspace.request.term-invalid");
        }
        checkAgreement(actor.organizationId(), kind, zone, request.agreementId(), request.scenario(),
                request.validFrom(), request.validUntil());
        List<DataRequest.Table> tables = checkColumns(zone, request.tables());
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        boolean consentRequired = request.rawData() || request.consentRequired();
        jdbc.sql("""
                insert into dataspace_data_request (id, requester_org_id, requester_kind, zone_id, agreement_id, scenario,
                    scenario_description, feasibility, scenario_value, purpose, valid_from, valid_until, raw_data,
                    consent_required, state, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?)""")
                .params(id, actor.organizationId(), kind, zone.id(), request.agreementId(), request.scenario().trim(),
                        request.scenarioDescription(), request.feasibility(), request.value(), request.purpose(),
                        request.validFrom(), request.validUntil(), request.rawData(), consentRequired, actor.username(),
                        now, now)
                .update();
        for (DataRequest.Table table : tables) {
            for (String column : table.columns()) {
                jdbc.sql("""
                        insert into dataspace_data_request_column (request_id, dataset_name, column_name, resource_id)
                        values (?, ?, ?, ?)""").params(id, table.dataset(), column, table.resourceId()).update();
            }
        }
        audit.record(AuditEvent.of("dataspace.data-request-create", "data-request", id).by(actor)
                .underRule(AccessRules.TZ_14.id()).with("zone", zone.id()).with("agreement", request.agreementId())
                .with("scenario", request.scenario()).with("raw", request.rawData())
                .with("columns", tables.stream().mapToInt(t -> t.columns().size()).sum()));
        return require(id);
    }

    @Transactional
    DataRequest transition(Actor actor, UUID id, RequestState target, @Nullable String reason) {
        DataRequest request = require(id);
        request.state().checkMoveTo(target);
        Zone zone = datasets.zone(request.zoneId()).orElseThrow();
        boolean requester = request.requesterOrganizationId().equals(actor.organizationId());
        boolean operator = zone.operatorOrganizationId().equals(actor.organizationId()) && actor.hasRole("OPERATOR");
        boolean authority = zone.supervisorOrganizationId().equals(actor.organizationId())
                && (actor.hasRole("AUTHORITY") || actor.hasRole("REGULATOR"));
        switch (target) {
            case SUBMITTED, WITHDRAWN -> require(requester, AccessRules.TZ_14, "workspace.request.not-requester");
            case OPERATOR_APPROVED -> {
                require(!request.byOperator(), AccessRules.TZ_14, "workspace.request.operator-own");
                require(operator, AccessRules.TZ_14, "workspace.request.not-operator");
            }
            case AUTHORITY_APPROVED -> {
                require(request.byOperator(), AccessRules.TZ_14, "workspace.request.developer-files");
                require(authority, AccessRules.TZ_14, "workspace.request.not-authority");
                require(request.sourceUnitConsentAt() != null, AccessRules.SY_16, "workspace.request.source-consent-missing");
            }
            case FILED -> require(authority, AccessRules.TZ_14, "workspace.request.not-authority");
            case REJECTED -> {
                boolean decider = request.state() == RequestState.SUBMITTED && !request.byOperator() ? operator : authority;
                require(decider, AccessRules.TZ_14, "workspace.request.not-decider");
                if (reason == null || reason.isBlank()) {
                    throw ProblemException.badRequest("workspace.reason-required");
                }
            }
            default -> throw ProblemException.conflict("workspace.transition-refused", request.state(), target);
        }
        if (target == RequestState.SUBMITTED || target == RequestState.OPERATOR_APPROVED || target.grants()) {
            checkAgreement(request.requesterOrganizationId(), request.requesterKind(), zone, request.agreementId(),
                    request.scenario(), request.validFrom(), request.validUntil());
            checkColumns(zone, request.tables().stream()
                    .map(t -> new TableRequest(t.dataset(), t.columns())).toList());
        }
        if (target.grants() && request.rawData()) {
            require(request.authorityConsentAt() != null, AccessRules.TZ_14, "workspace.request.authority-consent-missing");
            require(request.sourceUnitConsentAt() != null, AccessRules.TZ_14, "workspace.request.source-consent-missing");
            require(consents.givenCount(request.scenario()) > 0, AccessRules.NJ_16, "workspace.request.subjects-consent-missing");
        }
        int updated = jdbc.sql("update dataspace_data_request set state = ?, reason = ?, updated_at = ? where id = ? and state = ?")
                .params(target.name(), reason, Timestamp.from(clock.instant()), id, request.state().name()).update();
        if (updated != 1) {
            throw ProblemException.conflict("workspace.concurrent-change");
        }
        AuditEvent event = AuditEvent.of("dataspace.data-request-" + target.name().toLowerCase(java.util.Locale.ROOT),
                "data-request", id).by(actor).underRule(AccessRules.TZ_14.id()).with("from", request.state())
                .with("to", target);
        audit.record(reason == null ? event : event.because(reason));
        if (target == RequestState.FILED) {
            // TZ-14 "经一级运营主体审核通过并报市数据主管部门备案": one filing record with the others
            filings.ifAvailable(register -> register.recordReceived("data-request", id, request.scenario(),
                    AccessRules.TZ_14.id(), zone.operatorOrganizationId(), actor.organizationId()));
        }
        if (target.grants()) {
            grants.create(require(id));
        }
        return require(id);
    }

    /** Records the authority's or the source unit's consent to a request (needed for raw data, TZ-14; for an operator's request, SY-16). */
    @Transactional
    DataRequest consent(Actor actor, UUID id, ConsentParty party, @Nullable String note) {
        DataRequest request = require(id);
        if (request.state().isFinal()) {
            throw ProblemException.conflict("workspace.transition-refused", request.state(), request.state());
        }
        Zone zone = datasets.zone(request.zoneId()).orElseThrow();
        Instant now = clock.instant();
        if (party == ConsentParty.AUTHORITY) {
            require(zone.supervisorOrganizationId().equals(actor.organizationId()) && actor.hasRole("AUTHORITY"),
                    AccessRules.TZ_14, "workspace.request.not-authority");
            jdbc.sql("update dataspace_data_request set authority_consent_by = ?, authority_consent_at = ? where id = ?")
                    .params(actor.username(), Timestamp.from(now), id).update();
        } else {
            Set<UUID> sourceUnits = new HashSet<>();
            for (DataRequest.Table table : request.tables()) {
                catalog.resource(table.resourceId()).map(CatalogResourceView::sourceUnitId).ifPresent(sourceUnits::add);
            }
            require(actor.hasRole("SOURCE_UNIT") && sourceUnits.equals(Set.of(actor.organizationId())),
                    AccessRules.TZ_14, "workspace.request.not-source-unit");
            jdbc.sql("update dataspace_data_request set source_consent_by = ?, source_consent_at = ? where id = ?")
                    .params(actor.username(), Timestamp.from(now), id).update();
        }
        AuditEvent event = AuditEvent.of("dataspace.data-request-consent", "data-request", id).by(actor)
                .underRule(AccessRules.TZ_14.id()).with("party", party);
        audit.record(note == null ? event : event.because(note));
        return require(id);
    }

    DataRequest require(UUID id) {
        return jdbc.sql("select * from dataspace_data_request where id = ?").param(id).query(this::request).optional()
                .orElseThrow(() -> ProblemException.notFound("data-request", id));
    }

    /** A request as its requester, the zone's operator or supervisor, or a source unit of its data sees it. */
    DataRequest show(Actor actor, UUID id) {
        DataRequest request = require(id);
        Zone zone = datasets.zone(request.zoneId()).orElseThrow();
        boolean involved = request.requesterOrganizationId().equals(actor.organizationId())
                || zone.operatorOrganizationId().equals(actor.organizationId())
                || zone.supervisorOrganizationId().equals(actor.organizationId())
                || actor.hasRole("SECURITY_SUPERVISOR")
                || request.tables().stream().anyMatch(t -> catalog.resource(t.resourceId())
                        .map(r -> r.sourceUnitId().equals(actor.organizationId())).orElse(false));
        if (!involved) {
            throw ProblemException.notFound("data-request", id);
        }
        return request;
    }

    Page<DataRequest> list(Actor actor, @Nullable RequestState state, int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        String where = """
                 from dataspace_data_request r where (r.requester_org_id = ? or exists (select 1 from dataspace_zone z
                    where z.id = r.zone_id and (z.operator_org_id = ? or z.supervisor_org_id = ?)))"""
                + (state == null ? "" : " and r.state = '" + state.name() + "'");
        UUID org = actor.organizationId();
        List<DataRequest> items = jdbc.sql("select r.*" + where + " order by r.created_at desc limit ? offset ?")
                .params(org, org, org, size, (long) page * size).query(this::request).list();
        long total = jdbc.sql("select count(*)" + where).params(org, org, org).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    /** The agreement in force, of this party and tier, covering the zone, the scenario and the whole term. */
    private void checkAgreement(@Nullable UUID party, String kind, Zone zone, UUID agreementId, String scenario,
            LocalDate from, LocalDate until) {
        Optional<AgreementSummary> found = grants.agreement(agreementId);
        if (found.isEmpty() || !found.get().inForce()) {
            throw ProblemException.ruleViolation(AccessRules.TZ_11, "workspace.request.agreement-not-in-force");
        }
        AgreementSummary agreement = found.get();
        AgreementTier tier = "OPERATOR".equals(kind) ? AgreementTier.OPERATOR : AgreementTier.DEVELOPER;
        if (!agreement.partyOrganizationId().equals(party) || agreement.tier() != tier) {
            throw ProblemException.ruleViolation(AccessRules.NJ_13, "workspace.request.agreement-party");
        }
        if (!agreement.scenarios().contains(scenario.trim())) {
            throw ProblemException.ruleViolation(AccessRules.NJ_13, "workspace.request.scenario-outside");
        }
        boolean namesZones = !agreement.zoneIds().isEmpty() || !agreement.zoneCodes().isEmpty();
        if (namesZones && !agreement.coversZone(zone.id(), zone.code())) {
            throw ProblemException.ruleViolation(AccessRules.NJ_13, "workspace.request.zone-outside");
        }
        if (from.isBefore(agreement.validFrom()) || until.isAfter(agreement.validUntil())) {
            throw ProblemException.ruleViolation(AccessRules.TZ_11, "workspace.request.term-outside");
        }
    }

    /** Every requested column exists and is listed by a published development entry of its dataset's resource (TZ-13). */
    private List<DataRequest.Table> checkColumns(Zone zone, List<TableRequest> requested) {
        if (requested.isEmpty()) {
            throw ProblemException.badRequest("workspace.request.no-columns");
        }
        Set<String> seen = new HashSet<>();
        List<DataRequest.Table> tables = new java.util.ArrayList<>();
        for (TableRequest table : requested) {
            if (!seen.add(table.dataset()) || table.columns().isEmpty()) {
                throw ProblemException.badRequest("workspace.request.no-columns");
            }
            ZoneDatasets.Dataset dataset = datasets.dataset(zone.id(), table.dataset())
                    .orElseThrow(() -> ProblemException.badRequest("workspace.request.dataset-unknown", table.dataset()));
            Set<String> columns = new LinkedHashSet<>(table.columns());
            if (!dataset.grades().keySet().containsAll(columns)) {
                throw ProblemException.badRequest("workspace.request.column-unknown", table.dataset());
            }
            CatalogResourceView resource = resources.resourceOf(dataset).orElseThrow(
                    () -> ProblemException.ruleViolation(AccessRules.TZ_13, "workspace.request.not-cataloged", table.dataset()));
            Set<String> published = new HashSet<>();
            catalog.publishedEntriesOf(resource.id()).stream().filter(DevelopmentEntryView::published)
                    .forEach(e -> published.addAll(e.fieldNames()));
            if (!published.containsAll(columns)) {
                throw ProblemException.ruleViolation(AccessRules.TZ_13, "workspace.request.not-published", table.dataset());
            }
            tables.add(new DataRequest.Table(dataset.name(), resource.id(), List.copyOf(columns)));
        }
        return tables;
    }

    private static void require(boolean condition, org.pdao.shared.RuleRef rule, String code) {
        if (!condition) {
            throw ProblemException.ruleViolation(rule, code);
        }
    }

    private DataRequest request(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Timestamp authority = rs.getTimestamp("authority_consent_at");
        Timestamp source = rs.getTimestamp("source_consent_at");
        return new DataRequest(id, rs.getObject("requester_org_id", UUID.class), rs.getString("requester_kind"),
                rs.getObject("zone_id", UUID.class), rs.getObject("agreement_id", UUID.class), rs.getString("scenario"),
                rs.getString("scenario_description"), rs.getString("feasibility"), rs.getString("scenario_value"),
                rs.getString("purpose"), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_until", LocalDate.class), rs.getBoolean("raw_data"),
                rs.getBoolean("consent_required"), RequestState.valueOf(rs.getString("state")), rs.getString("reason"),
                rs.getString("authority_consent_by"), authority == null ? null : authority.toInstant(),
                rs.getString("source_consent_by"), source == null ? null : source.toInstant(), grants.tables(id),
                grants.grantOf(id).orElse(null), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }
}
