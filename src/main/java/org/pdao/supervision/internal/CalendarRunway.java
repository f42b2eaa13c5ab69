package org.pdao.supervision.internal;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import java.util.UUID;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.DemoOrganizations;
import org.pdao.jurisdiction.CalendarYearChanged;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.DeadlineOverdue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Warns before the working-day calendar runs out: once today is within {@code pdao.supervision.calendar.warning-lead}
 * (a platform setting, default 60 days) of the last covered day, one alert per missing year asks the
 * platform's system administrators to load the next year's State Council notice — before deadlines in
 * working days that fall into that year are refused. The platform's organization is
 * {@code pdao.platform.organization-id} (default: the demo platform organization); the data authority sees the
 * alert too (no supervising organization is named). Loading the year closes its alert.
 */
@Component
class CalendarRunway {

    static final String RULE = "CN-HOLIDAYS";
    static final String SUBJECT = "calendar-year";
    static final String MESSAGE = "supervision.calendar.runs-out";

    private final WorkingDayCalendar calendar;
    private final QualityRules rules;
    private final AlertBoard board;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Period lead;
    private final UUID platform;

    CalendarRunway(WorkingDayCalendar calendar, QualityRules rules, AlertBoard board, AuditTrail audit,
            TransactionTemplate tx, @Value("${pdao.supervision.calendar.warning-lead:P60D}") Period lead,
            @Value("${pdao.platform.organization-id:}") String platform) {
        this.calendar = calendar;
        this.rules = rules;
        this.board = board;
        this.audit = audit;
        this.tx = tx;
        this.lead = lead;
        this.platform = platform.isBlank() ? DemoOrganizations.PLATFORM : UUID.fromString(platform);
    }

    /** Raises the alert for the first missing year when the calendar ends within the lead; returns 1 if raised. */
    int check() {
        LocalDate today = rules.today();
        Optional<LocalDate> until = calendar.coveredUntil(today);
        LocalDate lastDay = until.orElse(today.minusDays(1));
        if (today.plus(lead).isBefore(lastDay) || today.plus(lead).isEqual(lastDay)) {
            return 0;
        }
        int missing = lastDay.getYear() + 1;
        Boolean raised = tx.execute(status -> {
            boolean r = board.raise(new DeadlineOverdue(RULE, SUBJECT, String.valueOf(missing), platform, null,
                    lastDay, MESSAGE));
            if (r) {
                audit.record(AuditEvent.of("supervision.calendar.runs-out", SUBJECT, missing).underRule(RULE)
                        .with("coveredUntil", lastDay).with("lead", lead));
            }
            return r;
        });
        return Boolean.TRUE.equals(raised) ? 1 : 0;
    }

    /** Once the missing year is loaded, its warning is closed (with who loaded it and the notice). */
    @EventListener
    void on(CalendarYearChanged changed) {
        board.resolve(SUBJECT, String.valueOf(changed.year()), changed.actor(),
                "已录入 / loaded: " + changed.noticeTitle());
    }

    Period lead() {
        return lead;
    }
}
