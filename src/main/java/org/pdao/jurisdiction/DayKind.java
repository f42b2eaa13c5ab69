package org.pdao.jurisdiction;

/** What a day is in the working-day calendar. */
public enum DayKind {
    WORKING_DAY, WEEKEND, HOLIDAY, MAKE_UP_WORKING_DAY
}
