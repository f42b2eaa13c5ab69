package org.pdao.product.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A data product: one released result of its owner's governed query, in one zone under one agreement and scenario,
 * with the sources of its data and when each was obtained (TZ-10), and a daily call quota per key.
 */
record Product(UUID id, String title, String description, ProductForm form, UUID ownerOrganizationId,
        UUID operatorOrganizationId, UUID zoneId, UUID agreementId, UUID grantId, UUID resultId, UUID queryId,
        String scenario, List<String> columns, int rows, int dailyQuota, ProductState state,
        @Nullable String stateReason, @Nullable String stateRule, Instant stateChangedAt, List<Source> sources,
        String createdBy, Instant createdAt, int version) {

    /** A dataset the product's data comes from, its catalog resource and when it was obtained. */
    record Source(String dataset, UUID resourceId, Instant obtainedAt) {}

    /** One move of the product's life, as recorded. */
    record Transition(ProductState from, ProductState to, String actor, @Nullable String reason,
            @Nullable String rule, Instant at) {}

    Product {
        columns = List.copyOf(columns);
        sources = List.copyOf(sources);
    }
}
