package org.pdao.dataspace.internal.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A small summary of who contributes how many rows to one released cell, for the release ledger: the persons are
 * spread over {@link #BUCKETS} buckets by a hash of their (pseudonymised) key, and each bucket holds the sum, over
 * the cell's rows, of a second hash of the row's person (so {@code Σ n_p · h(p)} over the bucket's persons; the low
 * 64 bits are kept).
 *
 * <p>A bucket of two cells can differ only if at least one of its persons contributes differently to them (is in one
 * and not the other, or has another number of rows), and each person lies in one bucket: the number of differing
 * buckets is therefore never more than the number of persons who contribute differently. When it reaches k, the two
 * cells differ by at least k persons and isolate nobody, and the ledger skips the exact person-by-person comparison
 * that would re-read both populations. Between 1 and k-1 differing buckets prove nothing (persons share buckets): the
 * exact comparison runs as before.
 *
 * <p>Equal sketches (and equal person counts) are taken as the same contributions, D = 0, which isolates nobody: two
 * different contributions give equal sketches only if, in every bucket where persons differ, their row-count changes
 * weighted by their 64-bit hashes cancel modulo 2^64 — about 2^-64 by chance, and not to be arranged by an analyst,
 * who never sees the pseudonyms the hashes are taken of. This saves the comparisons of a question asked again in
 * other words (the same grouping in another order, a condition that removes nothing).
 */
record ContributionSketch(long[] buckets) {

    static final int BUCKETS = 64;

    ContributionSketch {
        if (buckets.length != BUCKETS) {
            throw new IllegalArgumentException("a sketch has " + BUCKETS + " buckets");
        }
        buckets = buckets.clone();
    }

    /** The SQL that sketches every cell of a population statement (columns __pdao_g0…, __pdao_pk): keys, bucket, sum. */
    static String sql(String populationSql, int groupKeys) {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < groupKeys; i++) {
            keys.append("__pdao_g").append(i).append(", ");
        }
        return "select " + keys + "hash(__pdao_pk) % " + BUCKETS + " as __pdao_b, "
                + "sum(hash(__pdao_pk, 'pdao-sketch')) as __pdao_s from ("
                + populationSql + ") __pdao_pop group by all";
    }

    /**
     * The sketches of a level's cells from the rows of {@link #sql} (keys, bucket, sum), by their keys as the
     * executor writes them ({@code text}); the sums' low 64 bits.
     */
    static Map<List<@Nullable String>, ContributionSketch> byKeys(List<List<Object>> rows, int groupKeys,
            Function<@Nullable Object, @Nullable String> text) {
        Map<List<@Nullable String>, long[]> buckets = new HashMap<>();
        for (List<Object> row : rows) {
            List<@Nullable String> keys = new ArrayList<>();
            for (int i = 0; i < groupKeys; i++) {
                keys.add(text.apply(row.get(i)));
            }
            int bucket = ((Number) row.get(groupKeys)).intValue();
            Object sum = row.get(groupKeys + 1);
            long low = sum instanceof BigInteger big ? big.longValue()
                    : sum instanceof BigDecimal dec ? dec.toBigInteger().longValue() : ((Number) sum).longValue();
            buckets.computeIfAbsent(keys, x -> new long[BUCKETS])[bucket] = low;
        }
        Map<List<@Nullable String>, ContributionSketch> out = new HashMap<>();
        buckets.forEach((keys, b) -> out.put(keys, new ContributionSketch(b)));
        return out;
    }

    /** How many buckets differ: a lower bound of the persons who contribute differently to the two cells. */
    int differingBuckets(ContributionSketch other) {
        int n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (buckets[i] != other.buckets[i]) {
                n++;
            }
        }
        return n;
    }

    String encoded() {
        ByteBuffer bytes = ByteBuffer.allocate(BUCKETS * Long.BYTES);
        for (long b : buckets) {
            bytes.putLong(b);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static @Nullable ContributionSketch decode(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        byte[] raw = Base64.getDecoder().decode(text);
        if (raw.length != BUCKETS * Long.BYTES) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw);
        long[] buckets = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] = bytes.getLong();
        }
        return new ContributionSketch(buckets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContributionSketch other && Arrays.equals(buckets, other.buckets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(buckets);
    }

    @Override
    public String toString() {
        return "ContributionSketch" + Arrays.toString(buckets);
    }
}
