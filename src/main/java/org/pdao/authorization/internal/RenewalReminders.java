package org.pdao.authorization.internal;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.authorization.AgreementRenewalDue;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renewal (TZ-11 "期限届满3个月前重新申请", SY-10 "有效期满前重新申请"): the last day to re-apply is computed from
 * the profile, and a reminder ({@link AgreementRenewalDue}) goes out once, {@code pdao.authorization.renewal-reminder-lead}
 * (a platform setting, default 30 days) before that day.
 */
@Component
class RenewalReminders {

    record Renewal(LocalDate reapplyBy, String ruleId) {}

    private final Agreements agreements;
    private final JurisdictionProfiles profiles;
    private final WorkingDayCalendar calendar;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final AgreementLifecycle lifecycle;
    private final Period lead;

    RenewalReminders(Agreements agreements, JurisdictionProfiles profiles, WorkingDayCalendar calendar,
            JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events, AgreementLifecycle lifecycle,
            @Value("${pdao.authorization.renewal-reminder-lead:P30D}") Period lead) {
        this.agreements = agreements;
        this.profiles = profiles;
        this.calendar = calendar;
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.lifecycle = lifecycle;
        this.lead = lead;
    }

    /** The last day to re-apply for this agreement, where the profile sets one. */
    Optional<Renewal> renewal(Agreement a) {
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (profile.has("renewal.reapply.lead")) {
            var limit = profile.timeLimit("renewal.reapply.lead");
            return Optional.of(new Renewal(calendar.before(a.validUntil(), limit).due(), limit.rule().id()));
        }
        if (profile.has("renewal.reapply.before-expiry") && profile.flag("renewal.reapply.before-expiry").value()) {
            return Optional.of(new Renewal(a.validUntil().minusDays(1),
                    profile.flag("renewal.reapply.before-expiry").rule().id()));
        }
        return Optional.empty();
    }

    @Scheduled(initialDelayString = "${pdao.authorization.deadline-check:PT10M}",
            fixedDelayString = "${pdao.authorization.deadline-check:PT10M}")
    void scheduled() {
        Actors.runAs(Actor.system(), this::remind);
    }

    /** Sends every reminder now due; returns how many. */
    @Transactional
    int remind() {
        LocalDate today = lifecycle.today();
        int sent = 0;
        List<Agreement> effective = jdbc.sql("select id from authorization_agreement where state = 'EFFECTIVE' "
                + "and renewal_reminded_on is null").query(java.util.UUID.class).list().stream()
                .map(id -> agreements.find(id).orElseThrow()).toList();
        for (Agreement a : effective) {
            Optional<Renewal> renewal;
            try {
                renewal = renewal(a);
            } catch (org.pdao.shared.ProblemException calendarNotCovered) {
                continue;
            }
            if (renewal.isEmpty() || today.isBefore(renewal.get().reapplyBy().minus(lead))) {
                continue;
            }
            events.publishEvent(new AgreementRenewalDue(a.id(), a.partyId(), a.grantorId(), a.validUntil(),
                    renewal.get().reapplyBy(), renewal.get().ruleId()));
            jdbc.sql("update authorization_agreement set renewal_reminded_on = ? where id = ?").params(today, a.id())
                    .update();
            audit.record(AuditEvent.of("authorization.agreement-renewal-reminder", "agreement", a.id())
                    .by(Actor.system()).underRule(renewal.get().ruleId()).with("reapplyBy", renewal.get().reapplyBy()));
            sent++;
        }
        return sent;
    }
}
