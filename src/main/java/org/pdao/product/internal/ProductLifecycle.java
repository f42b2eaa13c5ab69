package org.pdao.product.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.authorization.AgreementDirectory;
import org.pdao.authorization.AgreementEnded;
import org.pdao.authorization.AgreementSummary;
import org.pdao.authorization.FilingRegister;
import org.pdao.dataspace.ReleasedResults;
import org.pdao.identity.Role;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds products from released results and moves them through their life (TZ-18). Every move goes through
 * {@link #move}, which checks the transition table, records it with who, when, why and the rule, and audits it.
 */
@Service
class ProductLifecycle {

    /** What a developer asks for: a product of one of its released query results. */
    record NewProduct(UUID queryId, String title, String description, ProductForm form, int dailyQuota) {}

    /** The subject type of a product's filing with the authority. */
    static final String FILING_SUBJECT = "data-product";

    private static final List<String> READ_ALL = List.of(Role.AUTHORITY.name(), Role.REGULATOR.name(),
            Role.SECURITY_SUPERVISOR.name());

    private final Products products;
    private final ReleasedResults results;
    private final AgreementDirectory agreements;
    private final AuditTrail audit;
    private final Clock clock;
    private final ProductRules rules;
    private final FilingRegister filings;

    ProductLifecycle(Products products, ReleasedResults results, AgreementDirectory agreements, AuditTrail audit,
            Clock clock, ProductRules rules, FilingRegister filings) {
        this.rules = rules;
        this.filings = filings;
        this.products = products;
        this.results = results;
        this.agreements = agreements;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Product create(Actor actor, NewProduct request) {
        ReleasedResults.ResultSource source = results.describe(request.queryId(), actor)
                .orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "product.result-not-released",
                        rules.review()));
        requireInForce(source.agreementId(), "product.agreement-not-in-force");
        if (source.sources().isEmpty()) {
            throw ProblemException.ruleViolation(rules.sources(), "product.sources-unknown");
        }
        Instant now = clock.instant();
        Product product = new Product(UUID.randomUUID(), request.title().strip(), request.description().strip(),
                request.form(), actor.organizationId(), source.operatorOrganizationId(), source.zoneId(),
                source.agreementId(), source.grantId(), source.resultId(), source.queryId(), source.scenario(),
                source.columns(), source.rows(), request.dailyQuota(), ProductState.DRAFT, null, null, now,
                source.sources().stream().map(s -> new Product.Source(s.dataset(), s.resourceId(), s.obtainedAt()))
                        .toList(),
                actor.username(), now, 0);
        products.insert(product);
        audit.record(AuditEvent.of("product.create", "product", product.id()).by(actor)
                .underRule(rules.sources().id()).with("result", source.resultId()).with("form", request.form())
                .with("sources", product.sources().size()));
        return product;
    }

    Product get(Actor actor, UUID id) {
        Product p = products.require(id);
        if (!visible(actor, p)) {
            throw ProblemException.notFound("product", id);
        }
        return p;
    }

    List<Product.Transition> history(Actor actor, UUID id) {
        return products.history(get(actor, id).id());
    }

    Page<Product> list(Actor actor, @Nullable ProductState state, int page, int size) {
        Products.Visibility v = new Products.Visibility(readsAll(actor), actor.organizationId());
        return new Page<>(products.page(v, state, page, size), page, size, products.count(v, state));
    }

    // --- the owner's moves

    @Transactional
    Product submit(Actor actor, UUID id) {
        Product p = owned(actor, id);
        requireInForce(p.agreementId(), "product.agreement-not-in-force");
        return move(actor, p, ProductState.SUBMITTED, null, rules.review());
    }

    @Transactional
    Product revise(Actor actor, UUID id) {
        return move(actor, owned(actor, id), ProductState.DRAFT, null, rules.review());
    }

    // --- the reviewer's moves (the zone operator; the authority for an operator's own product)

    /**
     * Approves a submitted product; the zone operator then owes the data authority a filing of it (TZ-18: "应及时向市数据
     * 主管部门报备已审核通过的数据产品"), which it files and the authority receives under {@code /api/v1/filings}.
     */
    @Transactional
    Product approve(Actor actor, UUID id, @Nullable String reason) {
        Product p = reviewed(actor, id);
        requireInForce(p.agreementId(), "product.agreement-not-in-force");
        Product approved = move(actor, p, ProductState.APPROVED, reason, rules.review());
        filings.openDuty(FILING_SUBJECT, p.id(), p.title(), rules.review().id(), p.operatorOrganizationId(), null);
        return approved;
    }

    @Transactional
    Product reject(Actor actor, UUID id, @Nullable String reason) {
        return move(actor, reviewed(actor, id), ProductState.REJECTED, required(reason), rules.review());
    }

    @Transactional
    Product publish(Actor actor, UUID id) {
        Product p = reviewed(actor, id);
        requireInForce(p.agreementId(), "product.agreement-not-in-force");
        return move(actor, p, ProductState.PUBLISHED, null, rules.review());
    }

    @Transactional
    Product suspend(Actor actor, UUID id, @Nullable String reason) {
        return move(actor, reviewed(actor, id), ProductState.SUSPENDED, required(reason), rules.review());
    }

    @Transactional
    Product resume(Actor actor, UUID id, @Nullable String reason) {
        Product p = reviewed(actor, id);
        requireInForce(p.agreementId(), "product.agreement-not-in-force");
        return move(actor, p, ProductState.PUBLISHED, reason, rules.review());
    }

    /** The owner or the reviewer withdraws a product for good. */
    @Transactional
    Product withdraw(Actor actor, UUID id, @Nullable String reason) {
        Product p = get(actor, id);
        if (!p.ownerOrganizationId().equals(actor.organizationId()) && !mayReview(actor, p)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "product.not-yours", rules.review());
        }
        return move(actor, p, ProductState.WITHDRAWN, reason, rules.review());
    }

    /** An agreement stopped being in force: its products stop serving at once (TZ-11), until it is in force again. */
    @EventListener
    @Transactional
    void on(AgreementEnded ended) {
        RuleRef rule = rules.of(ended.ruleId());
        for (Product p : products.ofAgreement(ended.agreementId(),
                List.of(ProductState.APPROVED, ProductState.PUBLISHED))) {
            move(Actor.system(), p, ProductState.SUSPENDED, "agreement ended: " + ended.cause(), rule);
        }
    }

    /** True while the agreement the product rests on is in force: asked at every call, so no call outlives it. */
    boolean agreementInForce(Product p) {
        return agreements.find(p.agreementId()).map(AgreementSummary::inForce).orElse(false);
    }

    boolean readsAll(Actor actor) {
        return READ_ALL.stream().anyMatch(actor::hasRole);
    }

    boolean visible(Actor actor, Product p) {
        return p.state() == ProductState.PUBLISHED || readsAll(actor)
                || p.ownerOrganizationId().equals(actor.organizationId())
                || p.operatorOrganizationId().equals(actor.organizationId()) && p.state() != ProductState.DRAFT;
    }

    private Product move(Actor actor, Product p, ProductState to, @Nullable String reason, RuleRef rule) {
        if (!p.state().canMoveTo(to)) {
            audit.record(AuditEvent.of("product.transition", "product", p.id()).by(actor)
                    .refused("transition not allowed", rule.id()).with("from", p.state()).with("to", to));
            p.state().checkMoveTo(to);
        }
        Instant now = clock.instant();
        if (!products.move(p, to, reason, rule.id(), actor.username(), now)) {
            throw ProblemException.conflict("product.changed-concurrently");
        }
        AuditEvent event = AuditEvent.of("product.transition", "product", p.id()).by(actor).underRule(rule.id())
                .with("from", p.state()).with("to", to);
        audit.record(reason == null ? event : event.because(reason));
        return products.require(p.id());
    }

    private Product owned(Actor actor, UUID id) {
        Product p = get(actor, id);
        if (!p.ownerOrganizationId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "product.not-yours", rules.review());
        }
        return p;
    }

    private Product reviewed(Actor actor, UUID id) {
        Product p = get(actor, id);
        if (!mayReview(actor, p)) {
            audit.record(AuditEvent.of("product.review", "product", p.id()).by(actor)
                    .refused("product.review.not-reviewer", rules.review().id()));
            throw new ProblemException(HttpStatus.FORBIDDEN, "product.review.not-reviewer", rules.review());
        }
        return p;
    }

    /**
     * The zone operator reviews its developers' products (TZ-18); nobody reviews their own organization's product, so
     * an operator's own product is reviewed by the data authority.
     */
    private static boolean mayReview(Actor actor, Product p) {
        if (p.ownerOrganizationId().equals(actor.organizationId())) {
            return false;
        }
        if (p.ownerOrganizationId().equals(p.operatorOrganizationId())) {
            return actor.hasRole(Role.AUTHORITY.name());
        }
        return p.operatorOrganizationId().equals(actor.organizationId()) && actor.hasRole(Role.OPERATOR.name());
    }

    private void requireInForce(UUID agreementId, String code) {
        Optional<AgreementSummary> agreement = agreements.find(agreementId);
        if (agreement.isEmpty() || !agreement.get().inForce()) {
            throw ProblemException.ruleViolation(rules.agreementEnded(), code);
        }
    }

    private static String required(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("product.reason-required");
        }
        return reason.strip();
    }
}
