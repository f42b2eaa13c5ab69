package org.pdao.catalog.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sharing-request table. */
@Repository
class SharingRequests {

    private final JdbcClient jdbc;

    SharingRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SharingRequest r) {
        jdbc.sql("""
                insert into catalog_sharing_request (id, resource_id, source_unit_id, requester_id, requested_by, purpose,
                  legal_duty, state, received_on, review_due, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.resourceId(), r.sourceUnitId(), r.requesterId(), r.requestedBy(), r.purpose(),
                        r.legalDuty(), r.state().name(), Date.valueOf(r.receivedOn()), Date.valueOf(r.reviewDue()),
                        Timestamp.from(r.createdAt()), Timestamp.from(r.updatedAt()))
                .update();
    }

    boolean update(SharingRequest r, SharingState expected) {
        return jdbc.sql("""
                update catalog_sharing_request set state = ?, reviewed_on = ?, reason = ?, legal_basis = ?, updated_at = ?
                where id = ? and state = ?""")
                .params(r.state().name(), r.reviewedOn() == null ? null : Date.valueOf(r.reviewedOn()), r.reason(),
                        r.legalBasis(), Timestamp.from(r.updatedAt()), r.id(), expected.name())
                .update() == 1;
    }

    Optional<SharingRequest> find(UUID id) {
        return jdbc.sql("select * from catalog_sharing_request where id = ?").param(id).query(SharingRequests::map)
                .optional();
    }

    List<SharingRequest> page(@Nullable UUID org, @Nullable SharingState state, int offset, int limit) {
        return jdbc.sql("""
                select * from catalog_sharing_request
                where (cast(:org as uuid) is null or source_unit_id = :org or requester_id = :org)
                  and (cast(:state as varchar) is null or state = :state)
                order by created_at desc, id offset :offset rows fetch next :limit rows only""")
                .param("org", org).param("state", state == null ? null : state.name()).param("offset", offset)
                .param("limit", limit).query(SharingRequests::map).list();
    }

    long count(@Nullable UUID org, @Nullable SharingState state) {
        return jdbc.sql("""
                select count(*) from catalog_sharing_request
                where (cast(:org as uuid) is null or source_unit_id = :org or requester_id = :org)
                  and (cast(:state as varchar) is null or state = :state)""")
                .param("org", org).param("state", state == null ? null : state.name()).query(Long.class).single();
    }

    List<SharingRequest> reviewsOverdue(LocalDate today) {
        return jdbc.sql("select * from catalog_sharing_request where state = 'SUBMITTED' and review_due < ? "
                + "order by review_due").param(Date.valueOf(today)).query(SharingRequests::map).list();
    }

    long[] reviewed(UUID unit, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select count(*), coalesce(sum(case when reviewed_on <= review_due then 1 else 0 end), 0)
                from catalog_sharing_request where source_unit_id = ? and reviewed_on between ? and ?""")
                .params(unit, Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private static SharingRequest map(ResultSet rs, int n) throws SQLException {
        Date reviewed = rs.getDate("reviewed_on");
        return new SharingRequest(rs.getObject("id", UUID.class), rs.getObject("resource_id", UUID.class),
                rs.getObject("source_unit_id", UUID.class), rs.getObject("requester_id", UUID.class),
                rs.getString("requested_by"), rs.getString("purpose"), rs.getString("legal_duty"),
                SharingState.valueOf(rs.getString("state")), rs.getDate("received_on").toLocalDate(),
                rs.getDate("review_due").toLocalDate(), reviewed == null ? null : reviewed.toLocalDate(),
                rs.getString("reason"), rs.getString("legal_basis"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
