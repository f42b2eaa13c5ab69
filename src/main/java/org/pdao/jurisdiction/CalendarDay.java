package org.pdao.jurisdiction;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A day of the calendar with its kind and, for holidays and make-up days, the holiday's name. */
public record CalendarDay(LocalDate date, DayKind kind, @Nullable LocalizedText holiday) {

    public boolean isWorkingDay() {
        return kind == DayKind.WORKING_DAY || kind == DayKind.MAKE_UP_WORKING_DAY;
    }
}
