package org.pdao.catalog.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
import org.pdao.identity.Role;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resource catalog (TZM-8): source units maintain their own unit's entries, the authority any;
 * every change makes a new version; the search index follows every committed change.
 */
@Service
class ResourceCatalog {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Resources resources;
    private final OrganizationDirectory organizations;
    private final AuditTrail audit;
    private final CatalogSearch search;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final Period reviewInterval;
    private final CatalogArticles articles;

    ResourceCatalog(Resources resources, OrganizationDirectory organizations, AuditTrail audit, CatalogSearch search,
            TransactionTemplate tx, JsonMapper json, Clock clock,
            @Value("${pdao.catalog.opening-review-interval:P1Y}") String reviewInterval, CatalogArticles articles) {
        this.articles = articles;
        this.resources = resources;
        this.organizations = organizations;
        this.audit = audit;
        this.search = search;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.reviewInterval = Period.parse(reviewInterval);
    }

    Resource create(Actor actor, ResourceInput in) {
        UUID unit = sourceUnitFor(actor, in.sourceUnitId());
        ValidResource valid = validated(in, "catalog.resource.create", null);
        Resource created = tx.execute(status -> {
            if (resources.nameTaken(unit, valid.name(), null)) {
                throw ProblemException.conflict("catalog.resource.name-taken");
            }
            Resource r = build(UUID.randomUUID(), unit, valid, 1, null, actor);
            resources.insert(r);
            resources.saveVersion(r.id(), 1, json.writeValueAsString(r), actor.username(), r.updatedAt());
            audit.record(AuditEvent.of("catalog.resource.create", "catalog-resource", r.id())
                    .with("version", 1).with("sourceUnit", unit).underRule(CatalogArticles.id(articles.attributes())));
            return r;
        });
        search.resourceChanged(created);
        return created;
    }

    Resource update(Actor actor, UUID id, ResourceInput in) {
        Resource current = require(id);
        checkMaintains(actor, current.sourceUnitId());
        ValidResource valid = validated(in, "catalog.resource.update", id);
        Resource updated = tx.execute(status -> {
            if (resources.nameTaken(current.sourceUnitId(), valid.name(), id)) {
                throw ProblemException.conflict("catalog.resource.name-taken");
            }
            LocalDate review = current.opening() == valid.opening() ? current.nextOpeningReview() : null;
            Resource r = build(id, current.sourceUnitId(), valid, current.version() + 1, current.registrationNo(),
                    actor);
            if (review != null && valid.opening().restricted()) {
                r = withReview(r, review);
            }
            resources.update(r);
            resources.saveVersion(id, r.version(), json.writeValueAsString(r), actor.username(), r.updatedAt());
            audit.record(AuditEvent.of("catalog.resource.update", "catalog-resource", id)
                    .with("version", r.version()).underRule(CatalogArticles.id(articles.attributes())));
            return r;
        });
        search.resourceChanged(updated);
        return updated;
    }

    /** Records that the opening attribute was reviewed (TZM-17); the next review is one interval later. */
    Resource recordOpeningReview(Actor actor, UUID id, @Nullable String note) {
        Resource current = require(id);
        checkMaintains(actor, current.sourceUnitId());
        if (!current.opening().restricted()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "catalog.review.not-needed",
                    articles.openingReview());
        }
        LocalDate next = LocalDate.now(clock.withZone(ZONE)).plus(reviewInterval);
        Resource reviewed = tx.execute(status -> {
            Resource r = withReview(current, next);
            resources.update(r);
            audit.record(AuditEvent.of("catalog.resource.opening-review", "catalog-resource", id)
                    .with("nextReview", next).because(note == null ? "" : note)
                    .underRule(CatalogArticles.id(articles.openingReview())));
            return r;
        });
        return reviewed;
    }

    List<Resource> dueForReview(Actor actor, @Nullable LocalDate by) {
        LocalDate date = by == null ? LocalDate.now(clock.withZone(ZONE)) : by;
        return resources.dueForReview(date, actor.hasRole(Role.SOURCE_UNIT.name()) ? actor.organizationId() : null);
    }

    Resource require(UUID id) {
        return resources.find(id).orElseThrow(() -> ProblemException.notFound("resource", id));
    }

    Page<Resource> page(@Nullable UUID sourceUnitId, @Nullable String domain, int page, int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        return new Page<>(resources.page(sourceUnitId, domain, p * s, s), p, s, resources.count(sourceUnitId, domain));
    }

    List<Resources.VersionInfo> versions(UUID id) {
        require(id);
        return resources.versions(id);
    }

    JsonNode version(UUID id, int version) {
        return resources.version(id, version).map(json::readTree)
                .orElseThrow(() -> ProblemException.notFound("resource version", version));
    }

    /** Stores many validated entries of one source unit in one transaction: all or nothing. */
    List<Resource> importAll(Actor actor, UUID unit, List<ValidResource> entries) {
        List<Resource> created = tx.execute(status -> {
            List<Resource> out = new ArrayList<>();
            for (ValidResource valid : entries) {
                Resource r = build(UUID.randomUUID(), unit, valid, 1, null, actor);
                resources.insert(r);
                resources.saveVersion(r.id(), 1, json.writeValueAsString(r), actor.username(), r.updatedAt());
                out.add(r);
            }
            audit.record(AuditEvent.of("catalog.resource.import", "catalog-source-unit", unit)
                    .with("resources", out.size()).underRule(CatalogArticles.id(articles.attributes())));
            return out;
        });
        created.forEach(search::resourceChanged);
        return created;
    }

    boolean nameTaken(UUID unit, String name) {
        return resources.nameTaken(unit, name, null);
    }

    /** The source unit an actor maintains entries for: its own unit, or (for the authority) the one named. */
    UUID sourceUnitFor(Actor actor, @Nullable UUID requested) {
        UUID unit = requested;
        if (actor.hasRole(Role.SOURCE_UNIT.name())) {
            if (requested != null && !requested.equals(actor.organizationId())) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "catalog.resource.not-own-unit", null);
            }
            unit = actor.organizationId();
        }
        if (unit == null) {
            throw ProblemException.badRequest("catalog.resource.source-unit-required");
        }
        OrganizationSummary org = organizations.find(unit)
                .orElseThrow(() -> ProblemException.badRequest("catalog.resource.unknown-source-unit"));
        if (org.type() != OrganizationType.SOURCE_UNIT) {
            throw ProblemException.badRequest("catalog.resource.unknown-source-unit");
        }
        return unit;
    }

    void checkMaintains(Actor actor, UUID sourceUnitId) {
        if (actor.hasRole(Role.SOURCE_UNIT.name()) && !sourceUnitId.equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "catalog.resource.not-own-unit", null);
        }
    }

    private ValidResource validated(ResourceInput in, String action, @Nullable UUID id) {
        List<Violation> violations = ResourceRules.check(in, articles);
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            audit.record(AuditEvent.of(action, "catalog-resource", id).with("column", first.column())
                    .refused(first.code(), first.rule() == null ? null : first.rule().id()));
            if (first.rule() != null) {
                throw ProblemException.ruleViolation(first.rule(), first.code(), first.args());
            }
            throw ProblemException.badRequest(first.code(), first.args());
        }
        return ResourceRules.valid(in);
    }

    private Resource build(UUID id, UUID unit, ValidResource v, int version, @Nullable String registration,
            Actor actor) {
        Instant now = clock.instant();
        LocalDate review = v.opening().restricted() ? LocalDate.ofInstant(now, ZONE).plus(reviewInterval) : null;
        return new Resource(id, v.name(), v.description(), unit, v.domain(), v.category(), v.updateFrequency(),
                v.sharing(), v.opening(), v.legalBasis(), v.restrictions(), v.fields(), version, review, registration,
                actor.username(), now);
    }

    private static Resource withReview(Resource r, LocalDate review) {
        return new Resource(r.id(), r.name(), r.description(), r.sourceUnitId(), r.domain(), r.category(),
                r.updateFrequency(), r.sharing(), r.opening(), r.legalBasis(), r.restrictions(), r.fields(),
                r.version(), review, r.registrationNo(), r.updatedBy(), r.updatedAt());
    }
}
