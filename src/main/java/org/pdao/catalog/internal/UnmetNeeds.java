package org.pdao.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Unmet development-catalog needs and the operators' submissions of them. */
@Repository
class UnmetNeeds {

    /** A submission of gathered needs to the data authority, with its answer. */
    record Submission(UUID id, UUID operatorId, String submittedBy, Instant submittedAt, @Nullable String note,
            @Nullable String response, @Nullable String answeredBy, @Nullable Instant answeredAt, List<UnmetNeed> needs) {}

    private final JdbcClient jdbc;

    UnmetNeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UnmetNeed n) {
        jdbc.sql("""
                insert into catalog_unmet_need (id, operator_id, developer_id, scenario, data_wanted, entry_id, state,
                  recorded_by, recorded_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(n.id(), n.operatorId(), n.developerId(), n.scenario(), n.dataWanted(), n.entryId(),
                        n.state().name(), n.recordedBy(), Timestamp.from(n.recordedAt()), Timestamp.from(n.updatedAt()))
                .update();
    }

    boolean update(UnmetNeed n, NeedState expected) {
        return jdbc.sql("update catalog_unmet_need set state = ?, submission_id = ?, updated_at = ? where id = ? and state = ?")
                .params(n.state().name(), n.submissionId(), Timestamp.from(n.updatedAt()), n.id(), expected.name())
                .update() == 1;
    }

    Optional<UnmetNeed> find(UUID id) {
        return jdbc.sql("select * from catalog_unmet_need where id = ?").param(id).query(UnmetNeeds::map).optional();
    }

    List<UnmetNeed> recordedFor(UUID operatorId) {
        return jdbc.sql("select * from catalog_unmet_need where operator_id = ? and state = 'RECORDED' "
                + "order by recorded_at fetch next 1000 rows only").param(operatorId).query(UnmetNeeds::map).list();
    }

    List<UnmetNeed> page(@Nullable UUID org, @Nullable NeedState state, int offset, int limit) {
        return jdbc.sql("""
                select * from catalog_unmet_need where (cast(:org as uuid) is null or operator_id = :org or developer_id = :org)
                  and (cast(:state as varchar) is null or state = :state)
                order by recorded_at desc, id offset :offset rows fetch next :limit rows only""")
                .param("org", org).param("state", state == null ? null : state.name()).param("offset", offset)
                .param("limit", limit).query(UnmetNeeds::map).list();
    }

    long count(@Nullable UUID org, @Nullable NeedState state) {
        return jdbc.sql("""
                select count(*) from catalog_unmet_need where (cast(:org as uuid) is null or operator_id = :org or developer_id = :org)
                  and (cast(:state as varchar) is null or state = :state)""")
                .param("org", org).param("state", state == null ? null : state.name()).query(Long.class).single();
    }

    void insertSubmission(UUID id, UUID operatorId, String by, Instant at, @Nullable String note) {
        jdbc.sql("insert into catalog_need_submission (id, operator_id, submitted_by, submitted_at, note) values (?, ?, ?, ?, ?)")
                .params(id, operatorId, by, Timestamp.from(at), note).update();
    }

    boolean answerSubmission(UUID id, String response, String by, Instant at) {
        return jdbc.sql("update catalog_need_submission set response = ?, answered_by = ?, answered_at = ? "
                + "where id = ? and response is null").params(response, by, Timestamp.from(at), id).update() == 1;
    }

    Optional<Submission> submission(UUID id) {
        return jdbc.sql("select * from catalog_need_submission where id = ?").param(id)
                .query((rs, n) -> submission(rs)).optional().map(this::withNeeds);
    }

    List<Submission> submissions(@Nullable UUID operatorId, int offset, int limit) {
        return jdbc.sql("""
                select * from catalog_need_submission where (cast(:op as uuid) is null or operator_id = :op)
                order by submitted_at desc, id offset :offset rows fetch next :limit rows only""")
                .param("op", operatorId).param("offset", offset).param("limit", limit)
                .query((rs, n) -> submission(rs)).list().stream().map(this::withNeeds).toList();
    }

    private Submission withNeeds(Submission s) {
        List<UnmetNeed> needs = jdbc.sql("select * from catalog_unmet_need where submission_id = ? order by recorded_at")
                .param(s.id()).query(UnmetNeeds::map).list();
        return new Submission(s.id(), s.operatorId(), s.submittedBy(), s.submittedAt(), s.note(), s.response(),
                s.answeredBy(), s.answeredAt(), needs);
    }

    long countSubmissions(@Nullable UUID operatorId) {
        return jdbc.sql("select count(*) from catalog_need_submission where (cast(:op as uuid) is null or operator_id = :op)")
                .param("op", operatorId).query(Long.class).single();
    }

    private static Submission submission(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Timestamp answered = rs.getTimestamp("answered_at");
        return new Submission(id, rs.getObject("operator_id", UUID.class), rs.getString("submitted_by"),
                rs.getTimestamp("submitted_at").toInstant(), rs.getString("note"), rs.getString("response"),
                rs.getString("answered_by"), answered == null ? null : answered.toInstant(), List.of());
    }

    private static UnmetNeed map(ResultSet rs, int n) throws SQLException {
        return new UnmetNeed(rs.getObject("id", UUID.class), rs.getObject("operator_id", UUID.class),
                rs.getObject("developer_id", UUID.class), rs.getString("scenario"), rs.getString("data_wanted"),
                rs.getObject("entry_id", UUID.class), NeedState.valueOf(rs.getString("state")),
                rs.getObject("submission_id", UUID.class), rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
