package org.pdao.dataspace.internal.gate;

import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.pdao.shared.crypto.MasterKey;
import org.pdao.shared.crypto.Sm3;
import org.pdao.shared.crypto.Sm4;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The result store: each result sealed at rest with SM4-GCM under a random key of its own, that key sealed under the
 * platform master key (as the zone stores' keys are), with the SM3 digest of the plaintext recorded beside it. The
 * original stays sealed for ever; a reviewer's changed version is sealed next to it. Rows never stand in clear in
 * the platform database.
 */
@Component
class ResultStore {

    private static final String KEY_PURPOSE = "dataspace.gate.result:";

    /** Sealing and destruction (封存销毁) are platform functions: a destroyed workspace's results go with it. */
    static final RuleRef DESTROYED_WITH_WORKSPACE = new RuleRef("TZ-12", "《泰州市公共数据授权运营管理办法》第十二条",
            "Taizhou Measures for the Administration of Public Data Authorized Operation, Art. 12");

    private final JdbcClient jdbc;
    private final MasterKey masterKey;

    ResultStore(JdbcClient jdbc, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
    }

    void insert(StoredResult r, ResultCodec.Table table, String sql) {
        byte[] key = Sm4.newKey();
        byte[] plain = ResultCodec.encode(table);
        byte[] sqlBytes = sql.getBytes(StandardCharsets.UTF_8);
        try {
            jdbc.sql("""
                    insert into dataspace_gate_result (id, query_id, workspace_id, grant_id, zone_id, developer_org_id,
                        operator_org_id, submitted_by, state, aggregate_only, row_count, column_count, sealed_key,
                        sealed_result, result_sm3, sealed_sql, sql_sm3, notes, hold_reasons, policy_rule, review_due_on,
                        overdue_reported, submitted_at, count_noise_bound)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)""")
                    .params(r.id(), r.queryId(), r.workspaceId(), r.grantId(), r.zoneId(), r.developerOrganizationId(),
                            r.operatorOrganizationId(), r.submittedBy(), r.state().name(), r.aggregateOnly(),
                            r.rowCount(), r.columnCount(), masterKey.seal(KEY_PURPOSE + r.id(), key),
                            seal(key, r.id(), "original", plain), Sm3.hex(plain), seal(key, r.id(), "sql", sqlBytes),
                            Sm3.hex(sqlBytes), joined(r.notes()), joined(r.holdReasons()), r.policyRule(),
                            r.reviewDueOn() == null ? null : Date.valueOf(r.reviewDueOn()),
                            Timestamp.from(r.submittedAt()), r.countNoiseBound())
                    .update();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    Optional<StoredResult> find(UUID id) {
        return jdbc.sql("select * from dataspace_gate_result where id = ?").param(id).query(ResultStore::row).optional();
    }

    StoredResult require(UUID id) {
        return find(id).orElseThrow(() -> ProblemException.notFound("query-result", id));
    }

    Optional<StoredResult> ofQuery(UUID queryId) {
        return jdbc.sql("select * from dataspace_gate_result where query_id = ?").param(queryId)
                .query(ResultStore::row).optional();
    }

    /** The result as the executor computed it (checked against its SM3). */
    ResultCodec.Table original(StoredResult r) {
        byte[] plain = open(r.id(), "original", column(r.id(), "sealed_result"));
        check(plain, r.resultSm3());
        return ResultCodec.decode(plain);
    }

    /** What leaves: the original, or the reviewer's changed version. */
    ResultCodec.Table released(StoredResult r) {
        if (r.state() == ResultState.RELEASED_WITH_CHANGE && r.releasedSm3() != null) {
            byte[] plain = open(r.id(), "released", column(r.id(), "sealed_released"));
            check(plain, r.releasedSm3());
            return ResultCodec.decode(plain);
        }
        return original(r);
    }

    String sql(StoredResult r) {
        return new String(open(r.id(), "sql", column(r.id(), "sealed_sql")), StandardCharsets.UTF_8);
    }

    /** Moves a result from {@code from} to {@code to} with its decision; false when someone moved it first. */
    boolean decide(UUID id, ResultState from, ResultState to, Instant at, String by, @Nullable UUID byUser,
            @Nullable String reason, @Nullable String change, @Nullable Integer roundTo,
            ResultCodec.@Nullable Table changed) {
        String sealedReleased = null;
        String releasedSm3 = null;
        if (changed != null) {
            byte[] plain = ResultCodec.encode(changed);
            byte[] key = masterKey.open(KEY_PURPOSE + id, column(id, "sealed_key"));
            try {
                sealedReleased = seal(key, id, "released", plain);
                releasedSm3 = Sm3.hex(plain);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
        return jdbc.sql("""
                update dataspace_gate_result set state = ?, decided_at = ?, decided_by = ?, decided_by_user = ?,
                    decision_reason = ?, decision_change = ?, round_to = ?, sealed_released = ?, released_sm3 = ?
                where id = ? and state = ?""")
                .params(to.name(), Timestamp.from(at), by, byUser, reason, change, roundTo, sealedReleased, releasedSm3, id,
                        from.name())
                .update() == 1;
    }

    /** The results of a workspace that are not destroyed yet, oldest first. */
    List<StoredResult> ofWorkspace(UUID workspaceId) {
        return jdbc.sql("""
                select * from dataspace_gate_result where workspace_id = ? and state <> 'DESTROYED'
                order by submitted_at, id""").param(workspaceId).query(ResultStore::row).list();
    }

    /**
     * Erases a result's sealed rows, changed version and SQL together with their key (the digests stay, so what
     * existed can still be named); false when someone moved it first.
     */
    boolean destroy(UUID id, ResultState from, Instant at) {
        return jdbc.sql("""
                update dataspace_gate_result set state = 'DESTROYED', sealed_key = '', sealed_result = '',
                    sealed_released = null, sealed_sql = '', decided_at = coalesce(decided_at, ?)
                where id = ? and state = ?""")
                .params(Timestamp.from(at), id, from.name()).update() == 1;
    }

    List<StoredResult> page(UUID operatorOrganizationId, ResultState state, int page, int size) {
        return jdbc.sql("""
                select * from dataspace_gate_result where operator_org_id = ? and state = ?
                order by submitted_at, id limit ? offset ?""")
                .params(operatorOrganizationId, state.name(), size, (long) page * size).query(ResultStore::row).list();
    }

    long count(UUID operatorOrganizationId, ResultState state) {
        return jdbc.sql("select count(*) from dataspace_gate_result where operator_org_id = ? and state = ?")
                .params(operatorOrganizationId, state.name()).query(Long.class).single();
    }

    /** Held results whose review deadline passed before {@code today} and that were not reported yet. */
    List<StoredResult> overdue(LocalDate today) {
        return jdbc.sql("""
                select * from dataspace_gate_result where state = 'PENDING_REVIEW' and overdue_reported = false
                    and review_due_on < ? order by review_due_on""")
                .param(Date.valueOf(today)).query(ResultStore::row).list();
    }

    boolean markOverdueReported(UUID id) {
        return jdbc.sql("update dataspace_gate_result set overdue_reported = true where id = ? and overdue_reported = false")
                .param(id).update() == 1;
    }

    // --- sealing

    private String seal(byte[] key, UUID id, String part, byte[] plain) {
        return Base64.getEncoder().encodeToString(Sm4.encrypt(key, plain, aad(id, part)));
    }

    private byte[] open(UUID id, String part, String sealed) {
        String sealedKey = column(id, "sealed_key");
        if (sealedKey.isEmpty()) {
            throw new ProblemException(HttpStatus.GONE, "gate.result.destroyed", DESTROYED_WITH_WORKSPACE);
        }
        byte[] key = masterKey.open(KEY_PURPOSE + id, sealedKey);
        try {
            return Sm4.decrypt(key, Base64.getDecoder().decode(sealed), aad(id, part));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] aad(UUID id, String part) {
        return ("pdao-gate-result:" + id + ":" + part).getBytes(StandardCharsets.UTF_8);
    }

    private static void check(byte[] plain, String sm3) {
        if (!Sm3.hex(plain).equals(sm3)) {
            throw new IllegalStateException("a sealed result does not match its SM3 digest");
        }
    }

    private String column(UUID id, String name) {
        return jdbc.sql("select " + name + " from dataspace_gate_result where id = ?").param(id).query(String.class)
                .single();
    }

    private static @Nullable String joined(List<String> items) {
        return items.isEmpty() ? null : String.join("\n", items);
    }

    private static List<String> split(@Nullable String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static StoredResult row(ResultSet rs, int n) throws SQLException {
        Date due = rs.getDate("review_due_on");
        Timestamp decided = rs.getTimestamp("decided_at");
        return new StoredResult(rs.getObject("id", UUID.class), rs.getObject("query_id", UUID.class),
                rs.getObject("workspace_id", UUID.class), rs.getObject("grant_id", UUID.class),
                rs.getObject("zone_id", UUID.class), rs.getObject("developer_org_id", UUID.class),
                rs.getObject("operator_org_id", UUID.class), rs.getObject("submitted_by", UUID.class),
                ResultState.valueOf(rs.getString("state")), rs.getBoolean("aggregate_only"), rs.getInt("row_count"),
                rs.getInt("column_count"), rs.getString("result_sm3"), rs.getString("released_sm3"),
                split(rs.getString("notes")), split(rs.getString("hold_reasons")), rs.getString("policy_rule"),
                due == null ? null : due.toLocalDate(), rs.getTimestamp("submitted_at").toInstant(),
                decided == null ? null : decided.toInstant(), rs.getString("decided_by"),
                rs.getString("decision_reason"), rs.getString("decision_change"),
                rs.getObject("count_noise_bound") == null ? null : rs.getDouble("count_noise_bound"),
                rs.getObject("round_to") == null ? null : rs.getInt("round_to"));
    }
}
