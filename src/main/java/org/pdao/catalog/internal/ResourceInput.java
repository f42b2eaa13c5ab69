package org.pdao.catalog.internal;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A resource-catalog entry as submitted (by the API or one spreadsheet resource), before validation. */
record ResourceInput(@Nullable String name, @Nullable String description, @Nullable UUID sourceUnitId,
        @Nullable String domain, @Nullable String category, @Nullable String updateFrequency,
        @Nullable String sharing, @Nullable String opening, @Nullable String legalBasis,
        @Nullable List<String> restrictions, @Nullable List<FieldInput> fields) {}
