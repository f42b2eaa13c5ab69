package org.pdao.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What supervision reads of the catalog's data supply: a resource's source unit and update
 * frequency (for quality issues and staleness) and a source unit's supply figures over a period
 * (for the contribution assessment, TZ-19).
 */
public interface CatalogSupply {

    Optional<SuppliedResource> resource(UUID resourceId);

    /** Every resource with an update frequency that can go stale, in pages of {@code limit} after {@code after}. */
    List<SuppliedResource> resourcesAfter(@org.jspecify.annotations.Nullable UUID after, int limit);

    /** A source unit's supply: what stood at the end of {@code to}, and what happened from {@code from} to {@code to}. */
    SupplyFigures figures(UUID sourceUnitId, LocalDate from, LocalDate to);

    /** A resource of the catalog as supervision sees it. {@code updateInterval} is empty for on-demand data. */
    record SuppliedResource(UUID id, String name, UUID sourceUnitId, String updateFrequency,
            Optional<java.time.Period> updateInterval, int fields, Instant createdAt) {}

    /**
     * A source unit's supply in a period: resources and fields in the catalog and development-catalog
     * entries published from them at its end; data demands answered and delivered in it (and how many in time).
     */
    record SupplyFigures(long resources, long fields, long publishedEntries, long demandsAnswered,
            long demandsAnsweredInTime, long demandsDelivered, long sharingReviewed, long sharingReviewedInTime) {}
}
