package org.pdao.catalog.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
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
 * Sharing requests (TZM-15): a unit asks to share a catalog resource for its statutory duties; the
 * resource's source unit reviews within the review deadline; a refusal becomes an arbitration item
 * for the data authority at once, a review not done in time when the deadline check finds it.
 */
@Service
class SharingDesk {

    record Submission(UUID resourceId, String purpose, String legalDuty) {}

    private final SharingRequests requests;
    private final ResourceCatalog resources;
    private final ArbitrationItems arbitration;
    private final SupplyRules rules;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    SharingDesk(SharingRequests requests, ResourceCatalog resources, ArbitrationItems arbitration, SupplyRules rules,
            AuditTrail audit, TransactionTemplate tx, Clock clock) {
        this.requests = requests;
        this.resources = resources;
        this.arbitration = arbitration;
        this.rules = rules;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    SharingRequest submit(Actor actor, Submission s) {
        UUID requester = DemandDesk.organizationOf(actor);
        Resource resource = resources.require(s.resourceId());
        if (resource.sourceUnitId().equals(requester)) {
            throw ProblemException.badRequest("catalog.sharing.own-resource");
        }
        LocalDate received = rules.today();
        Deadline due = rules.reviewDeadline(received);
        Instant now = clock.instant();
        SharingRequest r = new SharingRequest(UUID.randomUUID(), resource.id(), resource.sourceUnitId(), requester,
                actor.username(), s.purpose().trim(), s.legalDuty().trim(), SharingState.SUBMITTED, received,
                due.due(), null, null, null, now, now);
        tx.executeWithoutResult(status -> {
            requests.insert(r);
            audit.record(AuditEvent.of("catalog.sharing.submit", "catalog-sharing-request", r.id())
                    .with("resource", resource.id()).with("to", SharingState.SUBMITTED).with("reviewDue", due.due())
                    .underRule(rules.sharingRule().id()));
        });
        return r;
    }

    SharingRequest require(UUID id) {
        return requests.find(id).orElseThrow(() -> ProblemException.notFound("sharing request", id));
    }

    SharingRequest show(Actor actor, UUID id) {
        SharingRequest r = require(id);
        UUID org = DemandDesk.visibleTo(actor);
        if (org != null && !org.equals(r.sourceUnitId()) && !org.equals(r.requesterId())) {
            throw ProblemException.notFound("sharing request", id);
        }
        return r;
    }

    Page<SharingRequest> page(Actor actor, @Nullable SharingState state, int page, int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        UUID org = DemandDesk.visibleTo(actor);
        return new Page<>(requests.page(org, state, p * s, s), p, s, requests.count(org, state));
    }

    SharingRequest approve(Actor actor, UUID id, @Nullable String note) {
        SharingRequest current = require(id);
        checkReviewer(actor, current, "catalog.sharing.approve");
        LocalDate today = rules.today();
        return move(actor, current, SharingState.APPROVED, "catalog.sharing.approve", note,
                r -> r.reviewed(today, note, null), r -> {});
    }

    /** Refused by the source unit: recorded with its reasons and sent to the authority for arbitration. */
    SharingRequest refuse(Actor actor, UUID id, String reason, @Nullable String legalBasis) {
        SharingRequest current = require(id);
        checkReviewer(actor, current, "catalog.sharing.refuse");
        LocalDate today = rules.today();
        return move(actor, current, SharingState.REFUSED, "catalog.sharing.refuse", reason,
                r -> r.reviewed(today, reason, legalBasis == null || legalBasis.isBlank() ? null : legalBasis.trim()),
                r -> openArbitration(r, ArbitrationItem.Cause.REFUSED));
    }

    SharingRequest withdraw(Actor actor, UUID id, @Nullable String reason) {
        SharingRequest current = require(id);
        if (!current.requesterId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "catalog.sharing.not-requester", null);
        }
        return move(actor, current, SharingState.WITHDRAWN, "catalog.sharing.withdraw", reason, r -> r, r -> {});
    }

    /** The review deadline passed: the authority decides (called by the deadline check, once per request). */
    SharingRequest escalate(SharingRequest current, Consumer<SharingRequest> within) {
        return move(Actor.system(), current, SharingState.ESCALATED, "catalog.sharing.escalate",
                "review overdue since " + current.reviewDue(), r -> r, r -> {
                    openArbitration(r, ArbitrationItem.Cause.OVERDUE);
                    within.accept(r);
                });
    }

    SharingRequest applyRuling(Actor actor, SharingRequest current, boolean share, String reason) {
        return move(actor, current, share ? SharingState.RULED_SHARED : SharingState.RULED_NOT_SHARED,
                "catalog.sharing.ruling", reason, r -> r, r -> {});
    }

    List<SharingRequest> reviewsOverdue(LocalDate today) {
        return requests.reviewsOverdue(today);
    }

    private void openArbitration(SharingRequest r, ArbitrationItem.Cause cause) {
        RuleRef rule = rules.disputeRule();
        ArbitrationItem item = new ArbitrationItem(UUID.randomUUID(), ArbitrationItem.Subject.SHARING_REQUEST, r.id(),
                cause, ArbitrationState.OPEN, r.sourceUnitId(), r.requesterId(), rule.id(), clock.instant(), null, null,
                null, null);
        arbitration.insert(item);
        audit.record(AuditEvent.of("catalog.arbitration.open", "catalog-arbitration", item.id())
                .with("subject", r.id()).with("cause", cause).underRule(rule.id()));
    }

    /** The one guarded transition: checks the state table, stores from the state read, audits. */
    private SharingRequest move(Actor actor, SharingRequest current, SharingState target, String action,
            @Nullable String reason, UnaryOperator<SharingRequest> change, Consumer<SharingRequest> within) {
        RuleRef rule = rules.sharingRule();
        if (!current.state().canMoveTo(target)) {
            audit.record(AuditEvent.of(action, "catalog-sharing-request", current.id()).by(actor)
                    .with("from", current.state()).with("to", target)
                    .refused("catalog.sharing.illegal-transition", rule.id()));
            throw ProblemException.ruleViolation(rule, "catalog.sharing.illegal-transition", current.state().name(),
                    target.name());
        }
        SharingRequest next = change.apply(current.transitionTo(target, clock.instant()));
        tx.executeWithoutResult(status -> {
            if (!requests.update(next, current.state())) {
                throw ProblemException.conflict("catalog.supply.changed-meanwhile");
            }
            audit.record(AuditEvent.of(action, "catalog-sharing-request", current.id()).by(actor)
                    .with("from", current.state()).with("to", target).because(reason == null ? "" : reason)
                    .underRule(rule.id()));
            within.accept(next);
        });
        return next;
    }

    private void checkReviewer(Actor actor, SharingRequest r, String action) {
        if (!actor.hasRole(Role.SOURCE_UNIT.name()) || !r.sourceUnitId().equals(actor.organizationId())) {
            audit.record(AuditEvent.of(action, "catalog-sharing-request", r.id()).by(actor)
                    .refused("catalog.sharing.not-reviewer", rules.sharingRule().id()));
            throw new ProblemException(HttpStatus.FORBIDDEN, "catalog.sharing.not-reviewer", rules.sharingRule());
        }
    }
}
