package org.pdao.audit.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.pdao.audit.AuditEntry;
import org.pdao.audit.AuditOutcome;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** How an {@link AuditEntry} maps to a row of {@code audit_entry}: columns, insert and read. */
final class AuditRows {

    static final String COLUMNS = "seq, occurred_at, actor_user_id, actor_name, actor_org_id, actor_roles, "
            + "source_address, action, target_type, target_id, outcome, reason, rule_id, details, prev_hash, entry_hash";
    static final String INSERT = "insert into audit_entry (" + COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() {};

    private AuditRows() {}

    static void bind(PreparedStatement ps, AuditEntry e) throws SQLException {
        ps.setLong(1, e.sequence());
        ps.setTimestamp(2, Timestamp.from(e.occurredAt()));
        ps.setObject(3, e.actorUserId());
        ps.setString(4, e.actorName());
        ps.setObject(5, e.actorOrganizationId());
        ps.setString(6, String.join(",", e.actorRoles()));
        ps.setString(7, e.sourceAddress());
        ps.setString(8, e.action());
        ps.setString(9, e.targetType());
        ps.setString(10, e.targetId());
        ps.setString(11, e.outcome().name());
        ps.setString(12, e.reason());
        ps.setString(13, e.ruleId());
        ps.setString(14, JSON.writeValueAsString(e.details()));
        ps.setString(15, e.previousHash());
        ps.setString(16, e.hash());
    }

    static AuditEntry read(ResultSet rs) throws SQLException {
        // by column index, in the order of COLUMNS: verification reads millions of rows
        String roles = rs.getString(6);
        String json = rs.getString(14);
        TreeMap<String, String> details = "{}".equals(json) ? new TreeMap<>() : JSON.readValue(json, DETAILS);
        return new AuditEntry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getObject(3, UUID.class), rs.getString(4), rs.getObject(5, UUID.class),
                roles == null || roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                AuditOutcome.valueOf(rs.getString(11)), rs.getString(12), rs.getString(13), details,
                rs.getString(15), rs.getString(16));
    }
}
