package org.pdao.audit.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEntry;
import org.pdao.audit.AuditOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads stored entries: filtered pages for the audit admin and single hashes for exports. */
@Component
class AuditLog {

    /** What to look for; null fields do not filter. {@code action} is a prefix. */
    record Filter(@Nullable Instant from, @Nullable Instant to, @Nullable String actor, @Nullable String action,
            @Nullable String targetType, @Nullable String targetId, @Nullable AuditOutcome outcome,
            @Nullable String ruleId) {}

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AuditEntry> page(Filter f, long offset, int size) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        params.add(offset);
        params.add(size);
        return jdbc.sql("select " + AuditRows.COLUMNS + " from audit_entry" + where
                        + " order by seq desc offset ? rows fetch next ? rows only")
                .params(params).query((rs, n) -> AuditRows.read(rs)).list();
    }

    long count(Filter f) {
        List<Object> params = new ArrayList<>();
        return jdbc.sql("select count(*) from audit_entry" + where(f, params)).params(params).query(Long.class)
                .single();
    }

    @Nullable String hashOf(long seq) {
        return jdbc.sql("select entry_hash from audit_entry where seq = ?").param(seq).query(String.class)
                .optional().orElse(null);
    }

    private static String where(Filter f, List<Object> params) {
        List<String> c = new ArrayList<>();
        if (f.from() != null) {
            c.add("occurred_at >= ?");
            params.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            c.add("occurred_at < ?");
            params.add(Timestamp.from(f.to()));
        }
        if (f.actor() != null) {
            c.add("actor_name = ?");
            params.add(f.actor());
        }
        if (f.action() != null) {
            c.add("action like ? escape '\\'");
            params.add(f.action().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.targetType() != null) {
            c.add("target_type = ?");
            params.add(f.targetType());
        }
        if (f.targetId() != null) {
            c.add("target_id = ?");
            params.add(f.targetId());
        }
        if (f.outcome() != null) {
            c.add("outcome = ?");
            params.add(f.outcome().name());
        }
        if (f.ruleId() != null) {
            c.add("rule_id = ?");
            params.add(f.ruleId());
        }
        return c.isEmpty() ? "" : " where " + String.join(" and ", c);
    }
}
