package org.pdao.supervision.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The alert table. */
@Repository
class Alerts {

    /** Which alerts a reader sees: all, or those an organization is responsible for or supervises. */
    record Scope(boolean all, @Nullable UUID responsible, @Nullable UUID supervising, boolean unsupervisedToo) {}

    /** Filters of the alert list. */
    record Filter(@Nullable AlertState state, @Nullable String subjectType, @Nullable String subjectId,
            @Nullable String ruleId) {}

    private final JdbcClient jdbc;

    Alerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the alert unless one exists for the same step; true when it was inserted. */
    boolean insertOnce(Alert a) {
        return jdbc.sql("""
                insert into supervision_alert (id, rule_id, subject_type, subject_id, message_code, responsible_org_id,
                  supervising_org_id, due_on, state, raised_at, updated_at)
                select cast(? as uuid), cast(? as varchar(20)), cast(? as varchar(40)), cast(? as varchar(100)),
                  cast(? as varchar(100)), cast(? as uuid), cast(? as uuid), cast(? as date), cast(? as varchar(20)),
                  cast(? as timestamp with time zone), cast(? as timestamp with time zone)
                where not exists (select 1 from supervision_alert where subject_type = ? and subject_id = ?
                  and message_code = ?)""")
                .params(a.id(), a.ruleId(), a.subjectType(), a.subjectId(), a.messageCode(), a.responsibleOrgId(),
                        a.supervisingOrgId(), Date.valueOf(a.dueOn()), a.state().name(), Timestamp.from(a.raisedAt()),
                        Timestamp.from(a.updatedAt()), a.subjectType(), a.subjectId(), a.messageCode())
                .update() == 1;
    }

    boolean update(Alert a, AlertState expected) {
        return jdbc.sql("update supervision_alert set state = ?, updated_at = ?, handled_by = ?, note = ? "
                + "where id = ? and state = ?")
                .params(a.state().name(), Timestamp.from(a.updatedAt()), a.handledBy(), a.note(), a.id(),
                        expected.name())
                .update() == 1;
    }

    Optional<Alert> find(UUID id) {
        return jdbc.sql("select * from supervision_alert where id = ?").param(id).query(Alerts::map).optional();
    }

    List<Alert> page(Scope scope, Filter f, int offset, int limit) {
        return jdbc.sql("select * from supervision_alert where " + WHERE
                + " order by raised_at desc, id offset :offset rows fetch next :limit rows only")
                .params(params(scope, f)).param("offset", offset).param("limit", limit).query(Alerts::map)
                .list();
    }

    long count(Scope scope, Filter f) {
        return jdbc.sql("select count(*) from supervision_alert where " + WHERE).params(params(scope, f))
                .query(Long.class).single();
    }

    private static final String WHERE = """
            (:all = true or responsible_org_id = :responsible or supervising_org_id = :supervising
               or (:unsupervised = true and supervising_org_id is null))
              and (cast(:state as varchar) is null or state = :state)
              and (cast(:type as varchar) is null or subject_type = :type)
              and (cast(:subject as varchar) is null or subject_id = :subject)
              and (cast(:rule as varchar) is null or rule_id = :rule)""";

    private static java.util.Map<String, @Nullable Object> params(Scope s, Filter f) {
        java.util.Map<String, @Nullable Object> p = new java.util.HashMap<>();
        p.put("all", s.all());
        p.put("responsible", s.responsible());
        p.put("supervising", s.supervising());
        p.put("unsupervised", s.unsupervisedToo());
        p.put("state", f.state() == null ? null : f.state().name());
        p.put("type", f.subjectType());
        p.put("subject", f.subjectId());
        p.put("rule", f.ruleId());
        return p;
    }

    private static Alert map(ResultSet rs, int n) throws SQLException {
        return new Alert(rs.getObject("id", UUID.class), rs.getString("rule_id"), rs.getString("subject_type"),
                rs.getString("subject_id"), rs.getString("message_code"), null,
                rs.getObject("responsible_org_id", UUID.class), rs.getObject("supervising_org_id", UUID.class),
                rs.getDate("due_on").toLocalDate(), AlertState.valueOf(rs.getString("state")),
                rs.getTimestamp("raised_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("handled_by"), rs.getString("note"));
    }
}
