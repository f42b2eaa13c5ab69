package org.pdao.jurisdiction.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.pdao.jurisdiction.CalendarYear;
import org.pdao.jurisdiction.Holiday;

/**
 * Checks a year of statutory holidays before it enters the calendar: the notice named (title in Chinese
 * and English, date issued, not after the year), at least one holiday, every day off and every make-up
 * working day inside that year, no holiday overlapping another, make-up working days on weekends, none
 * of them a day off or given twice.
 */
final class CalendarYearCheck {

    /** One problem: the field, the date concerned (if any) and a message code of the jurisdiction bundle. */
    record Problem(String field, @Nullable LocalDate date, String code) {}

    private CalendarYearCheck() {}

    static List<Problem> problems(CalendarYear y) {
        List<Problem> problems = new ArrayList<>();
        int year = y.year();
        if (y.notice().title().zh().isBlank() || y.notice().title().en().isBlank()) {
            problems.add(new Problem("notice.title", null, "jurisdiction.calendar.notice-title-required"));
        }
        if (y.notice().issued().getYear() > year) {
            problems.add(new Problem("notice.issued", y.notice().issued(), "jurisdiction.calendar.notice-after-year"));
        }
        if (y.holidays().isEmpty()) {
            problems.add(new Problem("holidays", null, "jurisdiction.calendar.no-holidays"));
        }
        Set<LocalDate> daysOff = new HashSet<>();
        for (int i = 0; i < y.holidays().size(); i++) {
            Holiday h = y.holidays().get(i);
            String field = "holidays[" + i + "]";
            if (h.name().zh().isBlank() || h.name().en().isBlank()) {
                problems.add(new Problem(field + ".name", null, "jurisdiction.calendar.holiday-name-required"));
            }
            if (h.firstDay().getYear() != year) {
                problems.add(new Problem(field + ".from", h.firstDay(), "jurisdiction.calendar.date-outside-year"));
            }
            if (h.lastDay().getYear() != year) {
                problems.add(new Problem(field + ".to", h.lastDay(), "jurisdiction.calendar.date-outside-year"));
            }
            for (LocalDate d = h.firstDay(); !d.isAfter(h.lastDay()); d = d.plusDays(1)) {
                if (!daysOff.add(d)) {
                    problems.add(new Problem(field, d, "jurisdiction.calendar.holidays-overlap"));
                }
            }
        }
        Set<LocalDate> makeUp = new HashSet<>();
        for (int i = 0; i < y.holidays().size(); i++) {
            String field = "holidays[" + i + "].makeUpWorkingDays";
            for (LocalDate d : y.holidays().get(i).makeUpWorkingDays()) {
                if (d.getYear() != year) {
                    problems.add(new Problem(field, d, "jurisdiction.calendar.date-outside-year"));
                }
                if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    problems.add(new Problem(field, d, "jurisdiction.calendar.make-up-not-weekend"));
                }
                if (daysOff.contains(d)) {
                    problems.add(new Problem(field, d, "jurisdiction.calendar.make-up-is-day-off"));
                }
                if (!makeUp.add(d)) {
                    problems.add(new Problem(field, d, "jurisdiction.calendar.make-up-twice"));
                }
            }
        }
        return problems;
    }
}
