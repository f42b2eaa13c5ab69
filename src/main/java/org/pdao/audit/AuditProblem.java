package org.pdao.audit;

/** What kind of damage a verification found in the audit chain. */
public enum AuditProblem {
    /** An entry's content no longer matches its hash. */
    MODIFIED,
    /** A sequence number is missing: an entry was removed. */
    DELETED,
    /** An entry sits between two entries that were chained to each other: it was inserted. */
    INSERTED,
    /** An entry does not link to the one before it: entries were reordered or replaced. */
    OUT_OF_ORDER,
    /** The chain ends before the latest signed checkpoint: its tail was cut off. */
    TRUNCATED,
    /** An entry's hash differs from the one a signed checkpoint states for it. */
    CHECKPOINT_MISMATCH,
    /** A checkpoint's SM2 signature does not verify under the platform key. */
    BAD_CHECKPOINT_SIGNATURE
}
