package org.pdao.product.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "products", description = "数据产品：构建、安全合规审核、发布、密钥与计量 / data products: build, review (TZ-18), publish, keys, metering")
class ProductController {

    record NewProductBody(@NotNull UUID queryId, @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 2000) String description, @NotNull ProductForm form,
            @Min(1) @Max(1_000_000) int dailyQuota) {}

    record Reason(@Nullable @Size(max = 1000) String reason) {}

    /** A product as its readers see it, with its recorded moves. */
    record ProductView(Product product, List<Product.Transition> history) {}

    /** A key as listed (never its secret). */
    record KeyView(UUID id, UUID productId, UUID holderOrganizationId, String issuedTo, String prefix,
            ProductKey.State state, java.time.Instant createdAt, java.time.@Nullable Instant revokedAt,
            @Nullable String revokedReason) {

        static KeyView of(ProductKey k) {
            return new KeyView(k.id(), k.productId(), k.holderOrganizationId(), k.issuedTo(), k.prefix(), k.state(),
                    k.createdAt(), k.revokedAt(), k.revokedReason());
        }
    }

    /** A key as it is taken out: the secret is shown this once and never again. */
    record IssuedKeyView(KeyView key, String secret) {}

    private final ProductLifecycle lifecycle;
    private final ProductKeys keys;
    private final CallMeter meter;

    ProductController(ProductLifecycle lifecycle, ProductKeys keys, CallMeter meter) {
        this.lifecycle = lifecycle;
        this.keys = keys;
        this.meter = meter;
    }

    @PostMapping("/api/v1/products")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('PRODUCT_BUILD')")
    @Operation(summary = "Draft a product from a released result of one's governed query (sources and dates: TZ-10)")
    Product create(@Valid @RequestBody NewProductBody body) {
        return lifecycle.create(Actors.required(), new ProductLifecycle.NewProduct(body.queryId(), body.title(),
                body.description(), body.form(), body.dailyQuota()));
    }

    @GetMapping("/api/v1/products")
    @PreAuthorize("hasAuthority('PRODUCT_READ')")
    @Operation(summary = "The product catalog: published products, and one's own or reviewed ones in any state")
    Page<Product> list(@RequestParam(required = false) @Nullable ProductState state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return lifecycle.list(Actors.required(), state, Page.checkedPage(page), Page.checkedSize(size));
    }

    @GetMapping("/api/v1/products/{id}")
    @PreAuthorize("hasAuthority('PRODUCT_READ')")
    @Operation(summary = "One product with its history")
    ProductView get(@PathVariable UUID id) {
        return new ProductView(lifecycle.get(Actors.required(), id), lifecycle.history(Actors.required(), id));
    }

    @PostMapping("/api/v1/products/{id}/submission")
    @PreAuthorize("hasAuthority('PRODUCT_BUILD')")
    @Operation(summary = "Submit a draft for the operator's security and compliance review (TZ-18)")
    Product submit(@PathVariable UUID id) {
        return lifecycle.submit(Actors.required(), id);
    }

    @PostMapping("/api/v1/products/{id}/revision")
    @PreAuthorize("hasAuthority('PRODUCT_BUILD')")
    @Operation(summary = "Take a rejected product back into draft")
    Product revise(@PathVariable UUID id) {
        return lifecycle.revise(Actors.required(), id);
    }

    @PostMapping("/api/v1/products/{id}/approval")
    @PreAuthorize("hasAuthority('PRODUCT_REVIEW')")
    @Operation(summary = "Approve a submitted product (the zone operator; the authority for an operator's own)")
    Product approve(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason body) {
        return lifecycle.approve(Actors.required(), id, body == null ? null : body.reason());
    }

    @PostMapping("/api/v1/products/{id}/rejection")
    @PreAuthorize("hasAuthority('PRODUCT_REVIEW')")
    @Operation(summary = "Reject a submitted product, with reasons")
    Product reject(@PathVariable UUID id, @Valid @RequestBody Reason body) {
        return lifecycle.reject(Actors.required(), id, body.reason());
    }

    @PostMapping("/api/v1/products/{id}/publication")
    @PreAuthorize("hasAuthority('PRODUCT_REVIEW')")
    @Operation(summary = "Publish an approved product into the operator's product catalog")
    Product publish(@PathVariable UUID id) {
        return lifecycle.publish(Actors.required(), id);
    }

    @PostMapping("/api/v1/products/{id}/suspension")
    @PreAuthorize("hasAuthority('PRODUCT_REVIEW')")
    @Operation(summary = "Suspend a product, with reasons: its keys are refused until it is resumed")
    Product suspend(@PathVariable UUID id, @Valid @RequestBody Reason body) {
        return lifecycle.suspend(Actors.required(), id, body.reason());
    }

    @PostMapping("/api/v1/products/{id}/resumption")
    @PreAuthorize("hasAuthority('PRODUCT_REVIEW')")
    @Operation(summary = "Resume a suspended product while its agreement is in force (TZ-11)")
    Product resume(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason body) {
        return lifecycle.resume(Actors.required(), id, body == null ? null : body.reason());
    }

    @PostMapping("/api/v1/products/{id}/withdrawal")
    @PreAuthorize("hasAuthority('PRODUCT_BUILD') or hasAuthority('PRODUCT_REVIEW')")
    @Operation(summary = "Withdraw a product for good (its owner or reviewer)")
    Product withdraw(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason body) {
        return lifecycle.withdraw(Actors.required(), id, body == null ? null : body.reason());
    }

    @PostMapping("/api/v1/products/{id}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('PRODUCT_KEY')")
    @Operation(summary = "Take out a key to a published product for one's organization; the secret is shown once")
    IssuedKeyView issueKey(@PathVariable UUID id) {
        ProductKeys.IssuedKey issued = keys.issue(Actors.required(), id);
        return new IssuedKeyView(KeyView.of(issued.key()), issued.secret());
    }

    @GetMapping("/api/v1/products/{id}/keys")
    @PreAuthorize("hasAuthority('PRODUCT_READ')")
    @Operation(summary = "Keys of a product: a holder sees its own, the owner and the operator all")
    List<KeyView> keys(@PathVariable UUID id) {
        return keys.list(Actors.required(), id).stream().map(KeyView::of).toList();
    }

    @PostMapping("/api/v1/products/{id}/keys/{keyId}/revocation")
    @PreAuthorize("hasAuthority('PRODUCT_KEY') or hasAuthority('PRODUCT_REVIEW')")
    @Operation(summary = "Revoke a key (its holder or the zone operator): its next call is refused")
    KeyView revokeKey(@PathVariable UUID id, @PathVariable UUID keyId,
            @Valid @RequestBody(required = false) @Nullable Reason body) {
        return KeyView.of(keys.revoke(Actors.required(), id, keyId, body == null ? null : body.reason()));
    }

    @GetMapping("/api/v1/products/{id}/usage")
    @PreAuthorize("hasAuthority('PRODUCT_READ')")
    @Operation(summary = "Calls served and refused per key and day (SY-17); a holder sees its own keys")
    List<CallMeter.Usage> usage(@PathVariable UUID id, @RequestParam(required = false) @Nullable LocalDate from,
            @RequestParam(required = false) @Nullable LocalDate to) {
        var actor = Actors.required();
        Product p = lifecycle.get(actor, id);
        LocalDate until = to == null ? meter.today() : to;
        LocalDate since = from == null ? until.minusDays(30) : from;
        if (since.isAfter(until) || since.plusDays(366).isBefore(until)) {
            throw ProblemException.badRequest("product.usage.bad-range");
        }
        boolean all = p.ownerOrganizationId().equals(actor.organizationId())
                || p.operatorOrganizationId().equals(actor.organizationId()) || lifecycle.readsAll(actor);
        return meter.usage(id, since, until).stream()
                .filter(u -> all || u.holderOrganizationId().equals(actor.organizationId())).toList();
    }
}
