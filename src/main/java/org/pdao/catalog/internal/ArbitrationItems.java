package org.pdao.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The arbitration items of the data authority. */
@Repository
class ArbitrationItems {

    private final JdbcClient jdbc;

    ArbitrationItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ArbitrationItem a) {
        jdbc.sql("""
                insert into catalog_arbitration (id, subject_type, subject_id, cause, state, source_unit_id, requester_id,
                  rule_id, opened_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.id(), a.subjectType().name(), a.subjectId(), a.cause().name(), a.state().name(),
                        a.sourceUnitId(), a.requesterId(), a.ruleId(), Timestamp.from(a.openedAt()))
                .update();
    }

    boolean exists(ArbitrationItem.Subject type, UUID subjectId, ArbitrationItem.Cause cause) {
        return jdbc.sql("select count(*) from catalog_arbitration where subject_type = ? and subject_id = ? and cause = ?")
                .params(type.name(), subjectId, cause.name()).query(Long.class).single() > 0;
    }

    boolean rule(ArbitrationItem a) {
        return jdbc.sql("""
                update catalog_arbitration set state = ?, ruling = ?, ruling_reason = ?, ruled_by = ?, ruled_at = ?
                where id = ? and state = 'OPEN'""")
                .params(a.state().name(), a.ruling() == null ? null : a.ruling().name(), a.rulingReason(), a.ruledBy(),
                        a.ruledAt() == null ? null : Timestamp.from(a.ruledAt()), a.id())
                .update() == 1;
    }

    Optional<ArbitrationItem> find(UUID id) {
        return jdbc.sql("select * from catalog_arbitration where id = ?").param(id).query(ArbitrationItems::map)
                .optional();
    }

    List<ArbitrationItem> forSubject(UUID subjectId) {
        return jdbc.sql("select * from catalog_arbitration where subject_id = ? order by opened_at").param(subjectId)
                .query(ArbitrationItems::map).list();
    }

    List<ArbitrationItem> page(@Nullable ArbitrationState state, ArbitrationItem.@Nullable Subject type,
            @Nullable UUID subjectId, int offset, int limit) {
        return jdbc.sql("""
                select * from catalog_arbitration where (cast(:state as varchar) is null or state = :state)
                  and (cast(:type as varchar) is null or subject_type = :type)
                  and (cast(:subject as uuid) is null or subject_id = :subject)
                order by opened_at desc, id offset :offset rows fetch next :limit rows only""")
                .param("state", state == null ? null : state.name()).param("type", type == null ? null : type.name())
                .param("subject", subjectId)
                .param("offset", offset).param("limit", limit).query(ArbitrationItems::map).list();
    }

    long count(@Nullable ArbitrationState state, ArbitrationItem.@Nullable Subject type, @Nullable UUID subjectId) {
        return jdbc.sql("""
                select count(*) from catalog_arbitration where (cast(:state as varchar) is null or state = :state)
                  and (cast(:type as varchar) is null or subject_type = :type)
                  and (cast(:subject as uuid) is null or subject_id = :subject)""")
                .param("state", state == null ? null : state.name()).param("type", type == null ? null : type.name())
                .param("subject", subjectId)
                .query(Long.class).single();
    }

    private static ArbitrationItem map(ResultSet rs, int n) throws SQLException {
        String ruling = rs.getString("ruling");
        Timestamp ruledAt = rs.getTimestamp("ruled_at");
        return new ArbitrationItem(rs.getObject("id", UUID.class),
                ArbitrationItem.Subject.valueOf(rs.getString("subject_type")), rs.getObject("subject_id", UUID.class),
                ArbitrationItem.Cause.valueOf(rs.getString("cause")), ArbitrationState.valueOf(rs.getString("state")),
                rs.getObject("source_unit_id", UUID.class), rs.getObject("requester_id", UUID.class),
                rs.getString("rule_id"), rs.getTimestamp("opened_at").toInstant(),
                ruling == null ? null : ArbitrationItem.Ruling.valueOf(ruling), rs.getString("ruling_reason"),
                rs.getString("ruled_by"), ruledAt == null ? null : ruledAt.toInstant());
    }
}
