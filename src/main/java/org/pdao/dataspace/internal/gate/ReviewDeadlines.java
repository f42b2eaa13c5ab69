package org.pdao.dataspace.internal.gate;

import java.time.LocalDate;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.DeadlineOverdue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduled check of review deadlines: a result still held after its review deadline publishes
 * {@link DeadlineOverdue} once (the zone operator responsible, the zone supervisor supervising), so that supervision
 * raises an alert. The deadline is in working days of the calendar ({@link ReleasePolicy#reviewDeadline}).
 */
@Component
class ReviewDeadlines {

    private final ResultStore store;
    private final ZoneDatasets zones;
    private final ReleasePolicy policy;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final TransactionTemplate tx;

    ReviewDeadlines(ResultStore store, ZoneDatasets zones, ReleasePolicy policy, ApplicationEventPublisher events,
            AuditTrail audit, TransactionTemplate tx) {
        this.store = store;
        this.zones = zones;
        this.policy = policy;
        this.events = events;
        this.audit = audit;
        this.tx = tx;
    }

    @Scheduled(initialDelayString = "${pdao.dataspace.gate.deadline-check.initial-delay:PT2M}",
            fixedDelayString = "${pdao.dataspace.gate.deadline-check.interval:PT15M}")
    void scheduled() {
        Actors.runAs(Actor.system(), () -> check(policy.today()));
    }

    /** Reports held results overdue as of {@code today}; returns how many it reported. Safe to repeat. */
    int check(LocalDate today) {
        int found = 0;
        for (StoredResult r : store.overdue(today)) {
            Boolean reported = tx.execute(status -> {
                if (!store.markOverdueReported(r.id())) {
                    return false;
                }
                Zone zone = zones.zone(r.zoneId()).orElse(null);
                String rule = r.policyRule() == null ? policy.rule().id() : r.policyRule();
                events.publishEvent(new DeadlineOverdue(rule, "output-review", r.id().toString(),
                        r.operatorOrganizationId(), zone == null ? null : zone.supervisorOrganizationId(),
                        r.reviewDueOn(), "gate.overdue"));
                audit.record(AuditEvent.of("dataspace.output-review-overdue", "query-result", r.id())
                        .underRule(rule).with("dueOn", r.reviewDueOn()).with("query", r.queryId()));
                return true;
            });
            found += Boolean.TRUE.equals(reported) ? 1 : 0;
        }
        return found;
    }
}
