package org.pdao.identity;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The facts that admission checks read (TZ-7, SY-9, NJ-8): the organization's entries on credit
 * lists and its security incidents, each with its source and date.
 */
public record OrganizationStanding(UUID organizationId, List<CreditEntry> creditEntries, List<Incident> incidents) {

    public OrganizationStanding {
        creditEntries = List.copyOf(creditEntries);
        incidents = List.copyOf(incidents);
    }

    /** Credit-list entries in force on {@code day}. */
    public List<CreditEntry> listedOn(LocalDate day) {
        return creditEntries.stream().filter(e -> e.inForceOn(day)).toList();
    }

    /** Publicly reported security incidents on or after {@code since}. */
    public List<Incident> publicIncidentsSince(LocalDate since) {
        return incidents.stream().filter(i -> i.publiclyReported() && !i.occurredOn().isBefore(since)).toList();
    }

    public record CreditEntry(UUID id, CreditListType listType, String source, LocalDate listedOn,
            @Nullable LocalDate removedOn, @Nullable String note) {

        public boolean inForceOn(LocalDate day) {
            return !listedOn.isAfter(day) && (removedOn == null || removedOn.isAfter(day));
        }
    }

    public record Incident(UUID id, LocalDate occurredOn, String category, String description, String source,
            boolean publiclyReported) {}
}
