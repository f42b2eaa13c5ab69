package org.pdao.catalog.internal;

import java.util.UUID;

/** What the search index holds of a resource or a published development-catalog entry. */
record CatalogDocument(Kind kind, UUID id, String name, String description, String fieldText, String domain,
        String category, int maxGrade, String sharing, String opening, UUID sourceUnitId) {

    /** Which catalog a document comes from. */
    enum Kind { RESOURCE, DEVELOPMENT }

    static CatalogDocument of(Resource r) {
        StringBuilder text = new StringBuilder();
        r.fields().forEach(f -> text.append(f.label()).append(' ').append(f.name()).append(' ')
                .append(f.classification()).append(' '));
        return new CatalogDocument(Kind.RESOURCE, r.id(), r.name(), r.description(), text.toString().trim(),
                r.domain(), r.category(), r.maxGrade(), r.sharing().name(), r.opening().name(), r.sourceUnitId());
    }
}
