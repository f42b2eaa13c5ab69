package org.pdao.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.bouncycastle.util.encoders.Hex;
import org.pdao.shared.crypto.Sm2;

/**
 * A signed statement of the chain head: entry {@code sequence} has hash {@code hash}, signed at
 * {@code signedAt} with the platform's SM2 key. The signed bytes are {@link #signedBytes}.
 */
public record AuditCheckpoint(long sequence, String hash, Instant signedAt, String signature) {

    private static final byte[] TAG = "PDAO-AUDIT-CHECKPOINT/1".getBytes(StandardCharsets.US_ASCII);

    /** Tag, sequence (8 bytes), time in microseconds (8 bytes), the 32 hash bytes. */
    public static byte[] signedBytes(long sequence, String hash, Instant signedAt) {
        return ByteBuffer.allocate(TAG.length + 16 + 32).put(TAG).putLong(sequence)
                .putLong(signedAt.getEpochSecond() * 1_000_000L + signedAt.getNano() / 1_000)
                .put(Hex.decode(hash)).array();
    }

    public boolean signatureValidUnder(byte[] publicKey) {
        try {
            return Sm2.verify(publicKey, signedBytes(sequence, hash, signedAt), Hex.decode(signature));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
