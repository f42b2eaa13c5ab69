package org.pdao.dataspace.internal.access;

import java.util.Map;
import java.util.Optional;
import org.pdao.catalog.CatalogDirectory;
import org.pdao.catalog.CatalogResourceView;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.identity.DemoOrganizations;
import org.springframework.stereotype.Component;

/**
 * Ties a zone dataset to its catalog resource, whose fields give the column types and whose published
 * development entries say which columns a developer may request (TZ-13). A dataset that carries its
 * resource id is tied by it; until loading records it, the demo city's datasets are tied by the names the
 * demo source unit catalogs them under.
 */
@Component
class DatasetResources {

    static final Map<String, String> DEMO_RESOURCE_NAMES = Map.of("residents", "居民基本信息", "enterprises",
            "企业登记信息", "social_insurance", "社会保险缴费记录", "medical_visits", "医疗就诊记录");

    private final CatalogDirectory catalog;

    DatasetResources(CatalogDirectory catalog) {
        this.catalog = catalog;
    }

    Optional<CatalogResourceView> resourceOf(ZoneDatasets.Dataset dataset) {
        if (dataset.resourceId() != null) {
            return catalog.resource(dataset.resourceId());
        }
        String name = DEMO_RESOURCE_NAMES.get(dataset.name());
        return name == null ? Optional.empty()
                : catalog.resourceNamed(DemoOrganizations.HRSS_SOURCE_UNIT, name);
    }

    /** The value type of a column, from its catalog field (text when the catalog does not know it). */
    ValueType typeOf(Optional<CatalogResourceView> resource, String column) {
        return resource.flatMap(r -> r.field(column)).map(f -> ValueType.ofCatalogType(f.type())).orElse(ValueType.TEXT);
    }
}
