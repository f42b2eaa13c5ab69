package org.pdao.product.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pdao.shared.ProblemException;

/**
 * The life of a data product (TZ-18): drafted by its developer, reviewed by the zone operator for security and
 * compliance (approved or rejected with reasons; a rejected product is revised into a new draft), published into the
 * operator's product catalog, suspended when its agreement stops being in force or by the operator, resumed, and
 * withdrawn for good.
 */
enum ProductState {
    DRAFT, SUBMITTED, REJECTED, APPROVED, PUBLISHED, SUSPENDED, WITHDRAWN;

    private static final Map<ProductState, Set<ProductState>> ALLOWED = new EnumMap<>(ProductState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(SUBMITTED, WITHDRAWN));
        ALLOWED.put(SUBMITTED, EnumSet.of(APPROVED, REJECTED, WITHDRAWN));
        ALLOWED.put(REJECTED, EnumSet.of(DRAFT, WITHDRAWN));
        ALLOWED.put(APPROVED, EnumSet.of(PUBLISHED, SUSPENDED, WITHDRAWN));
        ALLOWED.put(PUBLISHED, EnumSet.of(SUSPENDED, WITHDRAWN));
        ALLOWED.put(SUSPENDED, EnumSet.of(PUBLISHED, WITHDRAWN));
        ALLOWED.put(WITHDRAWN, EnumSet.noneOf(ProductState.class));
    }

    boolean canMoveTo(ProductState target) {
        return ALLOWED.get(this).contains(target);
    }

    boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    void checkMoveTo(ProductState target) {
        if (!canMoveTo(target)) {
            throw ProblemException.conflict("product.transition-refused", name(), target.name());
        }
    }
}
