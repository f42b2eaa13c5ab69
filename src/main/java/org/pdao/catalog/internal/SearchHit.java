package org.pdao.catalog.internal;

import java.util.List;
import java.util.UUID;

/** One search result with the matching passages highlighted ({@code <em>…</em>}). */
record SearchHit(CatalogDocument.Kind kind, UUID id, String name, String domain, String category, int maxGrade,
        String sharing, String opening, UUID sourceUnitId, List<String> highlights, float score) {

    SearchHit {
        highlights = List.copyOf(highlights);
    }
}
