package org.pdao.audit.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditChainCheck;
import org.pdao.audit.AuditCheckpoint;
import org.pdao.audit.AuditEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Verifies the stored chain by streaming it (fetch size, nothing held in memory) through {@link AuditChainCheck}. */
@Component
class ChainVerification {

    /** The answer of a verification. */
    record Report(boolean valid, long entriesChecked, @Nullable Long firstBadSequence, @Nullable String problem,
            long elapsedMillis, @Nullable CheckpointView lastCheckpoint) {}

    record CheckpointView(long sequence, String hash, String signedAt, boolean signatureValid) {}

    private static final int FETCH_SIZE = 5000;

    private final JdbcTemplate streaming;
    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;
    private final PlatformSigningKey key;

    ChainVerification(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager txm, PlatformSigningKey key) {
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(txm);
        this.readOnly.setReadOnly(true);
        this.key = key;
    }

    Report verify() {
        long start = System.nanoTime();
        List<AuditCheckpoint> checkpoints = checkpoints();
        AuditChainCheck check = new AuditChainCheck(key.publicKey(), 1, AuditEntry.GENESIS);
        checkpoints.forEach(check::checkpoint);
        if (check.finding() == null) {
            readOnly.executeWithoutResult(s -> streamEntries(1, Long.MAX_VALUE, check::accept));
        }
        AuditChainCheck.Finding f = check.finish();
        AuditCheckpoint last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        CheckpointView view = last == null ? null : new CheckpointView(last.sequence(), last.hash(),
                last.signedAt().toString(), last.signatureValidUnder(key.publicKey()));
        return new Report(f == null, check.entriesChecked(), f == null ? null : f.sequence(),
                f == null ? null : f.problem().name(), (System.nanoTime() - start) / 1_000_000, view);
    }

    List<AuditCheckpoint> checkpoints() {
        return jdbc.sql("select seq, entry_hash, signed_at, signature from audit_checkpoint order by seq")
                .query((rs, n) -> new AuditCheckpoint(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)))
                .list();
    }

    /** Streams entries {@code from..to} in sequence order; the consumer's false answer stops nothing, it is ignored. */
    void streamEntries(long from, long to, Consumer<AuditEntry> each) {
        streaming.query("select " + AuditRows.COLUMNS + " from audit_entry where seq between ? and ? order by seq",
                rs -> {
                    each.accept(AuditRows.read(rs));
                }, from, to);
    }
}
