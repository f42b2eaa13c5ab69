package org.pdao.jurisdiction;

/** The unit a regulation counts a time limit in. */
public enum LimitUnit {
    WORKING_DAYS, CALENDAR_DAYS, MONTHS, YEARS
}
