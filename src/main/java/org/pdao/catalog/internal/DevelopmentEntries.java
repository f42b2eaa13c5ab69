package org.pdao.catalog.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The development-catalog table. */
@Repository
class DevelopmentEntries {

    private final JdbcClient jdbc;

    DevelopmentEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DevelopmentEntry e) {
        Consent c = e.consent();
        jdbc.sql("""
                insert into catalog_dev_entry (id, title, description, resource_id, field_names, operator_id, state,
                  consent_by, consent_on, consent_document, last_reason, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.id(), e.title(), e.description(), e.resourceId(), String.join(",", e.fieldNames()),
                        e.operatorId(), e.state().name(), c == null ? null : c.grantedBy(),
                        c == null ? null : Date.valueOf(c.grantedOn()), c == null ? null : c.documentRef(),
                        e.lastReason(), e.createdBy(), Timestamp.from(e.createdAt()), Timestamp.from(e.updatedAt()))
                .update();
    }

    /** Moves an entry from the state it was read in; false when someone else moved it meanwhile. */
    boolean updateState(DevelopmentEntry e, DevelopmentState expected) {
        Timestamp at = Timestamp.from(e.updatedAt());
        return jdbc.sql("""
                update catalog_dev_entry set state = ?, last_reason = ?, updated_at = ?,
                  published_at = case when ? then ? else published_at end,
                  withdrawn_at = case when ? then ? else withdrawn_at end
                where id = ? and state = ?""")
                .params(e.state().name(), e.lastReason(), at, e.state() == DevelopmentState.PUBLISHED, at,
                        e.state() == DevelopmentState.WITHDRAWN, at, e.id(), expected.name())
                .update() == 1;
    }

    Optional<DevelopmentEntry> find(UUID id) {
        return jdbc.sql("select * from catalog_dev_entry where id = ?").param(id).query(DevelopmentEntries::map)
                .optional();
    }

    List<DevelopmentEntry> page(@Nullable DevelopmentState state, int offset, int limit) {
        return jdbc.sql("""
                select * from catalog_dev_entry where (cast(:state as varchar) is null or state = :state)
                order by updated_at desc, id offset :offset rows fetch next :limit rows only""")
                .param("state", state == null ? null : state.name()).param("offset", offset).param("limit", limit)
                .query(DevelopmentEntries::map).list();
    }

    long count(@Nullable DevelopmentState state) {
        return jdbc.sql("select count(*) from catalog_dev_entry where (cast(:state as varchar) is null or state = :state)")
                .param("state", state == null ? null : state.name()).query(Long.class).single();
    }

    boolean resourceInScope(UUID resourceId) {
        return jdbc.sql("select count(*) from catalog_dev_entry where resource_id = ? and state in "
                + "('APPROVED', 'PUBLISHED', 'WITHDRAWN')").param(resourceId).query(Long.class).single() > 0;
    }

    void forEachPublished(Consumer<DevelopmentEntry> action) {
        jdbc.sql("select * from catalog_dev_entry where state = 'PUBLISHED'").query(DevelopmentEntries::map).list()
                .forEach(action);
    }

    List<DevelopmentEntry> publishedOf(UUID resourceId) {
        return jdbc.sql("select * from catalog_dev_entry where state = 'PUBLISHED' and resource_id = ?")
                .param(resourceId).query(DevelopmentEntries::map).list();
    }

    private static DevelopmentEntry map(ResultSet rs, int n) throws SQLException {
        String by = rs.getString("consent_by");
        Consent consent = by == null ? null : new Consent(by, rs.getDate("consent_on").toLocalDate(),
                rs.getString("consent_document"));
        return new DevelopmentEntry(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("description"),
                rs.getObject("resource_id", UUID.class), Arrays.asList(rs.getString("field_names").split(",")),
                rs.getObject("operator_id", UUID.class), DevelopmentState.valueOf(rs.getString("state")), consent,
                rs.getString("last_reason"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
