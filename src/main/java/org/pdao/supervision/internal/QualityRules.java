package org.pdao.supervision.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.pdao.jurisdiction.Deadline;
import org.pdao.jurisdiction.EntryValue;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.ListItem;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.RuleRef;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The quality rules of the active profile: the dimensions (NJ-20 {@code quality.dimensions}, or the
 * platform default where the profile's texts list none), the governance request (TZ-17 / SY-11
 * {@code quality.governance-request.allowed}), the rectification deadline (TZM-12
 * {@code quality.rectification.deadline}); and the platform's thresholds of automatic checks.
 */
@Component
class QualityRules {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Thresholds of the automatic checks (platform settings, not regulation numbers). */
    record Thresholds(double nullRate, double formatViolationRate, double duplicateRate) {}

    private final JurisdictionProfiles profiles;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final Thresholds thresholds;

    QualityRules(JurisdictionProfiles profiles, WorkingDayCalendar calendar, Clock clock,
            @Value("${pdao.supervision.quality.null-rate:0.2}") double nullRate,
            @Value("${pdao.supervision.quality.format-violation-rate:0.01}") double formatRate,
            @Value("${pdao.supervision.quality.duplicate-rate:0.01}") double duplicateRate) {
        this.profiles = profiles;
        this.calendar = calendar;
        this.clock = clock;
        this.thresholds = new Thresholds(nullRate, formatRate, duplicateRate);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    Thresholds thresholds() {
        return thresholds;
    }

    List<ListItem> dimensions() {
        JurisdictionProfile p = profiles.active();
        if (p.has("quality.dimensions")) {
            return p.items("quality.dimensions").value();
        }
        return ((EntryValue.Items) p.platformDefault("quality.dimensions")).items();
    }

    /** The rule that names the dimensions, where the active profile's texts have one. */
    @Nullable RuleRef dimensionsRule() {
        JurisdictionProfile p = profiles.active();
        return p.has("quality.dimensions") ? p.items("quality.dimensions").rule() : null;
    }

    /** The rule under which operators and developers raise governance requests. */
    RuleRef governanceRule() {
        JurisdictionProfile p = profiles.active();
        return p.has("quality.governance-request.allowed") ? p.flag("quality.governance-request.allowed").rule()
                : rectificationRule();
    }

    RuleRef rectificationRule() {
        return profiles.active().timeLimit("quality.rectification.deadline").rule();
    }

    Deadline rectificationDeadline(LocalDate dispatched) {
        return calendar.deadline(dispatched, profiles.active().timeLimit("quality.rectification.deadline"));
    }

    /** The rule of the contribution assessment and its dimension names (TZ-19). */
    JurisdictionProfile profile() {
        return profiles.active();
    }
}
