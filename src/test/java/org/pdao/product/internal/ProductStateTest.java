package org.pdao.product.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pdao.shared.ProblemException;

class ProductStateTest {

    private static final Map<ProductState, Set<ProductState>> TABLE = Map.of(
            ProductState.DRAFT, EnumSet.of(ProductState.SUBMITTED, ProductState.WITHDRAWN),
            ProductState.SUBMITTED, EnumSet.of(ProductState.APPROVED, ProductState.REJECTED, ProductState.WITHDRAWN),
            ProductState.REJECTED, EnumSet.of(ProductState.DRAFT, ProductState.WITHDRAWN),
            ProductState.APPROVED, EnumSet.of(ProductState.PUBLISHED, ProductState.SUSPENDED, ProductState.WITHDRAWN),
            ProductState.PUBLISHED, EnumSet.of(ProductState.SUSPENDED, ProductState.WITHDRAWN),
            ProductState.SUSPENDED, EnumSet.of(ProductState.PUBLISHED, ProductState.WITHDRAWN),
            ProductState.WITHDRAWN, EnumSet.noneOf(ProductState.class));

    @Test
    void allowsExactlyTheTransitionsOfTheTableAndRefusesEveryOther() {
        for (ProductState from : ProductState.values()) {
            for (ProductState to : ProductState.values()) {
                boolean allowed = TABLE.get(from).contains(to);
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
                if (!allowed) {
                    assertThatThrownBy(() -> from.checkMoveTo(to)).isInstanceOf(ProblemException.class)
                            .extracting(e -> ((ProblemException) e).code()).isEqualTo("product.transition-refused");
                }
            }
        }
    }

    @Test
    void onlyAWithdrawnProductIsFinal() {
        for (ProductState s : ProductState.values()) {
            assertThat(s.isFinal()).as(s.name()).isEqualTo(s == ProductState.WITHDRAWN);
        }
    }
}
