package org.pdao.catalog.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationSummary;
import org.pdao.shared.ProblemException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registration of resources in scope of authorized operation (公共数据资源登记, JL-ops). Numbers read
 * {@code JL-RES-<region code>-<year>-<6-digit sequence>}, the sequence counting per region and year.
 */
@Component
class Registrar {

    private final Resources resources;
    private final DevelopmentEntries entries;
    private final OrganizationDirectory organizations;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CatalogArticles articles;

    Registrar(Resources resources, DevelopmentEntries entries, OrganizationDirectory organizations, AuditTrail audit,
            TransactionTemplate tx, Clock clock, CatalogArticles articles) {
        this.articles = articles;
        this.resources = resources;
        this.entries = entries;
        this.organizations = organizations;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Registers a resource on approval of a development entry; keeps an existing number. Call inside a transaction. */
    String register(Resource r, boolean retroactive) {
        if (r.registrationNo() != null) {
            return r.registrationNo();
        }
        String region = organizations.find(r.sourceUnitId()).map(OrganizationSummary::regionCode)
                .filter(code -> code != null && !code.isBlank()).orElse("000000");
        int year = LocalDate.now(clock.withZone(ResourceCatalog.ZONE)).getYear();
        String prefix = "JL-RES-" + region + "-" + year;
        String number = prefix + "-" + String.format("%06d", resources.nextInSequence(prefix));
        resources.assignRegistration(r.id(), number);
        audit.record(AuditEvent.of("catalog.resource.register", "catalog-resource", r.id())
                .with("registrationNo", number).with("retroactive", retroactive)
                .underRule(CatalogArticles.id(articles.registration())));
        return number;
    }

    /** Registers an existing resource in scope afterwards (补充登记). */
    String registerRetroactively(UUID resourceId) {
        return tx.execute(status -> {
            Resource r = resources.find(resourceId).orElseThrow(() -> ProblemException.notFound("resource", resourceId));
            if (!entries.resourceInScope(resourceId)) {
                throw new ProblemException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                        "catalog.registration.not-in-scope", articles.registration());
            }
            return register(r, true);
        });
    }
}
