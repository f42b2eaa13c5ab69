package org.pdao.catalog.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pdao.catalog.CatalogDirectory;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.catalog.DevelopmentEntryView;
import org.springframework.stereotype.Component;

/** The catalog's public read API over its own repositories. */
@Component
class CatalogDirectoryAdapter implements CatalogDirectory {

    private final Resources resources;
    private final DevelopmentEntries entries;

    CatalogDirectoryAdapter(Resources resources, DevelopmentEntries entries) {
        this.resources = resources;
        this.entries = entries;
    }

    @Override
    public Optional<CatalogResourceView> resource(UUID resourceId) {
        return resources.find(resourceId).map(CatalogDirectoryAdapter::view);
    }

    @Override
    public Optional<CatalogResourceView> resourceNamed(UUID sourceUnitId, String name) {
        return resources.findNamed(sourceUnitId, name).map(CatalogDirectoryAdapter::view);
    }

    @Override
    public Optional<DevelopmentEntryView> developmentEntry(UUID entryId) {
        return entries.find(entryId).map(CatalogDirectoryAdapter::view);
    }

    @Override
    public List<DevelopmentEntryView> publishedEntriesOf(UUID resourceId) {
        return entries.publishedOf(resourceId).stream().map(CatalogDirectoryAdapter::view).toList();
    }

    private static CatalogResourceView view(Resource r) {
        return new CatalogResourceView(r.id(), r.name(), r.sourceUnitId(), r.domain(), r.sharing().name(),
                r.opening().name(), r.updateFrequency().name(),
                r.fields().stream().map(f -> new CatalogResourceView.Field(f.name(), f.label(), f.type(), f.grade(),
                        f.personKey())).toList(), r.version(), r.registrationNo());
    }

    private static DevelopmentEntryView view(DevelopmentEntry e) {
        return new DevelopmentEntryView(e.id(), e.title(), e.resourceId(), e.fieldNames(), e.operatorId(),
                e.state().name());
    }
}
