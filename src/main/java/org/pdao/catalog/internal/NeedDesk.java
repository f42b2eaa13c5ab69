package org.pdao.catalog.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationType;
import org.pdao.identity.Role;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Unmet development-catalog needs (TZ-13: 开发数据目录无法满足应用场景需求的，一级运营主体应当汇总二级开发主体相关数据需求，
 * 反馈至市数据主管部门): developers and the operator record needs, the operator gathers all recorded
 * needs into one submission to the data authority, the authority answers it.
 */
@Service
class NeedDesk {

    record Recording(@Nullable UUID operatorId, String scenario, String dataWanted, @Nullable UUID entryId) {}

    private final UnmetNeeds needs;
    private final OrganizationDirectory organizations;
    private final SupplyRules rules;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    NeedDesk(UnmetNeeds needs, OrganizationDirectory organizations, SupplyRules rules, AuditTrail audit,
            TransactionTemplate tx, Clock clock) {
        this.needs = needs;
        this.organizations = organizations;
        this.rules = rules;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    UnmetNeed record(Actor actor, Recording r) {
        UUID org = DemandDesk.organizationOf(actor);
        UUID operator;
        UUID developer = null;
        if (actor.hasRole(Role.OPERATOR.name())) {
            operator = org;
        } else {
            developer = org;
            operator = r.operatorId();
            boolean isOperator = operator != null && organizations.find(operator)
                    .map(o -> o.type() == OrganizationType.OPERATOR).orElse(false);
            if (!isOperator) {
                throw ProblemException.badRequest("catalog.need.operator-required");
            }
        }
        Instant now = clock.instant();
        UnmetNeed need = new UnmetNeed(UUID.randomUUID(), operator, developer, r.scenario().trim(),
                r.dataWanted().trim(), r.entryId(), NeedState.RECORDED, null, actor.username(), now, now);
        tx.executeWithoutResult(status -> {
            needs.insert(need);
            audit.record(AuditEvent.of("catalog.need.record", "catalog-unmet-need", need.id())
                    .with("operator", operator).with("to", NeedState.RECORDED).underRule(rules.needsRule().id()));
        });
        return need;
    }

    Page<UnmetNeed> page(Actor actor, @Nullable NeedState state, int page, int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        UUID org = DemandDesk.visibleTo(actor);
        return new Page<>(needs.page(org, state, p * s, s), p, s, needs.count(org, state));
    }

    /** Gathers every recorded need of the actor's operator into one submission to the authority. */
    UnmetNeeds.Submission submit(Actor actor, @Nullable String note) {
        UUID operator = DemandDesk.organizationOf(actor);
        List<UnmetNeed> recorded = needs.recordedFor(operator);
        RuleRef rule = rules.needsRule();
        if (recorded.isEmpty()) {
            throw ProblemException.ruleViolation(rule, "catalog.need.nothing-to-submit");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            needs.insertSubmission(id, operator, actor.username(), now, note);
            for (UnmetNeed n : recorded) {
                move(n, NeedState.SUBMITTED, id, now);
            }
            audit.record(AuditEvent.of("catalog.need.submit", "catalog-need-submission", id)
                    .with("needs", recorded.size()).because(note == null ? "" : note).underRule(rule.id()));
        });
        return requireSubmission(id);
    }

    UnmetNeeds.Submission answer(Actor actor, UUID submissionId, String response) {
        UnmetNeeds.Submission s = requireSubmission(submissionId);
        RuleRef rule = rules.needsRule();
        if (s.response() != null) {
            throw ProblemException.ruleViolation(rule, "catalog.need.already-answered");
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            if (!needs.answerSubmission(submissionId, response, actor.username(), now)) {
                throw ProblemException.conflict("catalog.supply.changed-meanwhile");
            }
            for (UnmetNeed n : s.needs()) {
                move(n, NeedState.ANSWERED, null, now);
            }
            audit.record(AuditEvent.of("catalog.need.answer", "catalog-need-submission", submissionId)
                    .because(response).underRule(rule.id()));
        });
        return requireSubmission(submissionId);
    }

    UnmetNeeds.Submission showSubmission(Actor actor, UUID id) {
        UnmetNeeds.Submission s = requireSubmission(id);
        UUID org = DemandDesk.visibleTo(actor);
        if (org != null && !org.equals(s.operatorId())) {
            throw ProblemException.notFound("need submission", id);
        }
        return s;
    }

    Page<UnmetNeeds.Submission> submissions(Actor actor, int page, int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        UUID org = DemandDesk.visibleTo(actor);
        return new Page<>(needs.submissions(org, p * s, s), p, s, needs.countSubmissions(org));
    }

    private UnmetNeeds.Submission requireSubmission(UUID id) {
        return needs.submission(id).orElseThrow(() -> ProblemException.notFound("need submission", id));
    }

    /** The one guarded transition of a need. */
    private void move(UnmetNeed n, NeedState target, @Nullable UUID submission, Instant at) {
        if (!n.state().canMoveTo(target)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "catalog.need.illegal-transition",
                    rules.needsRule(), n.state().name(), target.name());
        }
        if (!needs.update(n.transitionTo(target, submission, at), n.state())) {
            throw ProblemException.conflict("catalog.supply.changed-meanwhile");
        }
        audit.record(AuditEvent.of("catalog.need." + target.name().toLowerCase(), "catalog-unmet-need", n.id())
                .with("from", n.state()).with("to", target).underRule(rules.needsRule().id()));
    }
}
