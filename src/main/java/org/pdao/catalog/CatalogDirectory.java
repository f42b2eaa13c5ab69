package org.pdao.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read access to the catalogs for other modules (the dataspace ties datasets and data requests to entries). */
public interface CatalogDirectory {

    Optional<CatalogResourceView> resource(UUID resourceId);

    /** The resource a source unit catalogs under {@code name}. */
    Optional<CatalogResourceView> resourceNamed(UUID sourceUnitId, String name);

    Optional<DevelopmentEntryView> developmentEntry(UUID entryId);

    /** The published development-catalog entries that open {@code resourceId}. */
    List<DevelopmentEntryView> publishedEntriesOf(UUID resourceId);
}
