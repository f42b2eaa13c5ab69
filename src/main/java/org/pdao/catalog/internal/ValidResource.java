package org.pdao.catalog.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The content of a resource entry that passed {@link ResourceRules}; the source unit is decided separately. */
record ValidResource(String name, String description, String domain, String category,
        UpdateFrequency updateFrequency, SharingAttribute sharing, OpeningAttribute opening,
        @Nullable String legalBasis, List<Restriction> restrictions, List<ResourceField> fields) {}
