package org.pdao.supervision.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.Role;
import org.pdao.shared.Actor;
import org.pdao.shared.DeadlineOverdue;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts raised from overdue deadlines of any module ({@link DeadlineOverdue}), one per overdue step;
 * seen by the responsible organization, the supervising authority and the security supervisors;
 * acknowledged by the responsible organization or the authority, closed by the authority.
 */
@Service
class AlertBoard {

    private final Alerts alerts;
    private final AuditTrail audit;
    private final MessageSource messages;
    private final TransactionTemplate tx;
    private final Clock clock;

    AlertBoard(Alerts alerts, AuditTrail audit, MessageSource messages, TransactionTemplate tx, Clock clock) {
        this.alerts = alerts;
        this.audit = audit;
        this.messages = messages;
        this.tx = tx;
        this.clock = clock;
    }

    /** Raises the alert of an overdue step unless it was raised already; runs in the caller's transaction. */
    boolean raise(DeadlineOverdue e) {
        Instant now = clock.instant();
        Alert a = new Alert(UUID.randomUUID(), e.ruleId(), e.subjectType(), e.subjectId(), e.messageCode(), null,
                e.responsibleOrganizationId(), e.supervisingOrganizationId(), e.dueOn(), AlertState.OPEN, now, now,
                null, null);
        boolean raised = alerts.insertOnce(a);
        if (raised) {
            audit.record(AuditEvent.of("supervision.alert.raise", "supervision-alert", a.id())
                    .with("subjectType", e.subjectType()).with("subject", e.subjectId()).with("dueOn", e.dueOn())
                    .with("responsible", e.responsibleOrganizationId()).underRule(e.ruleId()));
        }
        return raised;
    }

    Page<Alert> page(Actor actor, Alerts.Filter filter, int page, int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        Alerts.Scope scope = scopeOf(actor);
        return new Page<>(alerts.page(scope, filter, p * s, s).stream().map(this::described).toList(), p, s,
                alerts.count(scope, filter));
    }

    Alert show(Actor actor, UUID id) {
        Alert a = require(id);
        if (!sees(actor, a)) {
            throw ProblemException.notFound("alert", id);
        }
        return described(a);
    }

    Alert acknowledge(Actor actor, UUID id, @Nullable String note) {
        Alert a = show(actor, id);
        boolean responsible = a.responsibleOrgId().equals(actor.organizationId());
        if (!responsible && !supervises(actor, a)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "supervision.alert.not-yours", null);
        }
        return move(actor, a, AlertState.ACKNOWLEDGED, note);
    }

    Alert close(Actor actor, UUID id, String note) {
        Alert a = show(actor, id);
        if (!supervises(actor, a)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "supervision.alert.authority-closes", null);
        }
        return move(actor, a, AlertState.CLOSED, note);
    }

    /**
     * Closes, on the platform's behalf, every alert of a subject that is no longer late (the calendar year has
     * been loaded); returns how many. Runs in the caller's transaction.
     */
    int resolve(String subjectType, String subjectId, Actor actor, String note) {
        int closed = 0;
        for (Alert a : alerts.page(new Alerts.Scope(true, null, null, false),
                new Alerts.Filter(null, subjectType, subjectId, null), 0, 100)) {
            if (a.state() != AlertState.CLOSED) {
                move(actor, a, AlertState.CLOSED, note);
                closed++;
            }
        }
        return closed;
    }

    /** The one guarded transition of an alert. */
    private Alert move(Actor actor, Alert current, AlertState target, @Nullable String note) {
        String action = "supervision.alert." + target.name().toLowerCase();
        if (!current.state().canMoveTo(target)) {
            audit.record(AuditEvent.of(action, "supervision-alert", current.id()).with("from", current.state())
                    .with("to", target).refused("supervision.alert.illegal-transition", current.ruleId()));
            throw ProblemException.ruleViolation(RuleRef.of(current.ruleId()), "supervision.alert.illegal-transition",
                    current.state().name(), target.name());
        }
        Alert next = current.transitionTo(target, actor.username(), note, clock.instant());
        tx.executeWithoutResult(status -> {
            if (!alerts.update(next, current.state())) {
                throw ProblemException.conflict("supervision.changed-meanwhile");
            }
            audit.record(AuditEvent.of(action, "supervision-alert", current.id()).with("from", current.state())
                    .with("to", target).because(note == null ? "" : note).underRule(current.ruleId()));
        });
        return described(next);
    }

    private Alert require(UUID id) {
        return alerts.find(id).orElseThrow(() -> ProblemException.notFound("alert", id));
    }

    private Alert described(Alert a) {
        return a.describedAs(messages.getMessage(a.messageCode(), null, a.messageCode(), LocaleContextHolder.getLocale()));
    }

    private static boolean supervises(Actor actor, Alert a) {
        if (actor.hasRole(Role.AUTHORITY.name())) {
            return a.supervisingOrgId() == null || a.supervisingOrgId().equals(actor.organizationId());
        }
        return actor.hasRole(Role.REGULATOR.name()) && a.supervisingOrgId() != null
                && a.supervisingOrgId().equals(actor.organizationId());
    }

    private static boolean sees(Actor actor, Alert a) {
        Alerts.Scope s = scopeOf(actor);
        return s.all() || a.responsibleOrgId().equals(s.responsible())
                || (a.supervisingOrgId() != null && a.supervisingOrgId().equals(s.supervising()))
                || (s.unsupervisedToo() && a.supervisingOrgId() == null);
    }

    static Alerts.Scope scopeOf(Actor actor) {
        if (actor.hasRole(Role.SECURITY_SUPERVISOR.name()) || actor.hasRole("SYSTEM")) {
            return new Alerts.Scope(true, null, null, false);
        }
        UUID org = actor.organizationId();
        if (actor.hasRole(Role.AUTHORITY.name())) {
            return new Alerts.Scope(false, org, org, true);
        }
        if (actor.hasRole(Role.REGULATOR.name())) {
            return new Alerts.Scope(false, org, org, false);
        }
        return new Alerts.Scope(false, org, null, false);
    }
}
