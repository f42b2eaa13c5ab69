package org.pdao.product.internal;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A product user's key to one product: only its SM3 is stored, its {@code prefix} identifies it in lists and in the
 * issue register; the key itself is shown once, when it is taken out.
 */
record ProductKey(UUID id, UUID productId, UUID holderOrganizationId, String issuedTo, String prefix, State state,
        Instant createdAt, @Nullable Instant revokedAt, @Nullable String revokedReason) {

    enum State {
        ACTIVE, REVOKED
    }
}
