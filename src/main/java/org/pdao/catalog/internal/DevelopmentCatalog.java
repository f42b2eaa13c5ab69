package org.pdao.catalog.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.Role;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The development catalog (开发数据目录, TZ-13): the operator compiles entries from the resource
 * catalog, the authority approves or rejects, the operator publishes and withdraws. Every transition
 * and every refusal is audited with who, why and the rule.
 */
@Service
class DevelopmentCatalog {

    /** What an operator compiles. */
    record Compilation(String title, String description, UUID resourceId, List<String> fieldNames,
            @Nullable Consent consent) {}

    private final DevelopmentEntries entries;
    private final ResourceCatalog resources;
    private final OrganizationDirectory organizations;
    private final Registrar registrar;
    private final CatalogSearch search;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CatalogArticles articles;

    DevelopmentCatalog(DevelopmentEntries entries, ResourceCatalog resources, OrganizationDirectory organizations,
            Registrar registrar, CatalogSearch search, AuditTrail audit, TransactionTemplate tx, Clock clock,
            CatalogArticles articles) {
        this.articles = articles;
        this.entries = entries;
        this.resources = resources;
        this.organizations = organizations;
        this.registrar = registrar;
        this.search = search;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    DevelopmentEntry compile(Actor actor, Compilation c) {
        if (actor.organizationId() == null) {
            throw ProblemException.badRequest("catalog.dev.operator-required");
        }
        Resource resource = resources.require(c.resourceId());
        List<String> fields = c.fieldNames().stream().map(String::trim).distinct().toList();
        checkListing(actor, "catalog.dev-entry.compile", null, resource, fields, c.consent(), actor.organizationId());
        Instant now = clock.instant();
        DevelopmentEntry entry = new DevelopmentEntry(UUID.randomUUID(), c.title().trim(), c.description().trim(),
                resource.id(), fields, actor.organizationId(), DevelopmentState.DRAFT, c.consent(), null,
                actor.username(), now, now);
        tx.executeWithoutResult(status -> {
            entries.insert(entry);
            AuditEvent event = AuditEvent.of("catalog.dev-entry.compile", "catalog-dev-entry", entry.id())
                    .with("resource", resource.id()).with("to", DevelopmentState.DRAFT)
                    .underRule(articles.developmentCatalogId());
            if (c.consent() != null) {
                event = event.with("consentBy", c.consent().grantedBy())
                        .with("consentDocument", c.consent().documentRef());
            }
            audit.record(event);
        });
        return entry;
    }

    DevelopmentEntry require(UUID id) {
        return entries.find(id).orElseThrow(() -> ProblemException.notFound("development entry", id));
    }

    /** One entry as the actor may see it: developers and product users see published entries only. */
    DevelopmentEntry show(Actor actor, UUID id) {
        DevelopmentEntry e = require(id);
        if (seesPublishedOnly(actor) && e.state() != DevelopmentState.PUBLISHED) {
            throw ProblemException.notFound("development entry", id);
        }
        return e;
    }

    Page<DevelopmentEntry> page(Actor actor, @Nullable DevelopmentState state, int page, int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        DevelopmentState filter = seesPublishedOnly(actor) ? DevelopmentState.PUBLISHED : state;
        if (seesPublishedOnly(actor) && state != null && state != DevelopmentState.PUBLISHED) {
            return new Page<>(List.of(), p, s, 0);
        }
        return new Page<>(entries.page(filter, p * s, s), p, s, entries.count(filter));
    }

    /** Moves an entry to {@code target}, checking the state table, the actor and the listing rules. */
    DevelopmentEntry transition(Actor actor, UUID id, DevelopmentState target, @Nullable String reason) {
        DevelopmentEntry current = require(id);
        String action = "catalog.dev-entry." + target.name().toLowerCase();
        if (!current.state().canMoveTo(target)) {
            audit.record(AuditEvent.of(action, "catalog-dev-entry", id).with("from", current.state())
                    .with("to", target).refused("catalog.dev.illegal-transition", articles.developmentCatalogId()));
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "catalog.dev.illegal-transition",
                    articles.developmentCatalog(), current.state().name(), target.name());
        }
        if (actor.hasRole(Role.OPERATOR.name()) && !current.operatorId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "catalog.dev.not-own-entry", null);
        }
        if (target == DevelopmentState.REJECTED && (reason == null || reason.isBlank())) {
            throw ProblemException.badRequest("catalog.dev.reason-required");
        }
        Resource resource = resources.require(current.resourceId());
        if (target == DevelopmentState.SUBMITTED || target == DevelopmentState.APPROVED
                || target == DevelopmentState.PUBLISHED) {
            checkListing(actor, action, id, resource, current.fieldNames(), current.consent(), current.operatorId());
        }
        DevelopmentEntry next = current.transitionTo(target, reason, clock.instant());
        Resource[] indexed = {resource};
        tx.executeWithoutResult(status -> {
            if (!entries.updateState(next, current.state())) {
                throw ProblemException.conflict("catalog.dev.changed-meanwhile");
            }
            AuditEvent event = AuditEvent.of(action, "catalog-dev-entry", id).with("from", current.state())
                    .with("to", target).because(reason == null ? "" : reason).underRule(articles.developmentCatalogId());
            if (target == DevelopmentState.APPROVED) {
                event = event.with("registrationNo", registrar.register(resource, false));
            }
            audit.record(event);
        });
        if (target == DevelopmentState.APPROVED) {
            indexed[0] = resources.require(resource.id());
        }
        search.developmentChanged(next, indexed[0]);
        return next;
    }

    private void checkListing(Actor actor, String action, @Nullable UUID entryId, Resource resource,
            List<String> fields, @Nullable Consent consent, UUID operatorId) {
        String operatorRegion = organizations.find(operatorId).map(OrganizationSummary::regionCode).orElse(null);
        String unitRegion = organizations.find(resource.sourceUnitId()).map(OrganizationSummary::regionCode)
                .orElse(null);
        Optional<Violation> refusal = ListingPolicy.firstRefusal(
                new ListingPolicy.Listing(resource, fields, consent, operatorRegion, unitRegion, articles));
        if (refusal.isPresent()) {
            Violation v = refusal.get();
            audit.record(AuditEvent.of(action, "catalog-dev-entry", entryId == null ? resource.id() : entryId)
                    .with("resource", resource.id())
                    .refused(v.code(), v.rule() == null ? null : v.rule().id()));
            if (v.rule() == null && v.column().equals("restrictions")) {
                // restricted data is never listed; the active profile has no article to cite for it
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, v.code(), null, v.args());
            }
            if (v.rule() == null) {
                throw ProblemException.badRequest(v.code(), v.args());
            }
            throw ProblemException.ruleViolation(v.rule(), v.code(), v.args());
        }
    }

    private static boolean seesPublishedOnly(Actor actor) {
        return !actor.hasRole(Role.AUTHORITY.name()) && !actor.hasRole(Role.OPERATOR.name())
                && !actor.hasRole(Role.REGULATOR.name()) && !actor.hasRole("SYSTEM");
    }
}
