package org.pdao.supervision.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Quality issues, their rectification tasks, and the latest dataset load per resource. */
@Repository
class QualityIssues {

    record Filter(@Nullable UUID sourceUnitId, @Nullable UUID resourceId, @Nullable IssueState state,
            @Nullable String dimension) {}

    /** The latest load of a resource's data into a zone. */
    record Load(UUID resourceId, @Nullable UUID sourceUnitId, String dataset, Instant loadedAt) {}

    private final JdbcClient jdbc;

    QualityIssues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(QualityIssue i) {
        jdbc.sql("""
                insert into supervision_quality_issue (id, resource_id, source_unit_id, dimension, check_code, description,
                  reporter_org_id, reported_by, automatic, state, last_reason, raised_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(i.id(), i.resourceId(), i.sourceUnitId(), i.dimension(), i.checkCode(), i.description(),
                        i.reporterOrgId(), i.reportedBy(), i.automatic(), i.state().name(), i.lastReason(),
                        Timestamp.from(i.raisedAt()), Timestamp.from(i.updatedAt()))
                .update();
    }

    boolean update(QualityIssue i, IssueState expected) {
        return jdbc.sql("update supervision_quality_issue set state = ?, last_reason = ?, updated_at = ? "
                + "where id = ? and state = ?")
                .params(i.state().name(), i.lastReason(), Timestamp.from(i.updatedAt()), i.id(), expected.name())
                .update() == 1;
    }

    Optional<QualityIssue> find(UUID id) {
        return jdbc.sql("select * from supervision_quality_issue where id = ?").param(id).query(QualityIssues::map)
                .optional();
    }

    /** Whether an automatic check already has an issue that is not yet closed (confirmed or dismissed). */
    boolean openCheck(@Nullable UUID resourceId, UUID sourceUnitId, String checkCode) {
        return jdbc.sql("""
                select count(*) from supervision_quality_issue where source_unit_id = ? and check_code = ?
                  and (cast(? as uuid) is null or resource_id = ?) and state not in ('CONFIRMED', 'DISMISSED')""")
                .params(sourceUnitId, checkCode, resourceId, resourceId).query(Long.class).single() > 0;
    }

    List<QualityIssue> page(@Nullable UUID visibleOrg, Filter f, int offset, int limit) {
        return jdbc.sql("select * from supervision_quality_issue where " + WHERE
                + " order by raised_at desc, id offset :offset rows fetch next :limit rows only")
                .params(params(visibleOrg, f)).param("offset", offset).param("limit", limit)
                .query(QualityIssues::map).list();
    }

    long count(@Nullable UUID visibleOrg, Filter f) {
        return jdbc.sql("select count(*) from supervision_quality_issue where " + WHERE)
                .params(params(visibleOrg, f)).query(Long.class).single();
    }

    private static final String WHERE = """
            (cast(:org as uuid) is null or source_unit_id = :org or reporter_org_id = :org)
              and (cast(:unit as uuid) is null or source_unit_id = :unit)
              and (cast(:resource as uuid) is null or resource_id = :resource)
              and (cast(:state as varchar) is null or state = :state)
              and (cast(:dimension as varchar) is null or dimension = :dimension)""";

    private static Map<String, @Nullable Object> params(@Nullable UUID org, Filter f) {
        Map<String, @Nullable Object> p = new HashMap<>();
        p.put("org", org);
        p.put("unit", f.sourceUnitId());
        p.put("resource", f.resourceId());
        p.put("state", f.state() == null ? null : f.state().name());
        p.put("dimension", f.dimension());
        return p;
    }

    void insertTask(RectificationTask t) {
        jdbc.sql("""
                insert into supervision_rectification (id, issue_id, source_unit_id, dispatched_on, due_on, overdue_alerted,
                  dispatched_by, dispatched_at) values (?, ?, ?, ?, ?, false, ?, ?)""")
                .params(t.id(), t.issueId(), t.sourceUnitId(), Date.valueOf(t.dispatchedOn()), Date.valueOf(t.dueOn()),
                        t.dispatchedBy(), Timestamp.from(t.dispatchedAt()))
                .update();
    }

    boolean completeTask(UUID taskId, LocalDate on, @Nullable String note) {
        return jdbc.sql("update supervision_rectification set rectified_on = ?, note = ? where id = ? and rectified_on is null")
                .params(Date.valueOf(on), note, taskId).update() == 1;
    }

    List<RectificationTask> tasks(UUID issueId) {
        return jdbc.sql("select * from supervision_rectification where issue_id = ? order by dispatched_at")
                .param(issueId).query(QualityIssues::task).list();
    }

    Optional<RectificationTask> openTask(UUID issueId) {
        return jdbc.sql("select * from supervision_rectification where issue_id = ? and rectified_on is null")
                .param(issueId).query(QualityIssues::task).optional();
    }

    List<RectificationTask> overdueTasks(LocalDate today) {
        return jdbc.sql("select * from supervision_rectification where rectified_on is null and due_on < ? "
                + "and overdue_alerted = false order by due_on").param(Date.valueOf(today))
                .query(QualityIssues::task).list();
    }

    boolean markTaskAlerted(UUID taskId) {
        return jdbc.sql("update supervision_rectification set overdue_alerted = true where id = ? and overdue_alerted = false")
                .param(taskId).update() == 1;
    }

    /** Issues raised against a source unit in a period. */
    long raised(UUID unit, Instant from, Instant to) {
        return jdbc.sql("select count(*) from supervision_quality_issue where source_unit_id = ? and raised_at >= ? "
                + "and raised_at < ? and state <> 'DISMISSED'").params(unit, Timestamp.from(from), Timestamp.from(to))
                .query(Long.class).single();
    }

    /** Rectification tasks of a source unit due in a period: all, and those corrected by their due day. */
    long[] tasksDue(UUID unit, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select count(*), coalesce(sum(case when rectified_on is not null and rectified_on <= due_on then 1 else 0 end), 0)
                from supervision_rectification where source_unit_id = ? and due_on between ? and ?""")
                .params(unit, Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    void recordLoad(Load l) {
        int updated = jdbc.sql("update supervision_dataset_load set source_unit_id = ?, dataset = ?, loaded_at = ? "
                + "where resource_id = ? and loaded_at <= ?")
                .params(l.sourceUnitId(), l.dataset(), Timestamp.from(l.loadedAt()), l.resourceId(),
                        Timestamp.from(l.loadedAt()))
                .update();
        if (updated == 0 && latestLoad(l.resourceId()).isEmpty()) {
            jdbc.sql("insert into supervision_dataset_load (resource_id, source_unit_id, dataset, loaded_at) values (?, ?, ?, ?)")
                    .params(l.resourceId(), l.sourceUnitId(), l.dataset(), Timestamp.from(l.loadedAt())).update();
        }
    }

    Optional<Load> latestLoad(UUID resourceId) {
        return jdbc.sql("select * from supervision_dataset_load where resource_id = ?").param(resourceId)
                .query((rs, n) -> load(rs)).optional();
    }

    List<Load> loads() {
        return jdbc.sql("select * from supervision_dataset_load order by resource_id fetch next 10000 rows only")
                .query((rs, n) -> load(rs)).list();
    }

    private static Load load(ResultSet rs) throws SQLException {
        return new Load(rs.getObject("resource_id", UUID.class), rs.getObject("source_unit_id", UUID.class),
                rs.getString("dataset"), rs.getTimestamp("loaded_at").toInstant());
    }

    private static RectificationTask task(ResultSet rs, int n) throws SQLException {
        Date done = rs.getDate("rectified_on");
        return new RectificationTask(rs.getObject("id", UUID.class), rs.getObject("issue_id", UUID.class),
                rs.getObject("source_unit_id", UUID.class), rs.getDate("dispatched_on").toLocalDate(),
                rs.getDate("due_on").toLocalDate(), done == null ? null : done.toLocalDate(), rs.getString("note"),
                rs.getBoolean("overdue_alerted"), rs.getString("dispatched_by"),
                rs.getTimestamp("dispatched_at").toInstant());
    }

    private static QualityIssue map(ResultSet rs, int n) throws SQLException {
        return new QualityIssue(rs.getObject("id", UUID.class), rs.getObject("resource_id", UUID.class),
                rs.getObject("source_unit_id", UUID.class), rs.getString("dimension"), rs.getString("check_code"),
                rs.getString("description"), rs.getObject("reporter_org_id", UUID.class), rs.getString("reported_by"),
                rs.getBoolean("automatic"), IssueState.valueOf(rs.getString("state")), rs.getString("last_reason"),
                rs.getTimestamp("raised_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
