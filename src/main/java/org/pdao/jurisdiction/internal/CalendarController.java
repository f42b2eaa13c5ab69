package org.pdao.jurisdiction.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.pdao.jurisdiction.CalendarDay;
import org.pdao.jurisdiction.CalendarYear;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "calendar", description = "工作日日历（法定节假日与调休）/ working-day calendar")
class CalendarController {

    record DeadlineView(LocalDate from, int workingDays, LocalDate due, @Nullable String rule,
            @Nullable String article, List<SkippedDay> skipped) {}

    record SkippedDay(LocalDate date, String kind, @Nullable String holiday) {}

    record WorkingDayCount(LocalDate from, LocalDate to, int workingDays) {}

    private final WorkingDayCalendar calendar;
    private final JurisdictionProfiles profiles;

    CalendarController(WorkingDayCalendar calendar, JurisdictionProfiles profiles) {
        this.calendar = calendar;
        this.profiles = profiles;
    }

    @GetMapping("/deadline")
    @PreAuthorize("hasAuthority('PROFILE_READ')")
    @Operation(summary = "The due date N working days after a date (the N-th working day after it), "
            + "optionally under a rule of the active profile")
    DeadlineView deadline(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam int workingDays, @RequestParam(required = false) @Nullable String rule) {
        if (workingDays < 0) {
            throw ProblemException.badRequest("jurisdiction.calendar.negative-count");
        }
        RuleRef ref = null;
        if (rule != null && !rule.isBlank()) {
            ref = profiles.active().rule(rule.strip()).orElseThrow(() -> ProblemException.badRequest(
                    "jurisdiction.rule-unknown", profiles.active().id()));
        }
        LocalDate due = calendar.addWorkingDays(from, workingDays);
        boolean chinese = !"en".equals(LocaleContextHolder.getLocale().getLanguage());
        List<SkippedDay> skipped = calendar.nonWorkingDaysBetween(from, due).stream()
                .map(d -> skipped(d, chinese)).toList();
        return new DeadlineView(from, workingDays, due, ref == null ? null : ref.id(),
                ref == null ? null : ref.article(chinese), skipped);
    }

    @GetMapping("/working-days")
    @PreAuthorize("hasAuthority('PROFILE_READ')")
    @Operation(summary = "The number of working days after 'from' up to and including 'to'")
    WorkingDayCount workingDays(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return new WorkingDayCount(from, to, calendar.workingDaysBetween(from, to));
    }

    @GetMapping("/{year}")
    @PreAuthorize("hasAuthority('PROFILE_READ')")
    @Operation(summary = "A year's statutory holidays and make-up working days with the State Council notice")
    CalendarYear year(@PathVariable int year) {
        return calendar.requireYear(year);
    }

    private static SkippedDay skipped(CalendarDay d, boolean chinese) {
        return new SkippedDay(d.date(), d.kind().name(), d.holiday() == null ? null : d.holiday().in(chinese));
    }
}
