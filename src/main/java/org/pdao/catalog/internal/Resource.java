package org.pdao.catalog.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One entry of the resource catalog (TZM-8) at its current version. */
record Resource(UUID id, String name, String description, UUID sourceUnitId, String domain, String category,
        UpdateFrequency updateFrequency, SharingAttribute sharing, OpeningAttribute opening,
        @Nullable String legalBasis, List<Restriction> restrictions, List<ResourceField> fields, int version,
        @Nullable LocalDate nextOpeningReview, @Nullable String registrationNo, String updatedBy,
        Instant updatedAt) {

    Resource {
        restrictions = List.copyOf(restrictions);
        fields = List.copyOf(fields);
    }

    int maxGrade() {
        return fields.stream().mapToInt(ResourceField::grade).max().orElse(1);
    }
}
