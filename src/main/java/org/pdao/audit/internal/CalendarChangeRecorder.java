package org.pdao.audit.internal;

import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.jurisdiction.CalendarYearChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records every calendar year loaded or replaced at runtime (the jurisdiction module cannot write the audit
 * log itself: the audit module depends on it). Synchronous, in the transaction that stores the year.
 */
@Component
class CalendarChangeRecorder {

    private final AuditTrail trail;

    CalendarChangeRecorder(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(CalendarYearChanged c) {
        AuditEvent event = AuditEvent.of("jurisdiction.calendar-year-" + c.change().toLowerCase(java.util.Locale.ROOT),
                        "calendar-year", c.year())
                .by(c.actor()).with("replaced", c.replaced()).with("notice", c.noticeTitle())
                .with("noticeNumber", c.noticeNumber()).with("noticeIssued", c.noticeIssued())
                .with("holidays", c.holidays()).with("daysOff", c.daysOff())
                .with("makeUpWorkingDays", c.makeUpWorkingDays()).with("definitionSm3", c.definitionSm3())
                .with("previousSm3", c.previousSm3());
        trail.record(c.reason() == null ? event : event.because(c.reason()));
    }
}
