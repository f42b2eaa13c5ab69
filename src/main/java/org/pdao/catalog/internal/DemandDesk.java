package org.pdao.catalog.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationType;
import org.pdao.identity.Role;
import org.pdao.jurisdiction.Deadline;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data demands for data not yet collected (TZM-11): a requesting unit submits, the addressed source
 * unit answers within the answer deadline — agreeing, or refusing with its legal basis — and delivers
 * what it agreed within the delivery deadline. Every transition and refusal is audited with the rule.
 */
@Service
class DemandDesk {

    /** What a requester asks for. */
    record Submission(UUID sourceUnitId, String title, String description, String purpose) {}

    private final Demands demands;
    private final SupplyRules rules;
    private final OrganizationDirectory organizations;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final java.time.Clock clock;

    DemandDesk(Demands demands, SupplyRules rules, OrganizationDirectory organizations, AuditTrail audit,
            TransactionTemplate tx, java.time.Clock clock) {
        this.demands = demands;
        this.rules = rules;
        this.organizations = organizations;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    DataDemand submit(Actor actor, Submission s) {
        UUID requester = organizationOf(actor);
        boolean isSourceUnit = organizations.find(s.sourceUnitId())
                .map(o -> o.type() == OrganizationType.SOURCE_UNIT).orElse(false);
        if (!isSourceUnit) {
            throw ProblemException.badRequest("catalog.demand.unknown-source-unit");
        }
        if (s.sourceUnitId().equals(requester)) {
            throw ProblemException.badRequest("catalog.demand.own-unit");
        }
        LocalDate received = rules.today();
        Deadline due = rules.answerDeadline(received);
        Instant now = clock.instant();
        DataDemand d = new DataDemand(UUID.randomUUID(), s.title().trim(), s.description().trim(), s.purpose().trim(),
                s.sourceUnitId(), requester, actor.username(), DemandState.SUBMITTED, received, due.due(), null, null,
                null, null, null, null, false, now, now);
        tx.executeWithoutResult(status -> {
            demands.insert(d);
            audit.record(AuditEvent.of("catalog.demand.submit", "catalog-demand", d.id())
                    .with("sourceUnit", d.sourceUnitId()).with("to", DemandState.SUBMITTED)
                    .with("answerDue", due.due()).underRule(rules.demandRule().id()));
        });
        return d;
    }

    DataDemand require(UUID id) {
        return demands.find(id).orElseThrow(() -> ProblemException.notFound("data demand", id));
    }

    DataDemand show(Actor actor, UUID id) {
        DataDemand d = require(id);
        UUID org = visibleTo(actor);
        if (org != null && !org.equals(d.sourceUnitId()) && !org.equals(d.requesterId())) {
            throw ProblemException.notFound("data demand", id);
        }
        return d;
    }

    Page<DataDemand> page(Actor actor, @Nullable DemandState state, int page, int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        UUID org = visibleTo(actor);
        return new Page<>(demands.page(org, state, p * s, s), p, s, demands.count(org, state));
    }

    /** The addressed source unit agrees; delivery is due the profile's working days after today. */
    DataDemand agree(Actor actor, UUID id, String answer) {
        DataDemand current = require(id);
        checkAddressed(actor, current, "catalog.demand.agree");
        LocalDate today = rules.today();
        Deadline delivery = rules.deliveryDeadline(today);
        return move(actor, current, DemandState.AGREED, "catalog.demand.agree", answer,
                d -> d.answered(today, answer, null, delivery.due()));
    }

    /** The addressed source unit refuses, citing the legal basis (TZM-11: 说明理由并提供法律、法规依据). */
    DataDemand refuse(Actor actor, UUID id, String reason, @Nullable String legalBasis) {
        DataDemand current = require(id);
        checkAddressed(actor, current, "catalog.demand.refuse");
        checkLegalBasis(current, "catalog.demand.refuse", legalBasis);
        LocalDate today = rules.today();
        return move(actor, current, DemandState.REFUSED, "catalog.demand.refuse", reason,
                d -> d.answered(today, reason, legalBasis == null ? null : legalBasis.trim(), null));
    }

    DataDemand deliver(Actor actor, UUID id, @Nullable UUID resourceId, @Nullable String note) {
        DataDemand current = require(id);
        checkAddressed(actor, current, "catalog.demand.deliver");
        LocalDate today = rules.today();
        return move(actor, current, DemandState.DELIVERED, "catalog.demand.deliver", note,
                d -> d.delivered(today, resourceId, note));
    }

    DataDemand withdraw(Actor actor, UUID id, @Nullable String reason) {
        DataDemand current = require(id);
        if (!current.requesterId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "catalog.demand.not-requester", null);
        }
        return move(actor, current, DemandState.WITHDRAWN, "catalog.demand.withdraw", reason, d -> d);
    }

    /**
     * The answer deadline passed: the demand goes to the authority as an arbitration item, in the same
     * transaction (called by the deadline check; the state change makes it happen once).
     */
    DataDemand escalate(DataDemand current, java.util.function.Consumer<DataDemand> within) {
        return move(Actor.system(), current, DemandState.ESCALATED, "catalog.demand.escalate",
                "answer overdue since " + current.answerDue(), d -> d, within);
    }

    /** The authority's ruling on an escalated demand: supply (delivery due from today) or refusal upheld. */
    DataDemand applyRuling(Actor actor, DataDemand current, boolean supply, String reason,
            @Nullable String legalBasis) {
        LocalDate today = rules.today();
        if (supply) {
            Deadline delivery = rules.deliveryDeadline(today);
            return move(actor, current, DemandState.AGREED, "catalog.demand.ruling", reason,
                    d -> d.answered(today, reason, null, delivery.due()));
        }
        checkLegalBasis(current, "catalog.demand.ruling", legalBasis);
        return move(actor, current, DemandState.REFUSED, "catalog.demand.ruling", reason,
                d -> d.answered(today, reason, legalBasis == null ? null : legalBasis.trim(), null));
    }

    List<DataDemand> answersOverdue(LocalDate today) {
        return demands.answersOverdue(today);
    }

    List<DataDemand> deliveriesOverdue(LocalDate today) {
        return demands.deliveriesOverdue(today);
    }

    boolean markDeliveryAlerted(UUID id) {
        return demands.markDeliveryAlerted(id);
    }

    /** The one guarded transition: checks the state table, stores from the state read, audits. */
    private DataDemand move(Actor actor, DataDemand current, DemandState target, String action,
            @Nullable String reason, java.util.function.UnaryOperator<DataDemand> change) {
        return move(actor, current, target, action, reason, change, d -> {});
    }

    private DataDemand move(Actor actor, DataDemand current, DemandState target, String action,
            @Nullable String reason, java.util.function.UnaryOperator<DataDemand> change,
            java.util.function.Consumer<DataDemand> within) {
        RuleRef rule = rules.demandRule();
        if (!current.state().canMoveTo(target)) {
            audit.record(AuditEvent.of(action, "catalog-demand", current.id()).by(actor).with("from", current.state())
                    .with("to", target).refused("catalog.demand.illegal-transition", rule.id()));
            throw ProblemException.ruleViolation(rule, "catalog.demand.illegal-transition", current.state().name(),
                    target.name());
        }
        DataDemand next = change.apply(current.transitionTo(target, clock.instant()));
        tx.executeWithoutResult(status -> {
            if (!demands.update(next, current.state())) {
                throw ProblemException.conflict("catalog.supply.changed-meanwhile");
            }
            AuditEvent event = AuditEvent.of(action, "catalog-demand", current.id()).by(actor)
                    .with("from", current.state()).with("to", target).because(reason == null ? "" : reason)
                    .underRule(rule.id());
            if (next.deliveryDue() != null && target == DemandState.AGREED) {
                event = event.with("deliveryDue", next.deliveryDue());
            }
            if (next.legalBasis() != null && target == DemandState.REFUSED) {
                event = event.with("legalBasis", next.legalBasis());
            }
            audit.record(event);
            within.accept(next);
        });
        return next;
    }

    private void checkAddressed(Actor actor, DataDemand d, String action) {
        if (d.state() == DemandState.ESCALATED) {
            audit.record(AuditEvent.of(action, "catalog-demand", d.id()).by(actor)
                    .refused("catalog.demand.escalated", rules.disputeRule().id()));
            throw ProblemException.ruleViolation(rules.disputeRule(), "catalog.demand.escalated");
        }
        if (!actor.hasRole(Role.SOURCE_UNIT.name()) || !d.sourceUnitId().equals(actor.organizationId())) {
            audit.record(AuditEvent.of(action, "catalog-demand", d.id()).by(actor)
                    .refused("catalog.demand.not-addressed", rules.demandRule().id()));
            throw new ProblemException(HttpStatus.FORBIDDEN, "catalog.demand.not-addressed", rules.demandRule());
        }
    }

    private void checkLegalBasis(DataDemand d, String action, @Nullable String legalBasis) {
        if (rules.refusalNeedsLegalBasis() && (legalBasis == null || legalBasis.isBlank())) {
            RuleRef rule = rules.demandRule();
            audit.record(AuditEvent.of(action, "catalog-demand", d.id())
                    .refused("catalog.demand.legal-basis-required", rule.id()));
            throw ProblemException.ruleViolation(rule, "catalog.demand.legal-basis-required");
        }
    }

    static UUID organizationOf(Actor actor) {
        if (actor.organizationId() == null) {
            throw ProblemException.badRequest("catalog.supply.organization-required");
        }
        return actor.organizationId();
    }

    /** The organization whose items an actor sees, or null for all (the authority, supervisors). */
    static @Nullable UUID visibleTo(Actor actor) {
        if (actor.hasRole(Role.AUTHORITY.name()) || actor.hasRole(Role.SECURITY_SUPERVISOR.name())
                || actor.hasRole("SYSTEM")) {
            return null;
        }
        return organizationOf(actor);
    }
}
