package org.pdao.dataspace.internal.gate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.RuleRef;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The release policy of the active jurisdiction profile: whether aggregate-only results that passed every check
 * leave automatically ({@code output.auto-release.aggregate-only}), up to how many rows
 * ({@code output.auto-release.max-rows}), and by when a held result must be reviewed
 * ({@code output.review.deadline} where a text sets one, else the platform setting
 * {@code pdao.dataspace.gate.review-deadline-working-days}). A profile without these keys releases nothing
 * automatically: every result waits for a reviewer.
 */
@Component
class ReleasePolicy {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Where no profile entry names one: the promise 原始数据不出域、数据可用不可见 itself. */
    static final RuleRef NEVER_LEAVES = new RuleRef("TZ-3", "《泰州市公共数据授权运营管理办法》第三条",
            "Taizhou Measures for the Administration of Public Data Authorized Operation, Art. 3");

    static final String AUTO_RELEASE = "output.auto-release.aggregate-only";
    static final String MAX_ROWS = "output.auto-release.max-rows";
    static final String WATERMARK = "output.watermark.required";
    static final String REVIEW_DEADLINE = "output.review.deadline";

    /** What the policy says about one submitted result. */
    record Verdict(boolean release, List<String> holdReasons, RuleRef rule) {
        Verdict {
            holdReasons = List.copyOf(holdReasons);
        }
    }

    /** The last day of review of a result held today, with the rule (or platform setting) that sets it. */
    record ReviewDeadline(LocalDate dueOn, String ruleId) {}

    private final JurisdictionProfiles profiles;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final int platformReviewDays;

    ReleasePolicy(JurisdictionProfiles profiles, WorkingDayCalendar calendar, Clock clock,
            @Value("${pdao.dataspace.gate.review-deadline-working-days:3}") int platformReviewDays) {
        this.profiles = profiles;
        this.calendar = calendar;
        this.clock = clock;
        this.platformReviewDays = platformReviewDays;
    }

    Verdict judge(ResultSubmission submission) {
        JurisdictionProfile profile = profiles.active();
        RuleRef rule = rule();
        List<String> reasons = new ArrayList<>();
        if (!submission.aggregateOnly()) {
            reasons.add("gate.hold.not-aggregate-only");
        }
        boolean auto = profile.has(AUTO_RELEASE) && profile.flag(AUTO_RELEASE).value();
        if (!auto) {
            reasons.add("gate.hold.review-required");
        }
        if (profile.has(MAX_ROWS) && submission.rows().size() > profile.count(MAX_ROWS).value()) {
            reasons.add("gate.hold.too-many-rows");
        }
        if (!profile.has(MAX_ROWS)) {
            reasons.add("gate.hold.review-required");
        }
        return new Verdict(reasons.isEmpty(), reasons.stream().distinct().toList(), rule);
    }

    /** The rule the gate applies: the profile's auto-release entry, else the promise that raw data never leaves. */
    RuleRef rule() {
        JurisdictionProfile profile = profiles.active();
        return profile.has(AUTO_RELEASE) ? profile.flag(AUTO_RELEASE).rule() : NEVER_LEAVES;
    }

    /** A rule by id with its article as the active profile cites it (the id alone if it cites none). */
    RuleRef ruleOf(String ruleId) {
        return profiles.active().rule(ruleId).orElseGet(() -> RuleRef.of(ruleId));
    }

    /** The rule that requires the recipient watermark and its registry. */
    RuleRef watermarkRule() {
        JurisdictionProfile profile = profiles.active();
        return profile.has(WATERMARK) ? profile.flag(WATERMARK).rule() : rule();
    }

    long maxAutoRows() {
        JurisdictionProfile profile = profiles.active();
        return profile.has(MAX_ROWS) ? profile.count(MAX_ROWS).value() : 0;
    }

    ReviewDeadline reviewDeadline(LocalDate heldOn) {
        JurisdictionProfile profile = profiles.active();
        if (profile.has(REVIEW_DEADLINE)) {
            var limit = profile.timeLimit(REVIEW_DEADLINE);
            return new ReviewDeadline(calendar.deadline(heldOn, limit).due(), limit.rule().id());
        }
        return new ReviewDeadline(addWorkingDays(heldOn, platformReviewDays), rule().id());
    }

    /**
     * Working days from the calendar; past its last covered year (no State Council notice yet) Monday to Friday,
     * so that a result held in late December still gets a deadline.
     */
    private LocalDate addWorkingDays(LocalDate from, int days) {
        LocalDate d = from;
        for (int left = days; left > 0; ) {
            d = d.plusDays(1);
            boolean working = calendar.covers(d) ? calendar.isWorkingDay(d)
                    : d.getDayOfWeek().getValue() <= 5;
            if (working) {
                left--;
            }
        }
        return d;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }
}
