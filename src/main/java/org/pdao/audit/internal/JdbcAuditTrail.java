package org.pdao.audit.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditReceipt;
import org.pdao.audit.AuditTrail;
import org.pdao.shared.crypto.Sm3;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Appends entries one at a time, each chained to the previous one by SM3. */
@Component
class JdbcAuditTrail implements AuditTrail {

    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private long lastSeq = -1;
    private String lastHash = GENESIS;

    JdbcAuditTrail(JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager txm) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txm);
        this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public synchronized AuditReceipt record(AuditEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                return append(event);
            } catch (org.springframework.dao.DataIntegrityViolationException taken) {
                // another writer (a second application context or instance) took this position:
                // re-read the chain head and chain after it
                lastSeq = -1;
                if (attempt == 5) {
                    throw taken;
                }
            }
        }
    }

    private AuditReceipt append(AuditEvent event) {
        if (lastSeq < 0) {
            jdbc.sql("select seq, entry_hash from audit_entry order by seq desc limit 1")
                    .query((rs, n) -> {
                        lastSeq = rs.getLong(1);
                        lastHash = rs.getString(2);
                        return null;
                    }).list();
            if (lastSeq < 0) {
                lastSeq = 0;
            }
        }
        long seq = lastSeq + 1;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String details = new TreeMap<>(event.details()).toString();
        String canonical = String.join("\u001f", String.valueOf(seq), at.toString(), event.actor().username(),
                event.action(), event.targetType(), String.valueOf(event.targetId()), event.outcome().name(),
                String.valueOf(event.reason()), String.valueOf(event.ruleId()), details, lastHash);
        String hash = Sm3.hex(canonical.getBytes(StandardCharsets.UTF_8));
        String prev = lastHash;
        tx.executeWithoutResult(s -> jdbc.sql("""
                insert into audit_entry (seq, occurred_at, actor_user_id, actor_name, actor_org_id, actor_roles,
                  source_address, action, target_type, target_id, outcome, reason, rule_id, details, prev_hash, entry_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(seq, Timestamp.from(at), event.actor().userId(), event.actor().username(),
                        event.actor().organizationId(), String.join(",", event.actor().roles()),
                        event.actor().sourceAddress(), event.action(), event.targetType(), event.targetId(),
                        event.outcome().name(), event.reason(), event.ruleId(), details, prev, hash)
                .update());
        lastSeq = seq;
        lastHash = hash;
        return new AuditReceipt(seq, hash);
    }

    Map<String, Object> head() {
        return Map.of("sequence", lastSeq, "hash", lastHash);
    }
}
