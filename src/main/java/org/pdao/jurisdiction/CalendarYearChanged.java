package org.pdao.jurisdiction;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actor;

/**
 * Published, in the transaction that stores it, when the system administrator loads a calendar year at
 * runtime or changes one: the audit module records it with the change (both happen or neither).
 *
 * @param change {@code LOADED} (a year not covered before) or {@code REPLACED}
 * @param replaced where the replaced year came from: {@code BUNDLED} (shipped with the platform) or
 *     {@code LOADED} (an earlier runtime load); null for a new year
 * @param definitionSm3 SM3 of the stored definition (the year as JSON), so the audit log pins what was loaded
 * @param previousSm3 SM3 of the definition it replaced, if any
 */
public record CalendarYearChanged(int year, String change, @Nullable String replaced, String noticeTitle,
        @Nullable String noticeNumber, java.time.LocalDate noticeIssued, int holidays, int daysOff,
        int makeUpWorkingDays, String definitionSm3, @Nullable String previousSm3, @Nullable String reason,
        Actor actor, Instant at) {}
