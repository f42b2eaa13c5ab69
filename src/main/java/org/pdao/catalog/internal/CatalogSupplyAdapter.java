package org.pdao.catalog.internal;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.catalog.CatalogSupply;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The catalog's supply figures for supervision, from the catalog's own tables. */
@Component
class CatalogSupplyAdapter implements CatalogSupply {

    private final JdbcClient jdbc;
    private final Resources resources;
    private final Demands demands;
    private final SharingRequests sharing;

    CatalogSupplyAdapter(JdbcClient jdbc, Resources resources, Demands demands, SharingRequests sharing) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.demands = demands;
        this.sharing = sharing;
    }

    @Override
    public Optional<SuppliedResource> resource(UUID resourceId) {
        return resources.find(resourceId).map(r -> new SuppliedResource(r.id(), r.name(), r.sourceUnitId(),
                r.updateFrequency().name(), r.updateFrequency().interval(), r.fields().size(), r.updatedAt()));
    }

    @Override
    public List<SuppliedResource> resourcesAfter(@Nullable UUID after, int limit) {
        return jdbc.sql("""
                select r.id, r.name, r.source_unit_id, r.update_frequency, r.created_at,
                  (select count(*) from catalog_resource_field f where f.resource_id = r.id) fields
                from catalog_resource r where (cast(:after as uuid) is null or r.id > :after)
                order by r.id fetch next :limit rows only""")
                .param("after", after).param("limit", limit)
                .query((rs, n) -> {
                    UpdateFrequency f = UpdateFrequency.valueOf(rs.getString("update_frequency"));
                    return new SuppliedResource(rs.getObject("id", UUID.class), rs.getString("name"),
                            rs.getObject("source_unit_id", UUID.class), f.name(), f.interval(), rs.getInt("fields"),
                            rs.getTimestamp("created_at").toInstant());
                }).list();
    }

    @Override
    public SupplyFigures figures(UUID sourceUnitId, LocalDate from, LocalDate to) {
        Timestamp end = Timestamp.from(to.plusDays(1).atStartOfDay(ResourceCatalog.ZONE).toInstant());
        long[] quantity = jdbc.sql("""
                select count(*), coalesce(sum((select count(*) from catalog_resource_field f where f.resource_id = r.id)), 0)
                from catalog_resource r where r.source_unit_id = ? and r.created_at < ?""")
                .params(sourceUnitId, end).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
        long published = jdbc.sql("""
                select count(*) from catalog_dev_entry e join catalog_resource r on r.id = e.resource_id
                where r.source_unit_id = ? and e.published_at is not null and e.published_at < ?
                  and (e.withdrawn_at is null or e.withdrawn_at >= ?)""")
                .params(sourceUnitId, end, end).query(Long.class).single();
        long[] answered = demands.answered(sourceUnitId, from, to);
        long[] reviewed = sharing.reviewed(sourceUnitId, from, to);
        return new SupplyFigures(quantity[0], quantity[1], published, answered[0], answered[1],
                demands.delivered(sourceUnitId, from, to), reviewed[0], reviewed[1]);
    }
}
