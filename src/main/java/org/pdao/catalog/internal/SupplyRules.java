package org.pdao.catalog.internal;

import java.time.Clock;
import java.time.LocalDate;
import org.pdao.jurisdiction.Deadline;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.RuleRef;
import org.springframework.stereotype.Component;

/**
 * The deadlines and rules of data supply, read from the active jurisdiction profile: answer and
 * delivery of data demands (TZM-11 {@code demand.*}), review of sharing requests and the authority's
 * arbitration (TZM-15 {@code sharing.review.deadline}, {@code approval.chain.sharing-dispute}), and the
 * gathering of unmet development-catalog needs (TZ-13). Dates are days in China (Asia/Shanghai).
 */
@Component
class SupplyRules {

    private final JurisdictionProfiles profiles;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    SupplyRules(JurisdictionProfiles profiles, WorkingDayCalendar calendar, Clock clock) {
        this.profiles = profiles;
        this.calendar = calendar;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ResourceCatalog.ZONE);
    }

    Deadline answerDeadline(LocalDate received) {
        return calendar.deadline(received, profile().timeLimit("demand.answer.deadline"));
    }

    Deadline deliveryDeadline(LocalDate answered) {
        return calendar.deadline(answered, profile().timeLimit("demand.delivery.deadline"));
    }

    Deadline reviewDeadline(LocalDate received) {
        return calendar.deadline(received, profile().timeLimit("sharing.review.deadline"));
    }

    RuleRef demandRule() {
        return profile().timeLimit("demand.answer.deadline").rule();
    }

    /** Whether a refused demand must cite its legal basis ({@code demand.refusal.legal-basis.required}). */
    boolean refusalNeedsLegalBasis() {
        JurisdictionProfile p = profile();
        return !p.has("demand.refusal.legal-basis.required") || p.flag("demand.refusal.legal-basis.required").value();
    }

    RuleRef sharingRule() {
        return profile().timeLimit("sharing.review.deadline").rule();
    }

    /** The rule under which the authority decides disputes (TZM-15 共享协调机制). */
    RuleRef disputeRule() {
        return profile().approvalChain("sharing-dispute").rule();
    }

    /** The rule under which the operator gathers unmet needs for the authority (TZ-13). */
    RuleRef needsRule() {
        return profile().approvalChain("development-catalog").rule();
    }

    private JurisdictionProfile profile() {
        return profiles.active();
    }
}
