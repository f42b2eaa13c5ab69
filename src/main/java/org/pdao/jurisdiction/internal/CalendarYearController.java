package org.pdao.jurisdiction.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.pdao.jurisdiction.CalendarYear;
import org.pdao.jurisdiction.Holiday;
import org.pdao.jurisdiction.HolidayNotice;
import org.pdao.jurisdiction.LocalizedText;
import org.pdao.shared.Actors;
import org.pdao.shared.web.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The system administrator loads a year of statutory holidays when the State Council publishes its notice
 * (usually in November of the year before): {@code POST} for a year not yet covered, {@code PUT} to replace a
 * covered one (bundled or loaded), which needs a reason. Everything is checked before anything changes.
 */
@RestController
@RequestMapping("/api/v1/calendar/years")
@Tag(name = "calendar", description = "工作日日历（法定节假日与调休）/ working-day calendar")
class CalendarYearController {

    record NoticeBody(@Nullable LocalizedText title, @Nullable String number, @Nullable LocalDate issued) {}

    record HolidayBody(@Nullable LocalizedText name, @Nullable LocalDate from, @Nullable LocalDate to,
            @Nullable List<LocalDate> makeUpWorkingDays) {}

    /** A year as the State Council notice sets it; {@code reason} is required to replace a covered year. */
    record YearBody(@Nullable NoticeBody notice, @Nullable List<HolidayBody> holidays, @Nullable String reason) {}

    private final CalendarAdministration administration;
    private final ProblemWriter problems;

    CalendarYearController(CalendarAdministration administration, ProblemWriter problems) {
        this.administration = administration;
        this.problems = problems;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('PROFILE_READ')")
    @Operation(summary = "The covered years: bundled, loaded at runtime, or bundled and replaced (with reason, who, when)")
    List<CalendarAdministration.YearInfo> years() {
        return administration.years();
    }

    @PostMapping("/{year}")
    @PreAuthorize("hasAuthority('CALENDAR_MANAGE')")
    @Operation(summary = "Load a year not yet covered from its State Council notice (409 if covered: use PUT with a reason)")
    ResponseEntity<CalendarAdministration.YearInfo> load(@PathVariable int year, @RequestBody YearBody body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(administration.load(Actors.required(), year(year, body), body.reason(), false));
    }

    @PutMapping("/{year}")
    @PreAuthorize("hasAuthority('CALENDAR_MANAGE')")
    @Operation(summary = "Load or replace a year; replacing a covered year (also a bundled one) needs a reason and is audited")
    CalendarAdministration.YearInfo replace(@PathVariable int year, @RequestBody YearBody body) {
        return administration.load(Actors.required(), year(year, body), body.reason(), true);
    }

    @ExceptionHandler(CalendarAdministration.Refused.class)
    ResponseEntity<ProblemDetail> refused(CalendarAdministration.Refused refused, HttpServletRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (CalendarYearCheck.Problem p : refused.problems()) {
            Map<String, String> e = new LinkedHashMap<>();
            e.put("field", p.field());
            if (p.date() != null) {
                e.put("date", p.date().toString());
            }
            e.put("code", p.code());
            e.put("message", problems.message(p.code(), p.date() == null ? "" : p.date().toString()));
            errors.add(e);
        }
        ProblemDetail problem = problems.withErrors(problems.problem(HttpStatus.BAD_REQUEST,
                "jurisdiction.calendar.year-refused", new Object[] {errors.size()}, null, request.getRequestURI()),
                errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** The body as a calendar year; missing parts are reported all together, with the other problems. */
    private static CalendarYear year(int year, YearBody body) {
        List<CalendarYearCheck.Problem> missing = new ArrayList<>();
        if (year < 1949 || year > 2200) {
            missing.add(new CalendarYearCheck.Problem("year", null, "jurisdiction.calendar.bad-year"));
        }
        NoticeBody n = body.notice();
        if (n == null || n.title() == null || n.title().zh() == null || n.title().en() == null) {
            missing.add(new CalendarYearCheck.Problem("notice.title", null, "jurisdiction.calendar.notice-title-required"));
        }
        if (n == null || n.issued() == null) {
            missing.add(new CalendarYearCheck.Problem("notice.issued", null, "jurisdiction.calendar.notice-issued-required"));
        }
        List<Holiday> holidays = new ArrayList<>();
        List<HolidayBody> given = body.holidays() == null ? List.of() : body.holidays();
        for (int i = 0; i < given.size(); i++) {
            HolidayBody h = given.get(i);
            String field = "holidays[" + i + "]";
            if (h == null || h.name() == null || h.name().zh() == null || h.name().en() == null) {
                missing.add(new CalendarYearCheck.Problem(field + ".name", null, "jurisdiction.calendar.holiday-name-required"));
                continue;
            }
            if (h.from() == null || h.to() == null) {
                missing.add(new CalendarYearCheck.Problem(field, null, "jurisdiction.calendar.holiday-days-required"));
                continue;
            }
            if (h.to().isBefore(h.from())) {
                missing.add(new CalendarYearCheck.Problem(field + ".to", h.to(), "jurisdiction.calendar.holiday-reversed"));
                continue;
            }
            List<LocalDate> makeUp = h.makeUpWorkingDays() == null ? List.of()
                    : h.makeUpWorkingDays().stream().filter(java.util.Objects::nonNull).toList();
            holidays.add(new Holiday(h.name(), h.from(), h.to(), makeUp));
        }
        if (given.isEmpty()) {
            missing.add(new CalendarYearCheck.Problem("holidays", null, "jurisdiction.calendar.no-holidays"));
        }
        if (!missing.isEmpty()) {
            throw new CalendarAdministration.Refused(missing);
        }
        String number = n.number() == null || n.number().isBlank() ? null : n.number().trim();
        return new CalendarYear(year, new HolidayNotice(n.title(), number, n.issued()), holidays);
    }
}
