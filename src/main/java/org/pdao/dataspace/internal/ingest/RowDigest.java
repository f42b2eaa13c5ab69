package org.pdao.dataspace.internal.ingest;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.jspecify.annotations.Nullable;

/**
 * The SM3 content digest of a row stream that has no bytes of its own (a table read over JDBC). Each
 * row is encoded canonically (every value as UTF-8 behind a length prefix, NULL distinct from the empty
 * string) and hashed with SM3; the row hashes are added modulo 2^256, so the digest does not depend on
 * the order in which the database returns the rows; the header, the row count and that sum are
 * hashed once more. The same rows give the same digest, whatever their order.
 */
public final class RowDigest {

    private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

    private final SM3Digest row = new SM3Digest();
    private final byte[] hash = new byte[32];
    private byte[] buffer = new byte[256];
    private final long[] sum = new long[4];
    private final List<String> columns;
    private long rows;

    public RowDigest(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row given as text (encoded as UTF-8, as {@link #accept(byte[][])} expects). */
    public void accept(@Nullable String[] values) {
        byte[][] utf8 = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            utf8[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
        }
        accept(utf8);
    }

    /**
     * Adds a row given as the UTF-8 bytes of its values (null for NULL). Each value is prefixed by one byte — 0 for
     * NULL, else its length plus one when under 255, else 255 and four bytes of length — and the row is hashed in one
     * update, so that a row of ordinary width (up to 55 bytes with its prefixes) costs one SM3 block.
     */
    public void accept(byte[][] values) {
        int size = 0;
        for (byte[] bytes : values) {
            size += bytes == null ? 1 : bytes.length < 254 ? 1 + bytes.length : 5 + bytes.length;
        }
        if (buffer.length < size) {
            buffer = new byte[Math.max(size, buffer.length * 2)];
        }
        int at = 0;
        for (byte[] bytes : values) {
            if (bytes == null) {
                buffer[at++] = 0;
            } else {
                int n = bytes.length;
                if (n < 254) {
                    buffer[at++] = (byte) (n + 1);
                } else {
                    buffer[at++] = (byte) 255;
                    buffer[at++] = (byte) (n >>> 24);
                    buffer[at++] = (byte) (n >>> 16);
                    buffer[at++] = (byte) (n >>> 8);
                    buffer[at++] = (byte) n;
                }
                System.arraycopy(bytes, 0, buffer, at, n);
                at += n;
            }
        }
        row.update(buffer, 0, at);
        row.doFinal(hash, 0);
        add();
        rows++;
    }

    /** The digest, hex. */
    public String hex() {
        SM3Digest total = new SM3Digest();
        byte[] tag = ("pdao-rows-v2\n" + String.join(",", columns) + "\n" + rows + "\n").getBytes(StandardCharsets.UTF_8);
        total.update(tag, 0, tag.length);
        BigInteger value = BigInteger.ZERO;
        for (int i = 3; i >= 0; i--) {
            value = value.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(sum[i])));
        }
        byte[] bytes = value.mod(MODULUS).add(MODULUS).toByteArray();
        total.update(bytes, 0, bytes.length);
        byte[] out = new byte[32];
        total.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    /** sum += hash, as a little-endian array of four 64-bit limbs. */
    private void add() {
        long carry = 0;
        for (int limb = 0; limb < 4; limb++) {
            long word = 0;
            for (int b = 0; b < 8; b++) {
                word = (word << 8) | (hash[24 - limb * 8 + b] & 0xff);
            }
            long before = sum[limb];
            long result = before + word + carry;
            carry = (Long.compareUnsigned(result, before) < 0 || (carry == 1 && result == before)) ? 1 : 0;
            sum[limb] = result;
        }
    }
}
