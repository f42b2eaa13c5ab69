package org.pdao.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may know of a resource-catalog entry (TZM-8): its source unit, attributes,
 * update frequency and fields with their grades (1–4) and whether a field names the data subject.
 * Attribute values are the catalog's enum names ({@code UNCONDITIONAL}, {@code CONDITIONAL}, …).
 */
public record CatalogResourceView(UUID id, String name, UUID sourceUnitId, String domain, String sharing,
        String opening, String updateFrequency, List<Field> fields, int version, @Nullable String registrationNo) {

    public CatalogResourceView {
        fields = List.copyOf(fields);
    }

    public Optional<Field> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** One field: its name (the column name in data loaded for it), label, type, grade and person-key flag. */
    public record Field(String name, String label, String type, int grade, boolean personKey) {}
}
