package org.pdao.product.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.dataspace.ReleasedResults;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * One call of a product by key. Everything it rests on is asked live, in this order: the key (known, of this product,
 * not revoked), the product (published), its agreement (in force: TZ-11), the key's quota for the day, and — in the
 * data space — the grant of the result it serves. Every call is audited and metered, served or refused.
 */
@Service
class ProductCalls {

    /** What a caller receives: the product's figures, where its data comes from and when it was obtained (TZ-10). */
    record Answer(UUID productId, String title, ProductForm form, List<Product.Source> sources, List<String> columns,
            List<List<Object>> rows, UUID issueId, Instant servedAt) {}

    private final ProductKeys keys;
    private final ProductLifecycle lifecycle;
    private final Products products;
    private final ReleasedResults results;
    private final CallMeter meter;
    private final AuditTrail audit;
    private final Clock clock;
    private final ProductRules rules;

    ProductCalls(ProductKeys keys, ProductLifecycle lifecycle, Products products, ReleasedResults results,
            CallMeter meter, AuditTrail audit, Clock clock, ProductRules rules) {
        this.rules = rules;
        this.clock = clock;
        this.keys = keys;
        this.lifecycle = lifecycle;
        this.products = products;
        this.results = results;
        this.meter = meter;
        this.audit = audit;
    }

    Answer call(UUID productId, @Nullable String secret, @Nullable String sourceAddress) {
        ProductKey key = secret == null ? null : keys.bySecret(secret.strip()).orElse(null);
        if (key == null) {
            audit.record(AuditEvent.of("product.call", "product", productId)
                    .by(Actor.anonymous("product-key", sourceAddress)).refused("product.key.invalid", null));
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "product.key.invalid", null);
        }
        Actor caller = new Actor(null, "product-key:" + key.prefix(), key.holderOrganizationId(), List.of("PRODUCT_KEY"),
                sourceAddress);
        try {
            if (!key.productId().equals(productId)) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "product.key.other-product", null);
            }
            if (key.state() == ProductKey.State.REVOKED) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "product.key.revoked", null);
            }
            Product p = products.require(productId);
            if (p.state() != ProductState.PUBLISHED) {
                String code = switch (p.state()) {
                    case SUSPENDED -> "product.suspended";
                    case WITHDRAWN -> "product.withdrawn";
                    default -> "product.not-serving";
                };
                throw new ProblemException(HttpStatus.FORBIDDEN, code,
                        rules.of(p.stateRule() == null ? ProductRules.REVIEW : p.stateRule()));
            }
            if (!lifecycle.agreementInForce(p)) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "product.agreement-ended", rules.agreementEnded());
            }
            if (meter.servedToday(key.id()) >= p.dailyQuota()) {
                // the quota is the product's own term, not a regulation's
                throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "product.quota-exhausted", null,
                        p.dailyQuota());
            }
            ReleasedResults.Served served = results.serve(p.resultId(),
                    new ReleasedResults.Recipient(key.id(), caller.username() + " (" + key.issuedTo() + ")",
                            key.holderOrganizationId()));
            meter.served(key.id());
            audit.record(AuditEvent.of("product.call", "product", productId).by(caller).with("key", key.id())
                    .with("issue", served.issueId()).with("rows", served.rows().size()));
            return new Answer(p.id(), p.title(), p.form(), p.sources(), served.columns(), served.rows(),
                    served.issueId(), clock.instant());
        } catch (ProblemException refused) {
            meter.refused(key.id());
            RuleRef rule = refused.rule();
            audit.record(AuditEvent.of("product.call", "product", productId).by(caller).with("key", key.id())
                    .refused(refused.code(), rule == null ? null : rule.id()));
            throw refused;
        }
    }
}
