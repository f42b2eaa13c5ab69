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

/** The data-demand table. */
@Repository
class Demands {

    private final JdbcClient jdbc;

    Demands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DataDemand d) {
        jdbc.sql("""
                insert into catalog_demand (id, title, description, purpose, source_unit_id, requester_id, requested_by,
                  state, received_on, answer_due, delivery_alerted, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)""")
                .params(d.id(), d.title(), d.description(), d.purpose(), d.sourceUnitId(), d.requesterId(),
                        d.requestedBy(), d.state().name(), Date.valueOf(d.receivedOn()), Date.valueOf(d.answerDue()),
                        Timestamp.from(d.createdAt()), Timestamp.from(d.updatedAt()))
                .update();
    }

    /** Stores a transition from the state the demand was read in; false when someone moved it meanwhile. */
    boolean update(DataDemand d, DemandState expected) {
        return jdbc.sql("""
                update catalog_demand set state = ?, answered_on = ?, delivery_due = ?, delivered_on = ?, answer = ?,
                  legal_basis = ?, resource_id = ?, updated_at = ? where id = ? and state = ?""")
                .params(d.state().name(), date(d.answeredOn()), date(d.deliveryDue()), date(d.deliveredOn()),
                        d.answer(), d.legalBasis(), d.resourceId(), Timestamp.from(d.updatedAt()), d.id(),
                        expected.name())
                .update() == 1;
    }

    /** Marks the delivery alert as raised; true only for the first caller (one alert per overdue step). */
    boolean markDeliveryAlerted(UUID id) {
        return jdbc.sql("update catalog_demand set delivery_alerted = true where id = ? and delivery_alerted = false")
                .param(id).update() == 1;
    }

    Optional<DataDemand> find(UUID id) {
        return jdbc.sql("select * from catalog_demand where id = ?").param(id).query(Demands::map).optional();
    }

    /** Demands an organization may see ({@code org} null: all), newest first. */
    List<DataDemand> page(@Nullable UUID org, @Nullable DemandState state, int offset, int limit) {
        return jdbc.sql("""
                select * from catalog_demand where (cast(:org as uuid) is null or source_unit_id = :org or requester_id = :org)
                  and (cast(:state as varchar) is null or state = :state)
                order by created_at desc, id offset :offset rows fetch next :limit rows only""")
                .param("org", org).param("state", state == null ? null : state.name()).param("offset", offset)
                .param("limit", limit).query(Demands::map).list();
    }

    long count(@Nullable UUID org, @Nullable DemandState state) {
        return jdbc.sql("""
                select count(*) from catalog_demand where (cast(:org as uuid) is null or source_unit_id = :org or requester_id = :org)
                  and (cast(:state as varchar) is null or state = :state)""")
                .param("org", org).param("state", state == null ? null : state.name()).query(Long.class).single();
    }

    List<DataDemand> answersOverdue(LocalDate today) {
        return jdbc.sql("select * from catalog_demand where state = 'SUBMITTED' and answer_due < ? order by answer_due")
                .param(Date.valueOf(today)).query(Demands::map).list();
    }

    List<DataDemand> deliveriesOverdue(LocalDate today) {
        return jdbc.sql("select * from catalog_demand where state = 'AGREED' and delivery_due < ? "
                + "and delivery_alerted = false order by delivery_due").param(Date.valueOf(today))
                .query(Demands::map).list();
    }

    /** Answers a source unit gave in a period: all, and those given by the answer deadline. */
    long[] answered(UUID unit, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select count(*), coalesce(sum(case when answered_on <= answer_due then 1 else 0 end), 0)
                from catalog_demand where source_unit_id = ? and answered_on between ? and ?""")
                .params(unit, Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    long delivered(UUID unit, LocalDate from, LocalDate to) {
        return jdbc.sql("select count(*) from catalog_demand where source_unit_id = ? and delivered_on between ? and ?")
                .params(unit, Date.valueOf(from), Date.valueOf(to)).query(Long.class).single();
    }

    private static @Nullable Date date(@Nullable LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    private static @Nullable LocalDate local(@Nullable Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static DataDemand map(ResultSet rs, int n) throws SQLException {
        return new DataDemand(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("description"),
                rs.getString("purpose"), rs.getObject("source_unit_id", UUID.class),
                rs.getObject("requester_id", UUID.class), rs.getString("requested_by"),
                DemandState.valueOf(rs.getString("state")), rs.getDate("received_on").toLocalDate(),
                rs.getDate("answer_due").toLocalDate(), local(rs.getDate("answered_on")),
                local(rs.getDate("delivery_due")), local(rs.getDate("delivered_on")), rs.getString("answer"),
                rs.getString("legal_basis"), rs.getObject("resource_id", UUID.class), rs.getBoolean("delivery_alerted"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
