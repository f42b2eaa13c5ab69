package org.pdao.jurisdiction.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.pdao.jurisdiction.DayKind;
import org.pdao.jurisdiction.Deadline;
import org.pdao.jurisdiction.LimitUnit;
import org.pdao.jurisdiction.TimeLimit;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;

/** Deadlines over real holidays, with the expected dates worked out by hand from the State Council notices. */
class WorkingDayCalendarTest {

    private final WorkingDayCalendar calendar = load();

    private static WorkingDayCalendar load() {
        try {
            CalendarConfiguration configuration = new CalendarConfiguration();
            return configuration.workingDayCalendar(configuration.bundledCalendarYears());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void coversTheThreeNoticedYears() {
        assertThat(calendar.years()).extracting(y -> y.year()).containsExactly(2024, 2025, 2026);
        assertThat(calendar.requireYear(2024).notice().number()).isEqualTo("国办发明电〔2023〕7号");
        assertThat(calendar.requireYear(2025).notice().number()).isEqualTo("国办发明电〔2024〕12号");
        assertThat(calendar.requireYear(2026).notice().issued()).isEqualTo(d("2025-11-04"));
    }

    @Test
    void fiveWorkingDaysFromTheFridayBeforeNationalDay2025EndOnTenOctober() {
        // 9/27 Sat off, 9/28 Sun make-up (1), 9/29 (2), 9/30 (3), 10/1-10/8 off, 10/9 (4), 10/10 (5)
        assertThat(calendar.addWorkingDays(d("2025-09-26"), 5)).isEqualTo(d("2025-10-10"));
    }

    @Test
    void fiveWorkingDaysFromThirtySeptember2025CountTheMakeUpSaturday() {
        // 10/1-10/8 off, 10/9 (1), 10/10 (2), 10/11 Sat make-up (3), 10/12 Sun off, 10/13 (4), 10/14 (5)
        assertThat(calendar.addWorkingDays(d("2025-09-30"), 5)).isEqualTo(d("2025-10-14"));
        assertThat(calendar.workingDaysBetween(d("2025-09-30"), d("2025-10-14"))).isEqualTo(5);
    }

    @Test
    void fiveWorkingDaysFromTwelveFebruary2026CrossTheSpringFestival() {
        // 2/13 (1), 2/14 Sat make-up (2), 2/15-2/23 off, 2/24 (3), 2/25 (4), 2/26 (5)
        assertThat(calendar.addWorkingDays(d("2026-02-12"), 5)).isEqualTo(d("2026-02-26"));
    }

    @Test
    void sevenWorkingDaysFromThirteenFebruary2026EndOnTheMondayAfterTheMakeUpSaturday() {
        // 2/14 (1), 2/24 (2), 2/25 (3), 2/26 (4), 2/27 (5), 2/28 Sat make-up (6), 3/1 Sun off, 3/2 (7)
        assertThat(calendar.addWorkingDays(d("2026-02-13"), 7)).isEqualTo(d("2026-03-02"));
    }

    @Test
    void makeUpSundaysAreWorkingDaysAndHolidayWeekdaysAreNot() {
        assertThat(calendar.isWorkingDay(d("2026-01-04"))).isTrue();
        assertThat(calendar.day(d("2026-01-04")).kind()).isEqualTo(DayKind.MAKE_UP_WORKING_DAY);
        assertThat(calendar.isWorkingDay(d("2025-01-26"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2026-01-02"))).isFalse();
        assertThat(calendar.day(d("2026-01-02")).kind()).isEqualTo(DayKind.HOLIDAY);
        assertThat(calendar.isWorkingDay(d("2024-02-18"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2025-05-31"))).isFalse();
        assertThat(calendar.isWorkingDay(d("2025-06-02"))).isFalse();
        assertThat(calendar.isWorkingDay(d("2025-06-07"))).isFalse();
        assertThat(calendar.day(d("2025-06-07")).kind()).isEqualTo(DayKind.WEEKEND);
    }

    @Test
    void countsAcrossNewYearIntoTheMakeUpSunday() {
        // 12/31 (1), 1/1-1/3 off, 1/4 Sun make-up (2), 1/5 (3), 1/6 (4), 1/7 (5)
        assertThat(calendar.addWorkingDays(d("2025-12-30"), 5)).isEqualTo(d("2026-01-07"));
    }

    @Test
    void countsWorkingDaysOfFebruary2026() {
        // 2/2-2/13 (10), 2/14 make-up (1), 2/24-2/27 (4), 2/28 make-up (1)
        assertThat(calendar.workingDaysBetween(d("2026-02-01"), d("2026-02-28"))).isEqualTo(16);
        assertThat(calendar.workingDaysBetween(d("2026-02-16"), d("2026-02-16"))).isZero();
    }

    @Test
    void zeroWorkingDaysIsTheStartDay() {
        assertThat(calendar.addWorkingDays(d("2025-10-03"), 0)).isEqualTo(d("2025-10-03"));
    }

    @Test
    void refusesDatesOutsideTheCoveredYearsNamingTheYear() {
        assertThatThrownBy(() -> calendar.isWorkingDay(d("2027-01-04")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo("jurisdiction.calendar.year-not-covered");
                    assertThat(e.args()).contains("2027");
                    assertThat(e.status().value()).isEqualTo(422);
                });
        assertThatThrownBy(() -> calendar.addWorkingDays(d("2026-12-30"), 5))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.args()).contains("2027"));
        assertThatThrownBy(() -> calendar.workingDaysBetween(d("2023-12-29"), d("2024-01-05")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.args()).contains("2023"));
    }

    @Test
    void refusesNegativeCountsAndReversedRanges() {
        assertThatThrownBy(() -> calendar.addWorkingDays(d("2025-03-03"), -1))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().value()).isEqualTo(400));
        assertThatThrownBy(() -> calendar.workingDaysBetween(d("2025-03-03"), d("2025-03-01")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status().value()).isEqualTo(400));
    }

    @Test
    void aMonthFromTheLastDayOfJanuaryEndsOnTheLastDayOfFebruary() {
        RuleRef jl = RuleRef.of("JL-plan");
        // 2026-01-31 + 1 month has no 31 Feb: month end 2026-02-28, a Saturday that is a make-up working day
        Deadline filing = calendar.deadline(d("2026-01-31"), new TimeLimit(1, LimitUnit.MONTHS), jl);
        assertThat(filing.due()).isEqualTo(d("2026-02-28"));
        assertThat(filing.rule()).isEqualTo(jl);
        assertThat(calendar.deadline(d("2025-08-31"), new TimeLimit(1, LimitUnit.MONTHS), jl).due())
                .isEqualTo(d("2025-09-30"));
    }

    @Test
    void aMonthEndingOnAHolidayEndsOnTheNextWorkingDay() {
        // 2025-09-01 + 1 month = 10-01, inside the 10/1-10/8 holiday: ends on 10-09 (民法典第二百零三条)
        assertThat(calendar.deadline(d("2025-09-01"), new TimeLimit(1, LimitUnit.MONTHS), null).due())
                .isEqualTo(d("2025-10-09"));
    }

    @Test
    void threeMonthsBeforeTheEndOfMayIsTheEndOfFebruary() {
        Deadline reapply = calendar.before(d("2026-05-31"), new TimeLimit(3, LimitUnit.MONTHS), RuleRef.of("TZ-11"));
        assertThat(reapply.due()).isEqualTo(d("2026-02-28"));
        assertThat(calendar.before(d("2026-11-15"), new TimeLimit(3, LimitUnit.MONTHS), null).due())
                .isEqualTo(d("2026-08-15"));
    }

    @Test
    void workingDayDeadlinesCarryTheirRule() {
        Deadline onboarding = calendar.deadline(d("2025-09-30"), new TimeLimit(5, LimitUnit.WORKING_DAYS),
                RuleRef.of("TZ-9"));
        assertThat(onboarding.due()).isEqualTo(d("2025-10-14"));
        assertThat(onboarding.rule().id()).isEqualTo("TZ-9");
        assertThat(calendar.nonWorkingDaysBetween(d("2025-09-30"), d("2025-10-14"))).hasSize(9);
    }

    @Test
    void refusesCalendarDataThatContradictsItself() {
        assertThatThrownBy(() -> CalendarReader.read("cn-2025.yaml", """
                year: 2025
                notice: {title: {zh: 通知, en: notice}, issued: 2024-11-12}
                holidays:
                  - {name: {zh: 元旦, en: New Year}, from: 2025-01-01, to: 2024-12-31}
                """)).isInstanceOf(MalformedProfile.class).hasMessageContaining("cn-2025.yaml");
        var weekdayMakeUp = new org.pdao.jurisdiction.CalendarYear(2025,
                new org.pdao.jurisdiction.HolidayNotice(new org.pdao.jurisdiction.LocalizedText("通知", "notice"),
                        null, d("2024-11-12")),
                java.util.List.of(new org.pdao.jurisdiction.Holiday(
                        new org.pdao.jurisdiction.LocalizedText("元旦", "New Year"), d("2025-01-01"), d("2025-01-01"),
                        java.util.List.of(d("2025-01-02")))));
        assertThatThrownBy(() -> new WorkingDayCalendar(java.util.List.of(weekdayMakeUp)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2025-01-02");
    }
}
