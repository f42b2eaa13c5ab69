package org.pdao.audit.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private static final int BATCH = 1000;
    private static final List<AuditEntry> END = new ArrayList<>();

    /** Stops the stream at the first problem. */
    private static final class FoundProblem extends RuntimeException {
        FoundProblem() {
            super(null, null, false, false);
        }
    }

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
            checkInParallel(check);
        }
        AuditChainCheck.Finding f = check.finish();
        AuditCheckpoint last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        CheckpointView view = last == null ? null : new CheckpointView(last.sequence(), last.hash(),
                last.signedAt().toString(), last.signatureValidUnder(key.publicKey()));
        return new Report(f == null, check.entriesChecked(), f == null ? null : f.sequence(),
                f == null ? null : f.problem().name(), (System.nanoTime() - start) / 1_000_000, view);
    }

    /**
     * Reads rows on this thread and checks them on another, handing over batches through a small
     * bounded queue: reading and hashing overlap, and memory stays bounded.
     */
    private void checkInParallel(AuditChainCheck check) {
        ArrayBlockingQueue<List<AuditEntry>> queue = new ArrayBlockingQueue<>(8);
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> checker = CompletableFuture.runAsync(() -> {
            try {
                while (true) {
                    List<AuditEntry> batch = queue.take();
                    if (batch == END) {
                        return;
                    }
                    for (AuditEntry e : batch) {
                        if (!check.accept(e)) {
                            stop.set(true);
                            return;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stop.set(true);
            }
        });
        List<AuditEntry>[] buffer = new List[] {new ArrayList<AuditEntry>(BATCH)};
        try {
            streamEntries(1, Long.MAX_VALUE, e -> {
                buffer[0].add(e);
                if (buffer[0].size() == BATCH) {
                    hand(queue, buffer[0], stop);
                    buffer[0] = new ArrayList<>(BATCH);
                }
            });
            hand(queue, buffer[0], stop);
        } catch (FoundProblem found) {
            // the checker found the first problem; no need to read further
        } finally {
            while (!stop.get()) {
                if (queue.offer(END)) {
                    break;
                }
                Thread.onSpinWait();
            }
        }
        checker.join();
    }

    private static void hand(ArrayBlockingQueue<List<AuditEntry>> queue, List<AuditEntry> batch, AtomicBoolean stop) {
        try {
            while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                if (stop.get()) {
                    throw new FoundProblem();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FoundProblem();
        }
    }

    List<AuditCheckpoint> checkpoints() {
        return jdbc.sql("select seq, entry_hash, signed_at, signature from audit_checkpoint order by seq")
                .query((rs, n) -> new AuditCheckpoint(rs.getLong(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)))
                .list();
    }

    /** Streams entries {@code from..to} in sequence order without holding them in memory. */
    void streamEntries(long from, long to, Consumer<AuditEntry> each) {
        // in a transaction, so that PostgreSQL uses a cursor and honours the fetch size
        readOnly.executeWithoutResult(s -> streaming.query(
                "select " + AuditRows.COLUMNS + " from audit_entry where seq between ? and ? order by seq",
                rs -> {
                    each.accept(AuditRows.read(rs));
                }, from, to));
    }
}
