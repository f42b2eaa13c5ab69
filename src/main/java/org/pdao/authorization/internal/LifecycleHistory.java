package org.pdao.authorization.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The transition history of the lifecycles other than agreements (onboarding, selection, plans, exits, filings). */
@Repository
class LifecycleHistory {

    record Entry(String subjectType, UUID subjectId, @Nullable String from, String to, String actor,
            @Nullable String reason, @Nullable String ruleId, Instant at) {}

    private final JdbcClient jdbc;

    LifecycleHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Entry e) {
        jdbc.sql("""
                insert into authorization_lifecycle_transition (subject_type, subject_id, from_state, to_state, actor,
                    reason, rule_id, at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.subjectType(), e.subjectId(), e.from(), e.to(), e.actor(), e.reason(), e.ruleId(),
                        Timestamp.from(e.at()))
                .update();
    }

    List<Entry> of(String subjectType, UUID subjectId) {
        return jdbc.sql("select * from authorization_lifecycle_transition where subject_type = ? and subject_id = ? order by seq")
                .params(subjectType, subjectId)
                .query((rs, n) -> new Entry(rs.getString("subject_type"), rs.getObject("subject_id", UUID.class),
                        rs.getString("from_state"), rs.getString("to_state"), rs.getString("actor"),
                        rs.getString("reason"), rs.getString("rule_id"), rs.getTimestamp("at").toInstant()))
                .list();
    }
}
