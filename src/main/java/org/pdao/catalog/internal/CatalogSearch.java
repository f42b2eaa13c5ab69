package org.pdao.catalog.internal;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.pdao.identity.Role;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index of both catalogs in step with the database: rebuilt from the database at
 * startup, updated on every committed change. The index lives under {@code pdao.catalog.index.path}
 * or, with {@code pdao.catalog.index.in-memory=true}, in memory.
 */
@Component
@Order(15)
class CatalogSearch implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatalogSearch.class);

    /** Roles that see only the published development catalog, not the resource catalog behind it. */
    private static final Set<String> DEVELOPMENT_ONLY = Set.of(Role.DEVELOPER.name(), Role.PRODUCT_USER.name(),
            Role.EXPERT.name());

    private final CatalogIndex index;
    private final Resources resources;
    private final DevelopmentEntries entries;

    CatalogSearch(Resources resources, DevelopmentEntries entries,
            @Value("${pdao.catalog.index.in-memory:false}") boolean inMemory,
            @Value("${pdao.catalog.index.path:./data/index/catalog}") String path) throws IOException {
        this.resources = resources;
        this.entries = entries;
        if (inMemory) {
            this.index = CatalogIndex.inMemory();
        } else {
            Path dir = Path.of(path);
            Files.createDirectories(dir);
            this.index = CatalogIndex.onDisk(dir);
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        rebuild();
    }

    /** Drops the index and fills it again from the database. */
    synchronized void rebuild() {
        index.clear();
        int[] count = {0};
        resources.forEach(r -> {
            index.add(CatalogDocument.of(r));
            count[0]++;
        });
        entries.forEachPublished(e -> resources.find(e.resourceId())
                .ifPresent(r -> {
                    index.add(developmentDocument(e, r));
                    count[0]++;
                }));
        index.refresh();
        log.info("Catalog search index rebuilt with {} documents", count[0]);
    }

    void resourceChanged(Resource r) {
        index.put(CatalogDocument.of(r));
        entries.publishedOf(r.id()).forEach(e -> index.put(developmentDocument(e, r)));
    }

    void developmentChanged(DevelopmentEntry e, Resource r) {
        if (e.state() == DevelopmentState.PUBLISHED) {
            index.put(developmentDocument(e, r));
        } else {
            index.remove(CatalogDocument.Kind.DEVELOPMENT, e.id());
        }
    }

    Page<SearchHit> search(Actor actor, SearchQuery query) {
        Set<CatalogDocument.Kind> kinds = EnumSet.noneOf(CatalogDocument.Kind.class);
        kinds.addAll(query.kinds().isEmpty() ? EnumSet.allOf(CatalogDocument.Kind.class) : query.kinds());
        if (actor.roles().stream().anyMatch(DEVELOPMENT_ONLY::contains)) {
            kinds.remove(CatalogDocument.Kind.RESOURCE);
        }
        if (kinds.isEmpty()) {
            return new Page<>(java.util.List.of(), query.page(), query.size(), 0);
        }
        return index.search(new SearchQuery(query.text(), kinds, query.domain(), query.maxGrade(), query.sharing(),
                query.opening(), query.sourceUnitId(), query.page(), query.size()));
    }

    static CatalogDocument developmentDocument(DevelopmentEntry e, Resource r) {
        StringBuilder text = new StringBuilder();
        int maxGrade = 1;
        for (ResourceField f : r.fields()) {
            if (e.fieldNames().contains(f.name())) {
                text.append(f.label()).append(' ').append(f.name()).append(' ');
                maxGrade = Math.max(maxGrade, f.grade());
            }
        }
        return new CatalogDocument(CatalogDocument.Kind.DEVELOPMENT, e.id(), e.title(),
                e.description() + " " + r.name(), text.toString().trim(), r.domain(), r.category(), maxGrade,
                r.sharing().name(), r.opening().name(), r.sourceUnitId());
    }

    @PreDestroy
    void close() throws IOException {
        index.close();
    }
}
