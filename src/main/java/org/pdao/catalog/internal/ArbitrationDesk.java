package org.pdao.catalog.internal;

import java.time.Clock;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data authority's arbitration (TZM-15: 对于无法律、法规依据拒绝共享或者审核不及时的，由公共数据主管部门决定是否共享):
 * it rules on refused or late sharing requests and on data demands not answered in time; the ruling
 * moves the disputed request or demand in the same transaction.
 */
@Service
class ArbitrationDesk {

    private final ArbitrationItems items;
    private final DemandDesk demands;
    private final SharingDesk sharing;
    private final SupplyRules rules;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    ArbitrationDesk(ArbitrationItems items, DemandDesk demands, SharingDesk sharing, SupplyRules rules,
            AuditTrail audit, TransactionTemplate tx, Clock clock) {
        this.items = items;
        this.demands = demands;
        this.sharing = sharing;
        this.rules = rules;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    Page<ArbitrationItem> page(@Nullable ArbitrationState state, ArbitrationItem.@Nullable Subject type,
            @Nullable UUID subjectId, int page, int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        return new Page<>(items.page(state, type, subjectId, p * s, s), p, s, items.count(state, type, subjectId));
    }

    ArbitrationItem require(UUID id) {
        return items.find(id).orElseThrow(() -> ProblemException.notFound("arbitration item", id));
    }

    ArbitrationItem rule(Actor actor, UUID id, ArbitrationItem.Ruling ruling, String reason,
            @Nullable String legalBasis) {
        ArbitrationItem current = require(id);
        RuleRef rule = rules.disputeRule();
        if (!current.state().canMoveTo(ArbitrationState.RULED)) {
            audit.record(AuditEvent.of("catalog.arbitration.rule", "catalog-arbitration", id)
                    .with("from", current.state()).refused("catalog.arbitration.already-ruled", rule.id()));
            throw ProblemException.ruleViolation(rule, "catalog.arbitration.already-ruled");
        }
        ArbitrationItem next = current.ruled(ruling, reason, actor.username(), clock.instant());
        boolean supply = ruling == ArbitrationItem.Ruling.SUPPLY;
        return tx.execute(status -> {
            if (!items.rule(next)) {
                throw ProblemException.conflict("catalog.supply.changed-meanwhile");
            }
            switch (current.subjectType()) {
                case DATA_DEMAND -> demands.applyRuling(actor, demands.require(current.subjectId()), supply, reason,
                        legalBasis);
                case SHARING_REQUEST -> sharing.applyRuling(actor, sharing.require(current.subjectId()), supply,
                        reason);
            }
            audit.record(AuditEvent.of("catalog.arbitration.rule", "catalog-arbitration", id)
                    .with("subject", current.subjectId()).with("ruling", ruling).because(reason)
                    .underRule(current.ruleId()));
            return next;
        });
    }
}
