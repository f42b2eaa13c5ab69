package org.pdao.catalog.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.DeadlineOverdue;
import org.pdao.shared.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduled check of the supply deadlines. An answer to a data demand not given by its deadline
 * (TZM-11) and a sharing review not done by its deadline (TZM-15) go to the data authority as an
 * arbitration item and raise an alert ({@link DeadlineOverdue}); a delivery not made by its deadline
 * raises an alert. Each step is found once: the escalation changes the state, the delivery alert is
 * marked, and both happen in the transaction that publishes the event.
 */
@Component
public class SupplyDeadlines {

    private static final Logger LOG = LoggerFactory.getLogger(SupplyDeadlines.class);

    private final DemandDesk demands;
    private final SharingDesk sharing;
    private final ArbitrationItems arbitration;
    private final SupplyRules rules;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    SupplyDeadlines(DemandDesk demands, SharingDesk sharing, ArbitrationItems arbitration, SupplyRules rules,
            ApplicationEventPublisher events, AuditTrail audit, TransactionTemplate tx, Clock clock) {
        this.demands = demands;
        this.sharing = sharing;
        this.arbitration = arbitration;
        this.rules = rules;
        this.events = events;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${pdao.catalog.deadline-check.initial-delay:PT2M}",
            fixedDelayString = "${pdao.catalog.deadline-check.interval:PT15M}")
    void scheduled() {
        Actors.runAs(Actor.system(), this::check);
    }

    /** Looks for overdue steps as of today; returns how many it found. Safe to call at any time and repeatedly. */
    public int check() {
        LocalDate today = rules.today();
        int found = 0;
        for (DataDemand d : demands.answersOverdue(today)) {
            found += once(() -> demands.escalate(d, escalated -> {
                if (!arbitration.exists(ArbitrationItem.Subject.DATA_DEMAND, d.id(), ArbitrationItem.Cause.OVERDUE)) {
                    ArbitrationItem item = new ArbitrationItem(UUID.randomUUID(), ArbitrationItem.Subject.DATA_DEMAND,
                            d.id(), ArbitrationItem.Cause.OVERDUE, ArbitrationState.OPEN, d.sourceUnitId(),
                            d.requesterId(), rules.demandRule().id(), clock.instant(), null, null, null, null);
                    arbitration.insert(item);
                    audit.record(AuditEvent.of("catalog.arbitration.open", "catalog-arbitration", item.id())
                            .with("subject", d.id()).with("cause", item.cause()).underRule(item.ruleId()));
                }
                events.publishEvent(new DeadlineOverdue(rules.demandRule().id(), "data-demand", d.id().toString(),
                        d.sourceUnitId(), null, d.answerDue(), "catalog.deadline.demand-answer"));
            }));
        }
        for (DataDemand d : demands.deliveriesOverdue(today)) {
            found += once(() -> tx.executeWithoutResult(status -> {
                if (demands.markDeliveryAlerted(d.id())) {
                    audit.record(AuditEvent.of("catalog.demand.delivery-overdue", "catalog-demand", d.id())
                            .with("deliveryDue", d.deliveryDue()).underRule(rules.demandRule().id()));
                    events.publishEvent(new DeadlineOverdue(rules.demandRule().id(), "data-demand",
                            d.id().toString(), d.sourceUnitId(), null, d.deliveryDue(),
                            "catalog.deadline.demand-delivery"));
                }
            }));
        }
        for (SharingRequest r : sharing.reviewsOverdue(today)) {
            found += once(() -> sharing.escalate(r, escalated -> events.publishEvent(new DeadlineOverdue(
                    rules.sharingRule().id(), "sharing-request", r.id().toString(), r.sourceUnitId(), null,
                    r.reviewDue(), "catalog.deadline.sharing-review"))));
        }
        return found;
    }

    /** Runs one step; a step someone else handled meanwhile (a conflict) is skipped, not retried. */
    private static int once(Runnable step) {
        try {
            step.run();
            return 1;
        } catch (ProblemException e) {
            LOG.info("deadline step skipped: {}", e.code());
            return 0;
        }
    }
}
