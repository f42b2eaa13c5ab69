package org.pdao.audit.internal;

import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.bouncycastle.util.encoders.Hex;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditCheckpoint;
import org.pdao.audit.AuditEntry;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditReceipt;
import org.pdao.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The audit trail with group commit: callers queue their events and wait; one appender thread
 * drains the queue, chains the entries with SM3, inserts them in one transaction on its own
 * connection, and only then completes the callers. A failed batch fails all its callers and the
 * chain head is reloaded from the database. Every so many entries (or after an interval) the head
 * is signed as a checkpoint. One instance owns the chain: run one application instance per
 * database (docs/audit.md).
 */
@Component
class GroupCommitAuditTrail implements AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitAuditTrail.class);
    private static final int MAX_BATCH = 1000;

    private record Pending(AuditEvent event, CompletableFuture<AuditReceipt> done) {}

    private final DataSource dataSource;
    private final Clock clock;
    private final PlatformSigningKey key;
    private final AuditSettings settings;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private @Nullable Thread appender;
    private volatile boolean stopping;

    // owned by the appender thread
    private @Nullable Connection connection;
    private long headSeq;
    private String headHash = AuditEntry.GENESIS;
    private Instant headAt = Instant.EPOCH;
    private long checkpointSeq;
    private Instant checkpointAt = Instant.EPOCH;

    GroupCommitAuditTrail(DataSource dataSource, Clock clock, PlatformSigningKey key, AuditSettings settings) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.key = key;
        this.settings = settings;
    }

    @Override
    public AuditReceipt record(AuditEvent event) {
        if (stopping) {
            throw new IllegalStateException("the audit trail is shutting down");
        }
        ensureStarted();
        Pending p = new Pending(event, new CompletableFuture<>());
        queue.add(p);
        try {
            return p.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the audit log", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the audit entry could not be stored", e.getCause());
        }
    }

    private synchronized void ensureStarted() {
        if (appender == null) {
            Thread t = new Thread(this::run, "audit-appender");
            t.setDaemon(true);
            appender = t;
            t.start();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        boolean loaded = false;
        while (!stopping || !queue.isEmpty()) {
            try {
                if (!loaded) {
                    loadHead();
                    loaded = true;
                }
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    appendAfterCurrentHead(batch);
                    batch.clear();
                }
                maybeCheckpoint();
            } catch (InterruptedException e) {
                if (!stopping) {
                    Thread.currentThread().interrupt();
                    break;
                }
            } catch (Exception e) {
                log.error("audit append failed; {} callers fail", batch.size(), e);
                batch.forEach(p -> p.done().completeExceptionally(e));
                batch.clear();
                dropConnection();
                loaded = false;
                if (!loadedQuietly()) {
                    sleepQuietly();
                } else {
                    loaded = true;
                }
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("the audit trail stopped"));
        }
        dropConnection();
    }

    private boolean loadedQuietly() {
        try {
            loadHead();
            return true;
        } catch (Exception e) {
            log.error("cannot reload the audit chain head", e);
            return false;
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            connection = c;
        }
        return connection;
    }

    private void dropConnection() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // closing anyway
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    /** Resumes from the last stored entry and the last checkpoint. */
    private void loadHead() throws SQLException {
        Connection c = connection();
        headSeq = 0;
        headHash = AuditEntry.GENESIS;
        try (PreparedStatement ps = c.prepareStatement(
                "select seq, entry_hash, occurred_at from audit_entry order by seq desc fetch first 1 rows only");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                headSeq = rs.getLong(1);
                headHash = rs.getString(2);
                headAt = rs.getObject(3, java.time.OffsetDateTime.class).toInstant();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select seq, signed_at from audit_checkpoint order by seq desc fetch first 1 rows only");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                checkpointSeq = rs.getLong(1);
                checkpointAt = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
            } else {
                checkpointSeq = 0;
                checkpointAt = clock.instant();
            }
        }
        c.commit();
    }

    /**
     * Appends the batch; if another writer took the next positions meanwhile (a second application
     * context on the same database, as in tests, or a second instance by mistake), the primary key on
     * the sequence refuses the batch: re-read the head and chain the batch after it.
     */
    private void appendAfterCurrentHead(List<Pending> batch) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                append(batch);
                return;
            } catch (SQLException e) {
                if (attempt == 5 || !positionTaken(e)) {
                    throw e;
                }
                log.warn("audit positions after {} were taken by another writer; re-reading the head", headSeq);
                connection().rollback();
                loadHead();
            }
        }
    }

    private static boolean positionTaken(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                return true;
            }
            if (s.getCause() instanceof SQLException cause && "23505".equals(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void append(List<Pending> batch) throws SQLException {
        Connection c = connection();
        long seq = headSeq;
        String prev = headHash;
        Instant last = headAt;
        List<AuditEntry> entries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (at.isBefore(last)) {
                at = last; // never let time run backwards within the chain
            }
            AuditEntry e = AuditEntry.chain(++seq, at, p.event(), prev);
            entries.add(e);
            prev = e.hash();
            last = at;
        }
        try (PreparedStatement ps = c.prepareStatement(AuditRows.INSERT)) {
            for (AuditEntry e : entries) {
                AuditRows.bind(ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        headSeq = seq;
        headHash = prev;
        headAt = last;
        for (int i = 0; i < batch.size(); i++) {
            AuditEntry e = entries.get(i);
            batch.get(i).done().complete(new AuditReceipt(e.sequence(), e.hash()));
        }
    }

    private void maybeCheckpoint() throws SQLException {
        boolean forced = forceCheckpoint;
        if (headSeq <= checkpointSeq) {
            forceCheckpoint = false;
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!forced && headSeq - checkpointSeq < settings.checkpointEvery()
                && now.isBefore(checkpointAt.plus(settings.checkpointInterval()))) {
            return;
        }
        byte[] signature = key.sign(AuditCheckpoint.signedBytes(headSeq, headHash, now));
        Connection c = connection();
        try (PreparedStatement ps = c.prepareStatement(
                "insert into audit_checkpoint (seq, entry_hash, signed_at, signature, public_key) values (?, ?, ?, ?, ?)")) {
            ps.setLong(1, headSeq);
            ps.setString(2, headHash);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, Hex.toHexString(signature));
            ps.setString(5, key.publicKeyHex());
            ps.executeUpdate();
        }
        c.commit();
        checkpointSeq = headSeq;
        checkpointAt = now;
        forceCheckpoint = false;
    }

    /** Signs the current head now (used before a verification or an export, and by tests). */
    void checkpointNow() {
        ensureStarted();
        forceCheckpoint = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (forceCheckpoint && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private volatile boolean forceCheckpoint;

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        Thread t = appender;
        if (t != null) {
            t.join(10_000);
        }
    }
}
