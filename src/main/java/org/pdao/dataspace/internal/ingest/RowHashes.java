package org.pdao.dataspace.internal.ingest;

import org.jspecify.annotations.Nullable;

/**
 * Counts duplicate rows while they stream past, so that a load need not scan its staged table again: every row's
 * 64-bit hash (over each value's bytes, a NULL distinct from the empty string) goes into an open-addressing set of
 * primitive longs. Two different rows collide with a chance of about n²/2^65 (below 1e-5 at 1e7 rows), the same
 * bound the store's own {@code hash()} gave. Memory: 8 bytes per slot, at most 4/3 slots per distinct row after
 * growth (about 130 MB at 1e7 distinct rows).
 */
final class RowHashes {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** Marks an empty slot; a row hashing to it is stored as {@link #ZERO_STAND_IN}. */
    private static final long EMPTY = 0L;
    private static final long ZERO_STAND_IN = 0x9e3779b97f4a7c15L;

    /** Hashes waiting to be inserted together (see {@link #flush}). */
    private static final int GROUP = 32;

    private long[] slots = new long[1 << 16];
    private int size;
    private long rows;
    private final long[] pending = new long[GROUP];
    private int pendingCount;
    /** Keeps the touches of {@link #flush} from being optimised away. */
    private long touched;

    /** Adds one row (its values as bytes, null for NULL). */
    void add(byte @Nullable [][] row) {
        long h = FNV_OFFSET;
        for (byte[] value : row) {
            if (value == null) {
                h = (h ^ 0xff) * FNV_PRIME;
                h = (h ^ 0xfe) * FNV_PRIME;
                continue;
            }
            for (byte b : value) {
                h = (h ^ (b & 0xff)) * FNV_PRIME;
            }
            // the value's end: a field boundary cannot move without changing the hash
            h = (h ^ 0xff) * FNV_PRIME;
            h = (h ^ 0x00) * FNV_PRIME;
        }
        rows++;
        pending[pendingCount++] = mix(h);
        if (pendingCount == GROUP) {
            flush();
        }
    }

    /** Rows added that repeat an earlier row. */
    long duplicates() {
        flush();
        return rows - size;
    }

    /**
     * Inserts the pending hashes. Their slots are read first, one after another: the reads do not depend on each
     * other, so the processor waits for the cache misses of a large table together rather than one insert at a time
     * (the set is far larger than the caches; a single insert was the reading thread's largest cost).
     */
    private void flush() {
        int mask = slots.length - 1;
        long sum = 0;
        for (int j = 0; j < pendingCount; j++) {
            long key = pending[j];
            sum += slots[(int) (key ^ (key >>> 32)) & mask];
        }
        touched += sum;
        for (int j = 0; j < pendingCount; j++) {
            insert(pending[j]);
        }
        pendingCount = 0;
    }

    private void insert(long h) {
        long key = h == EMPTY ? ZERO_STAND_IN : h;
        int mask = slots.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == key) {
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        if (++size * 4L > slots.length * 3L) {
            grow();
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long key : old) {
            if (key != EMPTY) {
                int i = (int) (key ^ (key >>> 32)) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = key;
            }
        }
    }

    /** MurmurHash3's 64-bit finaliser: spreads FNV's low bits over the whole word. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53ae2b3L;
        h ^= h >>> 33;
        return h;
    }
}
