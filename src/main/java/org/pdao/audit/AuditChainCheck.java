package org.pdao.audit;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks a stream of entries, in sequence order, against their hashes, their links and the signed
 * checkpoints; it stops at the first problem. Used by the server's verification and by the
 * {@link OfflineAuditVerifier}, so both judge a chain the same way.
 */
public final class AuditChainCheck {

    /** The first problem found: the sequence of the first bad entry and what is wrong. */
    public record Finding(long sequence, AuditProblem problem) {}

    private final byte[] publicKey;
    private final TreeMap<Long, AuditCheckpoint> pending = new TreeMap<>();
    private @Nullable AuditCheckpoint latestCheckpoint;
    private @Nullable Finding finding;
    private long expected;
    private long checked;
    private @Nullable String lastHash;
    private @Nullable String secondLastHash;
    private long lastSequence;

    /**
     * @param firstSequence the sequence the stream must start with (1 for a whole chain)
     * @param previousHash the hash the first entry must link to, or null to take it on trust (a partial export)
     */
    public AuditChainCheck(byte[] publicKey, long firstSequence, @Nullable String previousHash) {
        this.publicKey = publicKey.clone();
        this.expected = firstSequence;
        this.lastSequence = firstSequence - 1;
        this.lastHash = previousHash;
    }

    /** Takes a signed checkpoint: its signature is checked now, its hash when its entry passes (or already passed last). */
    public void checkpoint(AuditCheckpoint cp) {
        if (finding != null) {
            return;
        }
        if (!cp.signatureValidUnder(publicKey)) {
            finding = new Finding(cp.sequence(), AuditProblem.BAD_CHECKPOINT_SIGNATURE);
            return;
        }
        if (latestCheckpoint == null || cp.sequence() >= latestCheckpoint.sequence()) {
            latestCheckpoint = cp;
        }
        if (cp.sequence() == lastSequence && lastHash != null && checked > 0) {
            if (!cp.hash().equals(lastHash)) {
                finding = new Finding(cp.sequence(), AuditProblem.CHECKPOINT_MISMATCH);
            }
        } else if (cp.sequence() > lastSequence) {
            pending.put(cp.sequence(), cp);
        }
    }

    /** Checks the next entry; returns false once a problem is found. */
    public boolean accept(AuditEntry e) {
        if (finding != null) {
            return false;
        }
        if (e.sequence() != expected) {
            finding = new Finding(Math.min(e.sequence(), expected),
                    e.sequence() > expected ? AuditProblem.DELETED : AuditProblem.OUT_OF_ORDER);
            return false;
        }
        if (lastHash != null && !e.previousHash().equals(lastHash)) {
            finding = e.previousHash().equals(secondLastHash)
                    ? new Finding(e.sequence() - 1, AuditProblem.INSERTED)
                    : new Finding(e.sequence(), AuditProblem.OUT_OF_ORDER);
            return false;
        }
        if (!e.computeHash().equals(e.hash())) {
            finding = new Finding(e.sequence(), AuditProblem.MODIFIED);
            return false;
        }
        AuditCheckpoint cp = pending.remove(e.sequence());
        if (cp != null && !cp.hash().equals(e.hash())) {
            finding = new Finding(e.sequence(), AuditProblem.CHECKPOINT_MISMATCH);
            return false;
        }
        secondLastHash = lastHash;
        lastHash = e.hash();
        lastSequence = e.sequence();
        expected = e.sequence() + 1;
        checked++;
        return true;
    }

    /** Ends the stream: a checkpoint beyond the last entry means the tail was cut off. */
    public @Nullable Finding finish() {
        if (finding == null && !pending.isEmpty()) {
            finding = new Finding(lastSequence + 1, AuditProblem.TRUNCATED);
        }
        return finding;
    }

    public @Nullable Finding finding() {
        return finding;
    }

    public long entriesChecked() {
        return checked;
    }

    public @Nullable AuditCheckpoint latestCheckpoint() {
        return latestCheckpoint;
    }

    /** Checkpoints still waiting for their entry (for callers that only want those in range). */
    Map<Long, AuditCheckpoint> pending() {
        return pending;
    }
}
