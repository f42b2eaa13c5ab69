package org.pdao.supervision.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.catalog.CatalogSupply;
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
 * Quality issues as governance requests (TZ-17, SY-11): raised by operators and developers or by the
 * automatic checks; the authority dispatches a rectification task to the resource's source unit
 * (TZM-12: 7 working days in Taizhou) or dismisses the request; the source unit reports the
 * correction; the reporter (the authority for automatic issues) confirms or reopens.
 */
@Service
class QualityDesk {

    /** An issue with its rectification tasks. */
    record IssueView(QualityIssue issue, List<RectificationTask> tasks) {}

    private final QualityIssues issues;
    private final CatalogSupply catalog;
    private final QualityRules rules;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    QualityDesk(QualityIssues issues, CatalogSupply catalog, QualityRules rules, AuditTrail audit,
            TransactionTemplate tx, Clock clock) {
        this.issues = issues;
        this.catalog = catalog;
        this.rules = rules;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    QualityIssue report(Actor actor, UUID resourceId, String dimension, String description) {
        if (actor.organizationId() == null) {
            throw ProblemException.badRequest("supervision.organization-required");
        }
        CatalogSupply.SuppliedResource resource = catalog.resource(resourceId)
                .orElseThrow(() -> ProblemException.badRequest("supervision.quality.unknown-resource"));
        String dim = checkedDimension(dimension);
        return raise(actor, resource.id(), resource.sourceUnitId(), dim, null, description.trim(),
                actor.organizationId(), false);
    }

    /** Raises an automatic issue unless the same check has one still open; returns whether it raised one. */
    boolean raiseAutomatic(@Nullable UUID resourceId, UUID sourceUnitId, String dimension, String checkCode,
            String description) {
        if (issues.openCheck(resourceId, sourceUnitId, checkCode)) {
            return false;
        }
        raise(Actor.system(), resourceId, sourceUnitId, dimension, checkCode, description, null, true);
        return true;
    }

    private QualityIssue raise(Actor actor, @Nullable UUID resourceId, UUID unit, String dimension,
            @Nullable String checkCode, String description, @Nullable UUID reporter, boolean automatic) {
        Instant now = clock.instant();
        QualityIssue issue = new QualityIssue(UUID.randomUUID(), resourceId, unit, dimension, checkCode, description,
                reporter, actor.username(), automatic, IssueState.REPORTED, null, now, now);
        RuleRef rule = rules.governanceRule();
        tx.executeWithoutResult(status -> {
            issues.insert(issue);
            audit.record(AuditEvent.of("supervision.quality.report", "supervision-quality-issue", issue.id()).by(actor)
                    .with("resource", resourceId).with("sourceUnit", unit).with("dimension", dimension)
                    .with("automatic", automatic).with("to", IssueState.REPORTED).underRule(rule.id()));
        });
        return issue;
    }

    IssueView show(Actor actor, UUID id) {
        QualityIssue i = require(id);
        UUID org = visibleTo(actor);
        if (org != null && !org.equals(i.sourceUnitId()) && !org.equals(i.reporterOrgId())) {
            throw ProblemException.notFound("quality issue", id);
        }
        return new IssueView(i, issues.tasks(id));
    }

    Page<QualityIssue> page(Actor actor, QualityIssues.Filter filter, int page, int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        UUID org = visibleTo(actor);
        return new Page<>(issues.page(org, filter, p * s, s), p, s, issues.count(org, filter));
    }

    /** The authority dispatches a rectification task to the source unit; due in the profile's working days. */
    IssueView dispatch(Actor actor, UUID id, @Nullable String note) {
        QualityIssue current = require(id);
        return new IssueView(move(actor, current, IssueState.DISPATCHED, "supervision.quality.dispatch", note,
                rules.rectificationRule(), next -> newTask(actor, next)), issues.tasks(id));
    }

    IssueView dismiss(Actor actor, UUID id, String reason) {
        QualityIssue current = require(id);
        return new IssueView(move(actor, current, IssueState.DISMISSED, "supervision.quality.dismiss", reason,
                rules.governanceRule(), next -> {}), issues.tasks(id));
    }

    /** The addressed source unit reports the correction. */
    IssueView rectify(Actor actor, UUID id, String note) {
        QualityIssue current = require(id);
        RuleRef rule = rules.rectificationRule();
        if (!actor.hasRole(Role.SOURCE_UNIT.name()) || !current.sourceUnitId().equals(actor.organizationId())) {
            audit.record(AuditEvent.of("supervision.quality.rectify", "supervision-quality-issue", id)
                    .refused("supervision.quality.not-addressed", rule.id()));
            throw new ProblemException(HttpStatus.FORBIDDEN, "supervision.quality.not-addressed", rule);
        }
        LocalDate today = rules.today();
        return new IssueView(move(actor, current, IssueState.RECTIFIED, "supervision.quality.rectify", note, rule,
                next -> issues.openTask(id).ifPresent(t -> {
                    if (!issues.completeTask(t.id(), today, note)) {
                        throw ProblemException.conflict("supervision.changed-meanwhile");
                    }
                })), issues.tasks(id));
    }

    IssueView confirm(Actor actor, UUID id, @Nullable String note) {
        QualityIssue current = require(id);
        checkReporter(actor, current);
        return new IssueView(move(actor, current, IssueState.CONFIRMED, "supervision.quality.confirm", note,
                rules.governanceRule(), next -> {}), issues.tasks(id));
    }

    /** The reporter is not satisfied: a new rectification task goes to the source unit. */
    IssueView reopen(Actor actor, UUID id, String reason) {
        QualityIssue current = require(id);
        checkReporter(actor, current);
        return new IssueView(move(actor, current, IssueState.DISPATCHED, "supervision.quality.reopen", reason,
                rules.rectificationRule(), next -> newTask(actor, next)), issues.tasks(id));
    }

    private void newTask(Actor actor, QualityIssue issue) {
        LocalDate today = rules.today();
        Deadline due = rules.rectificationDeadline(today);
        RectificationTask task = new RectificationTask(UUID.randomUUID(), issue.id(), issue.sourceUnitId(), today,
                due.due(), null, null, false, actor.username(), clock.instant());
        issues.insertTask(task);
        audit.record(AuditEvent.of("supervision.rectification.dispatch", "supervision-rectification", task.id())
                .with("issue", issue.id()).with("sourceUnit", issue.sourceUnitId()).with("dueOn", due.due())
                .underRule(rules.rectificationRule().id()));
    }

    private void checkReporter(Actor actor, QualityIssue i) {
        boolean reporter = i.reporterOrgId() != null && i.reporterOrgId().equals(actor.organizationId());
        boolean authorityForAutomatic = i.automatic() && actor.hasRole(Role.AUTHORITY.name());
        if (!reporter && !authorityForAutomatic) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "supervision.quality.not-reporter", null);
        }
    }

    /** The one guarded transition of an issue: state table, optimistic store, audit, side effect — one transaction. */
    private QualityIssue move(Actor actor, QualityIssue current, IssueState target, String action,
            @Nullable String reason, RuleRef rule, Consumer<QualityIssue> within) {
        if (!current.state().canMoveTo(target)) {
            audit.record(AuditEvent.of(action, "supervision-quality-issue", current.id()).by(actor)
                    .with("from", current.state()).with("to", target)
                    .refused("supervision.quality.illegal-transition", rule.id()));
            throw ProblemException.ruleViolation(rule, "supervision.quality.illegal-transition",
                    current.state().name(), target.name());
        }
        if ((target == IssueState.DISMISSED || action.endsWith("reopen")) && (reason == null || reason.isBlank())) {
            throw ProblemException.badRequest("supervision.quality.reason-required");
        }
        QualityIssue next = current.transitionTo(target, reason, clock.instant());
        tx.executeWithoutResult(status -> {
            if (!issues.update(next, current.state())) {
                throw ProblemException.conflict("supervision.changed-meanwhile");
            }
            audit.record(AuditEvent.of(action, "supervision-quality-issue", current.id()).by(actor)
                    .with("from", current.state()).with("to", target).because(reason == null ? "" : reason)
                    .underRule(rule.id()));
            within.accept(next);
        });
        return next;
    }

    private String checkedDimension(String dimension) {
        String d = dimension.trim().toUpperCase(java.util.Locale.ROOT);
        if (rules.dimensions().stream().noneMatch(item -> item.key().equals(d))) {
            RuleRef rule = rules.dimensionsRule();
            if (rule != null) {
                throw ProblemException.ruleViolation(rule, "supervision.quality.bad-dimension");
            }
            throw ProblemException.badRequest("supervision.quality.bad-dimension");
        }
        return d;
    }

    private QualityIssue require(UUID id) {
        return issues.find(id).orElseThrow(() -> ProblemException.notFound("quality issue", id));
    }

    /** The organization whose issues an actor sees (its unit's, or those it reported), null for all. */
    static @Nullable UUID visibleTo(Actor actor) {
        if (actor.hasRole(Role.AUTHORITY.name()) || actor.hasRole(Role.SECURITY_SUPERVISOR.name())
                || actor.hasRole(Role.REGULATOR.name()) || actor.hasRole("SYSTEM")) {
            return null;
        }
        if (actor.organizationId() == null) {
            throw ProblemException.badRequest("supervision.organization-required");
        }
        return actor.organizationId();
    }
}
