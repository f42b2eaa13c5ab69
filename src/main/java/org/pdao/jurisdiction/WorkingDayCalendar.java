package org.pdao.jurisdiction;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.http.HttpStatus;

/**
 * Mainland China's working days: Monday to Friday, minus the statutory holidays, plus the make-up
 * working days (调休) of the State Council's yearly notices. Only years with a notice are covered;
 * a date in any other year is refused (422, {@code jurisdiction.calendar.year-not-covered}), never guessed.
 *
 * <p>"Within N working days from D" ends on the N-th working day after D. Periods in calendar days,
 * months and years follow the Civil Code (民法典第二百零一至二百零三条): counting starts the next
 * day, a month or year ends on the corresponding day (the month's last day where there is none), and
 * a period whose last day is not a working day ends on the next working day.
 */
public final class WorkingDayCalendar {

    /** The covered years and their special days, replaced as a whole when a year is loaded at runtime. */
    private record Years(SortedMap<Integer, CalendarYear> years, Map<LocalDate, CalendarDay> special) {}

    private volatile Years current;

    public WorkingDayCalendar(Collection<CalendarYear> covered) {
        this.current = build(covered);
    }

    private static Years build(Collection<CalendarYear> covered) {
        SortedMap<Integer, CalendarYear> years = new TreeMap<>();
        Map<LocalDate, CalendarDay> special = new HashMap<>();
        for (CalendarYear year : covered) {
            if (years.putIfAbsent(year.year(), year) != null) {
                throw new IllegalArgumentException("calendar year " + year.year() + " given twice");
            }
            for (Holiday holiday : year.holidays()) {
                for (LocalDate d = holiday.firstDay(); !d.isAfter(holiday.lastDay()); d = d.plusDays(1)) {
                    put(special, new CalendarDay(d, DayKind.HOLIDAY, holiday.name()));
                }
                for (LocalDate d : holiday.makeUpWorkingDays()) {
                    if (!isWeekend(d)) {
                        throw new IllegalArgumentException("make-up working day " + d + " is not a weekend day");
                    }
                    put(special, new CalendarDay(d, DayKind.MAKE_UP_WORKING_DAY, holiday.name()));
                }
            }
        }
        return new Years(years, special);
    }

    private static void put(Map<LocalDate, CalendarDay> special, CalendarDay day) {
        if (special.putIfAbsent(day.date(), day) != null) {
            throw new IllegalArgumentException("calendar day " + day.date() + " given twice");
        }
    }

    /**
     * Adds a year or replaces one, at once for every reader. Only the jurisdiction module's calendar
     * administration calls this, after it checked, stored and audited the year; other modules read.
     *
     * @throws IllegalArgumentException when the year's days contradict themselves (nothing changes then)
     */
    public synchronized void put(CalendarYear year) {
        Map<Integer, CalendarYear> next = new TreeMap<>(current.years());
        next.put(year.year(), year);
        current = build(next.values());
    }

    /** The last day of the last covered year of the unbroken run of years that holds {@code from}; empty if {@code from} is not covered. */
    public Optional<LocalDate> coveredUntil(LocalDate from) {
        SortedMap<Integer, CalendarYear> years = current.years();
        if (!years.containsKey(from.getYear())) {
            return Optional.empty();
        }
        int y = from.getYear();
        while (years.containsKey(y + 1)) {
            y++;
        }
        return Optional.of(LocalDate.of(y, 12, 31));
    }

    /** The covered years, oldest first. */
    public List<CalendarYear> years() {
        return List.copyOf(current.years().values());
    }

    public Optional<CalendarYear> year(int year) {
        return Optional.ofNullable(current.years().get(year));
    }

    /** The year's holidays and make-up days; an uncovered year is refused. */
    public CalendarYear requireYear(int year) {
        CalendarYear found = current.years().get(year);
        if (found == null) {
            throw notCovered(year);
        }
        return found;
    }

    public boolean covers(LocalDate date) {
        return current.years().containsKey(date.getYear());
    }

    public CalendarDay day(LocalDate date) {
        Years snapshot = current;
        if (!snapshot.years().containsKey(date.getYear())) {
            throw notCovered(date.getYear());
        }
        CalendarDay day = snapshot.special().get(date);
        if (day != null) {
            return day;
        }
        return new CalendarDay(date, isWeekend(date) ? DayKind.WEEKEND : DayKind.WORKING_DAY, null);
    }

    public boolean isWorkingDay(LocalDate date) {
        return day(date).isWorkingDay();
    }

    /** The {@code n}-th working day after {@code date} ({@code date} itself for 0). */
    public LocalDate addWorkingDays(LocalDate date, int n) {
        requireNotNegative(n);
        LocalDate d = date;
        for (int left = n; left > 0; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /** The number of working days after {@code from} up to and including {@code to}. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ProblemException.badRequest("jurisdiction.calendar.range-reversed");
        }
        day(from);
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The days after {@code from} up to {@code to} that are not working days (what a deadline crossed). */
    public List<CalendarDay> nonWorkingDaysBetween(LocalDate from, LocalDate to) {
        List<CalendarDay> days = new ArrayList<>();
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            CalendarDay day = day(d);
            if (!day.isWorkingDay()) {
                days.add(day);
            }
        }
        return days;
    }

    /** The deadline {@code limit} after {@code start}, in whatever unit the limit counts. */
    public Deadline deadline(LocalDate start, TimeLimit limit, @Nullable RuleRef rule) {
        long amount = limit.amount();
        LocalDate due = switch (limit.unit()) {
            case WORKING_DAYS -> addWorkingDays(start, Math.toIntExact(amount));
            case CALENDAR_DAYS -> onWorkingDay(start.plusDays(amount));
            case MONTHS -> onWorkingDay(start.plusMonths(amount));
            case YEARS -> onWorkingDay(start.plusYears(amount));
        };
        return new Deadline(start, amount, limit.unit(), due, rule);
    }

    public Deadline deadline(LocalDate start, Ruled<TimeLimit> limit) {
        return deadline(start, limit.value(), limit.rule());
    }

    /**
     * The latest day to act when a rule asks for action {@code limit} before {@code date} (TZ-11:
     * re-apply 3 months before expiry): the corresponding day, or the month's last day where the
     * month has none (31 May less 3 months is 28 February).
     */
    public Deadline before(LocalDate date, TimeLimit limit, @Nullable RuleRef rule) {
        long amount = limit.amount();
        LocalDate due = switch (limit.unit()) {
            case WORKING_DAYS -> minusWorkingDays(date, Math.toIntExact(amount));
            case CALENDAR_DAYS -> date.minusDays(amount);
            case MONTHS -> date.minusMonths(amount);
            case YEARS -> date.minusYears(amount);
        };
        return new Deadline(date, amount, limit.unit(), due, rule);
    }

    public Deadline before(LocalDate date, Ruled<TimeLimit> limit) {
        return before(date, limit.value(), limit.rule());
    }

    private LocalDate minusWorkingDays(LocalDate date, int n) {
        requireNotNegative(n);
        LocalDate d = date;
        for (int left = n; left > 0; ) {
            d = d.minusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    private LocalDate onWorkingDay(LocalDate date) {
        LocalDate d = date;
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static void requireNotNegative(int n) {
        if (n < 0) {
            throw ProblemException.badRequest("jurisdiction.calendar.negative-count");
        }
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private ProblemException notCovered(int year) {
        SortedMap<Integer, CalendarYear> years = current.years();
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "jurisdiction.calendar.year-not-covered",
                null, String.valueOf(year), years.isEmpty() ? "-" : years.firstKey() + "–" + years.lastKey());
    }
}
