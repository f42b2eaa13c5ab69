package org.pdao.dataspace.internal.gate.watermark;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.internal.gate.ResultCodec;
import org.pdao.dataspace.internal.gate.ResultColumn;
import org.pdao.shared.crypto.MasterKey;
import org.pdao.shared.crypto.Sm3;
import org.pdao.shared.crypto.Sm4;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registry of issued marks: one entry per download (or per response carrying rows), binding the file to its
 * recipient (user and organization), the result and the time, with the exact values issued sealed (SM4 under a key of
 * the entry, itself sealed under the master key) and the SM3 of the file as delivered.
 */
@Component
public class IssuedMarks {

    private static final String KEY_PURPOSE = "dataspace.gate.issue:";

    /** One issue of a result to a recipient. */
    public record Issue(UUID id, UUID resultId, UUID queryId, UUID workspaceId, UUID userId, String username,
            UUID organizationId, Instant issuedAt, String format, int rowCount, int markCount, String fileSm3) {}

    private final JdbcClient jdbc;
    private final MasterKey masterKey;

    IssuedMarks(JdbcClient jdbc, MasterKey masterKey) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
    }

    public void register(Issue issue, Watermarker.MarkedTable marked) {
        byte[] key = Sm4.newKey();
        try {
            byte[] plain = ResultCodec.encode(new ResultCodec.Table(marked.columns(), marked.rows()));
            String sealed = Base64.getEncoder().encodeToString(Sm4.encrypt(key, plain, aad(issue.id())));
            jdbc.sql("""
                    insert into dataspace_gate_issue (id, result_id, query_id, workspace_id, user_id, username,
                        organization_id, issued_at, format, row_count, mark_count, sealed_key, sealed_values, file_sm3,
                        columns_key)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(issue.id(), issue.resultId(), issue.queryId(), issue.workspaceId(), issue.userId(),
                            issue.username(), issue.organizationId(), Timestamp.from(issue.issuedAt()), issue.format(),
                            issue.rowCount(), issue.markCount(), masterKey.seal(KEY_PURPOSE + issue.id(), key), sealed,
                            issue.fileSm3(), columnsKey(marked.columns().stream().map(ResultColumn::name).toList()))
                    .update();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public List<Issue> ofResult(UUID resultId) {
        return jdbc.sql("select * from dataspace_gate_issue where result_id = ? order by issued_at, id").param(resultId)
                .query(IssuedMarks::row).list();
    }

    /**
     * Results issued with exactly these column names (the header of a leaked file), of the zones operated by
     * {@code operator} (null: of every zone), the most recently issued first, at most {@code limit}.
     */
    public List<UUID> resultsWithColumns(List<String> names, @Nullable UUID operator, int limit) {
        return jdbc.sql("""
                select i.result_id from dataspace_gate_issue i join dataspace_gate_result r on r.id = i.result_id
                where i.columns_key = ? and (cast(? as uuid) is null or r.operator_org_id = ?)
                group by i.result_id order by max(i.issued_at) desc, i.result_id limit ?""")
                .params(columnsKey(names), operator, operator, limit).query(UUID.class).list();
    }

    /** The most recently issued results (of the zones {@code operator} operates), for a file whose header names none. */
    public List<UUID> recentResults(@Nullable UUID operator, int limit) {
        return jdbc.sql("""
                select i.result_id from dataspace_gate_issue i join dataspace_gate_result r on r.id = i.result_id
                where cast(? as uuid) is null or r.operator_org_id = ?
                group by i.result_id order by max(i.issued_at) desc, i.result_id limit ?""")
                .params(operator, operator, limit).query(UUID.class).list();
    }

    /** The values issued, in the released result's row order. */
    public List<List<Object>> issuedValues(Issue issue) {
        String sealedKey = jdbc.sql("select sealed_key from dataspace_gate_issue where id = ?").param(issue.id())
                .query(String.class).single();
        String sealed = jdbc.sql("select sealed_values from dataspace_gate_issue where id = ?").param(issue.id())
                .query(String.class).single();
        byte[] key = masterKey.open(KEY_PURPOSE + issue.id(), sealedKey);
        try {
            return ResultCodec.decode(Sm4.decrypt(key, Base64.getDecoder().decode(sealed), aad(issue.id()))).rows();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Whether {@code userId} was already issued {@code resultId} in {@code format}. */
    /** The issue already registered for this result, recipient and format, if any. */
    public java.util.Optional<UUID> issueOf(UUID resultId, UUID userId, String format) {
        return jdbc.sql("select id from dataspace_gate_issue where result_id = ? and user_id = ? and format = ? "
                + "order by issued_at fetch first 1 rows only").params(resultId, userId, format).query(UUID.class).optional();
    }

    public boolean issuedTo(UUID resultId, UUID userId, String format) {
        return jdbc.sql("select count(*) from dataspace_gate_issue where result_id = ? and user_id = ? and format = ?")
                .params(resultId, userId, format).query(Long.class).single() > 0;
    }

    public long count(UUID resultId) {
        return jdbc.sql("select count(*) from dataspace_gate_issue where result_id = ?").param(resultId)
                .query(Long.class).single();
    }

    /** The SM3 of a result's column names, folded and sorted, by which a leaked file's header finds its result. */
    public static String columnsKey(List<String> names) {
        return Sm3.hex(names.stream().map(n -> CellVariants.fold(n).toLowerCase(Locale.ROOT)).sorted()
                .collect(Collectors.joining("\u0001")).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] aad(UUID id) {
        return ("pdao-gate-issue:" + id).getBytes(StandardCharsets.UTF_8);
    }

    private static Issue row(ResultSet rs, int n) throws SQLException {
        return new Issue(rs.getObject("id", UUID.class), rs.getObject("result_id", UUID.class),
                rs.getObject("query_id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getObject("user_id", UUID.class), rs.getString("username"),
                rs.getObject("organization_id", UUID.class), rs.getTimestamp("issued_at").toInstant(),
                rs.getString("format"), rs.getInt("row_count"), rs.getInt("mark_count"), rs.getString("file_sm3"));
    }
}
