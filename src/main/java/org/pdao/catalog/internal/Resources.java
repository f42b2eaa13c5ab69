package org.pdao.catalog.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The catalog module's resource tables: entries, their fields, their versions, registration counters. */
@Repository
class Resources {

    private final JdbcClient jdbc;

    Resources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Resource r) {
        jdbc.sql("""
                insert into catalog_resource (id, name, description, source_unit_id, domain, category,
                  update_frequency, sharing, opening, legal_basis, restrictions, version, next_opening_review,
                  registration_no, updated_by, updated_at, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.name(), r.description(), r.sourceUnitId(), r.domain(), r.category(),
                        r.updateFrequency().name(), r.sharing().name(), r.opening().name(), r.legalBasis(),
                        restrictions(r.restrictions()), r.version(), date(r.nextOpeningReview()), r.registrationNo(),
                        r.updatedBy(), Timestamp.from(r.updatedAt()), Timestamp.from(r.updatedAt()))
                .update();
        insertFields(r);
    }

    void update(Resource r) {
        jdbc.sql("""
                update catalog_resource set name = ?, description = ?, domain = ?, category = ?,
                  update_frequency = ?, sharing = ?, opening = ?, legal_basis = ?, restrictions = ?, version = ?,
                  next_opening_review = ?, updated_by = ?, updated_at = ? where id = ?""")
                .params(r.name(), r.description(), r.domain(), r.category(), r.updateFrequency().name(),
                        r.sharing().name(), r.opening().name(), r.legalBasis(), restrictions(r.restrictions()),
                        r.version(), date(r.nextOpeningReview()), r.updatedBy(), Timestamp.from(r.updatedAt()), r.id())
                .update();
        jdbc.sql("delete from catalog_resource_field where resource_id = ?").param(r.id()).update();
        insertFields(r);
    }

    private void insertFields(Resource r) {
        int position = 0;
        for (ResourceField f : r.fields()) {
            jdbc.sql("""
                    insert into catalog_resource_field (resource_id, position, name, label, data_type, grade,
                      classification, person_key) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(r.id(), position++, f.name(), f.label(), f.type(), f.grade(), f.classification(),
                            f.personKey())
                    .update();
        }
    }

    void saveVersion(UUID id, int version, String snapshot, String by, Instant at) {
        jdbc.sql("insert into catalog_resource_version (resource_id, version, snapshot, changed_by, changed_at) "
                + "values (?, ?, ?, ?, ?)").params(id, version, snapshot, by, Timestamp.from(at)).update();
    }

    Optional<String> version(UUID id, int version) {
        return jdbc.sql("select snapshot from catalog_resource_version where resource_id = ? and version = ?")
                .params(id, version).query(String.class).optional();
    }

    record VersionInfo(int version, String changedBy, Instant changedAt) {}

    List<VersionInfo> versions(UUID id) {
        return jdbc.sql("select version, changed_by, changed_at from catalog_resource_version where resource_id = ? "
                + "order by version").param(id)
                .query((rs, n) -> new VersionInfo(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    Optional<Resource> find(UUID id) {
        return jdbc.sql("select * from catalog_resource where id = ?").param(id).query(this::map).optional()
                .map(r -> withFields(r, fields(r.id())));
    }

    Optional<Resource> findNamed(UUID sourceUnitId, String name) {
        return jdbc.sql("select id from catalog_resource where source_unit_id = ? and name = ?")
                .params(sourceUnitId, name).query(UUID.class).optional().flatMap(this::find);
    }

    boolean nameTaken(UUID sourceUnitId, String name, @Nullable UUID except) {
        return jdbc.sql("select count(*) from catalog_resource where source_unit_id = ? and name = ? "
                + "and (cast(? as uuid) is null or id <> ?)").params(sourceUnitId, name, except, except)
                .query(Long.class).single() > 0;
    }

    List<Resource> page(@Nullable UUID sourceUnitId, @Nullable String domain, int offset, int limit) {
        List<Resource> rows = jdbc.sql("""
                select * from catalog_resource
                where (cast(:unit as uuid) is null or source_unit_id = :unit)
                  and (cast(:domain as varchar) is null or domain = :domain)
                order by name, id offset :offset rows fetch next :limit rows only""")
                .param("unit", sourceUnitId).param("domain", domain).param("offset", offset).param("limit", limit)
                .query(this::map).list();
        return withFields(rows);
    }

    long count(@Nullable UUID sourceUnitId, @Nullable String domain) {
        return jdbc.sql("""
                select count(*) from catalog_resource
                where (cast(:unit as uuid) is null or source_unit_id = :unit)
                  and (cast(:domain as varchar) is null or domain = :domain)""")
                .param("unit", sourceUnitId).param("domain", domain).query(Long.class).single();
    }

    List<Resource> dueForReview(LocalDate by, @Nullable UUID sourceUnitId) {
        return withFields(jdbc.sql("""
                select * from catalog_resource where next_opening_review is not null and next_opening_review <= :by
                  and (cast(:unit as uuid) is null or source_unit_id = :unit)
                order by next_opening_review, name fetch next 200 rows only""")
                .param("by", Date.valueOf(by)).param("unit", sourceUnitId).query(this::map).list());
    }

    /** Every resource in batches, for rebuilding the search index. */
    void forEach(Consumer<Resource> action) {
        UUID last = null;
        while (true) {
            List<Resource> batch = withFields(jdbc.sql("select * from catalog_resource where "
                    + "(cast(? as uuid) is null or id > ?) order by id fetch next 500 rows only")
                    .params(last, last).query(this::map).list());
            batch.forEach(action);
            if (batch.size() < 500) {
                return;
            }
            last = batch.get(batch.size() - 1).id();
        }
    }

    void assignRegistration(UUID id, String number) {
        jdbc.sql("update catalog_resource set registration_no = ? where id = ? and registration_no is null")
                .params(number, id).update();
    }

    /** The next number of a registration sequence (per region and year). */
    long nextInSequence(String prefix) {
        int updated = jdbc.sql("update catalog_registration_counter set last_value = last_value + 1 where prefix = ?")
                .param(prefix).update();
        if (updated == 0) {
            jdbc.sql("insert into catalog_registration_counter (prefix, last_value) values (?, 1)").param(prefix)
                    .update();
            return 1;
        }
        return jdbc.sql("select last_value from catalog_registration_counter where prefix = ?").param(prefix)
                .query(Long.class).single();
    }

    private List<Resource> withFields(List<Resource> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<ResourceField>> byResource = new LinkedHashMap<>();
        rows.forEach(r -> byResource.put(r.id(), new ArrayList<>()));
        String marks = String.join(",", java.util.Collections.nCopies(rows.size(), "?"));
        jdbc.sql("select * from catalog_resource_field where resource_id in (" + marks + ") order by resource_id, position")
                .params(rows.stream().map(Resource::id).toList())
                .query((rs, n) -> {
                    byResource.get(rs.getObject("resource_id", UUID.class)).add(field(rs));
                    return 0;
                }).list();
        return rows.stream().map(r -> withFields(r, byResource.get(r.id()))).toList();
    }

    private List<ResourceField> fields(UUID id) {
        return jdbc.sql("select * from catalog_resource_field where resource_id = ? order by position").param(id)
                .query((rs, n) -> field(rs)).list();
    }

    private static ResourceField field(ResultSet rs) throws SQLException {
        return ResourceField.of(rs.getString("name"), rs.getString("label"), rs.getString("data_type"),
                Grade.ofLevel(rs.getInt("grade")).orElseThrow(), rs.getString("classification"),
                rs.getBoolean("person_key"));
    }

    private static Resource withFields(Resource r, List<ResourceField> fields) {
        return new Resource(r.id(), r.name(), r.description(), r.sourceUnitId(), r.domain(), r.category(),
                r.updateFrequency(), r.sharing(), r.opening(), r.legalBasis(), r.restrictions(), fields, r.version(),
                r.nextOpeningReview(), r.registrationNo(), r.updatedBy(), r.updatedAt());
    }

    private Resource map(ResultSet rs, int n) throws SQLException {
        String marks = rs.getString("restrictions");
        Date review = rs.getDate("next_opening_review");
        return new Resource(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getObject("source_unit_id", UUID.class), rs.getString("domain"), rs.getString("category"),
                UpdateFrequency.valueOf(rs.getString("update_frequency")),
                SharingAttribute.valueOf(rs.getString("sharing")), OpeningAttribute.valueOf(rs.getString("opening")),
                rs.getString("legal_basis"),
                marks.isEmpty() ? List.of() : Arrays.stream(marks.split(",")).map(Restriction::valueOf).toList(),
                List.of(), rs.getInt("version"), review == null ? null : review.toLocalDate(),
                rs.getString("registration_no"), rs.getString("updated_by"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static String restrictions(List<Restriction> list) {
        return String.join(",", list.stream().map(Enum::name).toList());
    }

    private static @Nullable Date date(@Nullable LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
