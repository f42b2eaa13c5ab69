package org.pdao.supervision.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.catalog.CatalogSupply;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.DeadlineOverdue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduled checks of supervision: rectification tasks not corrected by their due day (TZM-12)
 * raise one alert each; resources whose latest load is older than their update frequency raise one
 * timeliness issue (until it is closed); a working-day calendar about to run out raises one alert per
 * missing year.
 */
@Component
public class SupervisionDeadlines {

    private final QualityIssues issues;
    private final QualityDesk desk;
    private final QualityRules rules;
    private final CatalogSupply catalog;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CalendarRunway calendarRunway;

    SupervisionDeadlines(QualityIssues issues, QualityDesk desk, QualityRules rules, CatalogSupply catalog,
            ApplicationEventPublisher events, MessageSource messages, AuditTrail audit, TransactionTemplate tx,
            Clock clock, CalendarRunway calendarRunway) {
        this.calendarRunway = calendarRunway;
        this.issues = issues;
        this.desk = desk;
        this.rules = rules;
        this.catalog = catalog;
        this.events = events;
        this.messages = messages;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${pdao.supervision.check.initial-delay:PT3M}",
            fixedDelayString = "${pdao.supervision.check.interval:PT15M}")
    void scheduled() {
        Actors.runAs(Actor.system(), this::check);
    }

    /** Runs every check as of now; returns how many alerts and issues it raised. Idempotent. */
    public int check() {
        return overdueRectifications() + staleResources() + calendarRunsOut();
    }

    /** Warns (one alert per missing year) when the working-day calendar ends within the warning lead. */
    public int calendarRunsOut() {
        return calendarRunway.check();
    }

    public int overdueRectifications() {
        LocalDate today = rules.today();
        int raised = 0;
        for (RectificationTask t : issues.overdueTasks(today)) {
            Boolean done = tx.execute(status -> {
                if (!issues.markTaskAlerted(t.id())) {
                    return false;
                }
                String rule = rules.rectificationRule().id();
                audit.record(AuditEvent.of("supervision.rectification.overdue", "supervision-rectification", t.id())
                        .with("issue", t.issueId()).with("dueOn", t.dueOn()).underRule(rule));
                events.publishEvent(new DeadlineOverdue(rule, "rectification-task", t.id().toString(),
                        t.sourceUnitId(), null, t.dueOn(), "supervision.deadline.rectification"));
                return true;
            });
            raised += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return raised;
    }

    public int staleResources() {
        Instant now = clock.instant();
        int raised = 0;
        for (QualityIssues.Load load : issues.loads()) {
            var resource = catalog.resource(load.resourceId());
            if (resource.isEmpty() || resource.get().updateInterval().isEmpty()) {
                continue;
            }
            var r = resource.get();
            Instant staleAfter = load.loadedAt().atZone(QualityRules.ZONE).plus(r.updateInterval().get()).toInstant();
            if (now.isAfter(staleAfter)) {
                String text = messages.getMessage("supervision.check.stale",
                        new Object[] {r.name(), r.updateFrequency(), LocalDate.ofInstant(load.loadedAt(), QualityRules.ZONE)},
                        Locale.SIMPLIFIED_CHINESE);
                raised += desk.raiseAutomatic(r.id(), r.sourceUnitId(), "TIMELINESS", "STALE", text) ? 1 : 0;
            }
        }
        return raised;
    }
}
