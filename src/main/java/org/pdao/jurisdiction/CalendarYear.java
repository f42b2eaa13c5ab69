package org.pdao.jurisdiction;

import java.util.List;

/** The statutory holidays and make-up working days of one year, as its notice set them. */
public record CalendarYear(int year, HolidayNotice notice, List<Holiday> holidays) {

    public CalendarYear {
        holidays = List.copyOf(holidays);
    }
}
