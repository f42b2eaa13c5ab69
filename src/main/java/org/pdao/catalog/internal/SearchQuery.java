package org.pdao.catalog.internal;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A catalog search: words, filters and the page wanted. */
record SearchQuery(@Nullable String text, Set<CatalogDocument.Kind> kinds, @Nullable String domain,
        @Nullable Integer maxGrade, @Nullable String sharing, @Nullable String opening, @Nullable UUID sourceUnitId,
        int page, int size) {

    SearchQuery {
        kinds = Set.copyOf(kinds);
    }
}
