package org.pdao.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.crypto.Sm3;

/**
 * One stored entry of the audit chain. {@link #canonicalBytes()} is the documented encoding
 * (docs/audit.md) that {@link #computeHash()} digests with SM3: the tag {@code PDAO-AUDIT-ENTRY/1},
 * the sequence (8 bytes big-endian), the time (microseconds since the epoch, 8 bytes), then each
 * text field as a 4-byte length and its UTF-8 bytes (length {@code -1} for none), the roles and the
 * details (sorted by key) each preceded by their count, and finally the 32 bytes of the previous hash.
 */
public record AuditEntry(
        long sequence,
        Instant occurredAt,
        @Nullable UUID actorUserId,
        String actorName,
        @Nullable UUID actorOrganizationId,
        List<String> actorRoles,
        @Nullable String sourceAddress,
        String action,
        String targetType,
        @Nullable String targetId,
        AuditOutcome outcome,
        @Nullable String reason,
        @Nullable String ruleId,
        SortedMap<String, String> details,
        String previousHash,
        String hash) {

    /** The hash that precedes the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final byte[] TAG = "PDAO-AUDIT-ENTRY/1".getBytes(StandardCharsets.US_ASCII);

    public AuditEntry {
        actorRoles = List.copyOf(actorRoles);
        details = details instanceof TreeMap<String, String> t && t.comparator() == null ? t : new TreeMap<>(details);
    }

    /** Builds a chained entry: computes its hash from its fields and the previous hash. */
    public static AuditEntry chain(long sequence, Instant at, AuditEvent event, String previousHash) {
        AuditEntry unsealed = new AuditEntry(sequence, at, event.actor().userId(), event.actor().username(),
                event.actor().organizationId(), event.actor().roles(), event.actor().sourceAddress(), event.action(),
                event.targetType(), event.targetId(), event.outcome(), event.reason(), event.ruleId(),
                new TreeMap<>(event.details()), previousHash, "");
        return unsealed.withHash(unsealed.computeHash());
    }

    public AuditEntry withHash(String newHash) {
        return new AuditEntry(sequence, occurredAt, actorUserId, actorName, actorOrganizationId, actorRoles,
                sourceAddress, action, targetType, targetId, outcome, reason, ruleId, details, previousHash, newHash);
    }

    /** SM3 over {@link #canonicalBytes()}, lower-case hex. */
    public String computeHash() {
        SM3Digest digest = new SM3Digest();
        encode(new Out() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void writeBytes(byte[] b) {
                digest.update(b, 0, b.length);
            }
        });
        byte[] hash = new byte[Sm3.DIGEST_LENGTH];
        digest.doFinal(hash, 0);
        return Hex.toHexString(hash);
    }

    public byte[] canonicalBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        encode(new Out() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void writeBytes(byte[] b) {
                bytes.writeBytes(b);
            }
        });
        return bytes.toByteArray();
    }

    /** Where the canonical bytes go: a buffer or straight into the digest. */
    private interface Out {
        void write(int b);

        void writeBytes(byte[] b);
    }

    private void encode(Out out) {
        out.writeBytes(TAG);
        writeLong(out, sequence);
        writeLong(out, occurredAt.getEpochSecond() * 1_000_000L + occurredAt.getNano() / 1_000);
        writeText(out, actorUserId == null ? null : actorUserId.toString());
        writeText(out, actorName);
        writeText(out, actorOrganizationId == null ? null : actorOrganizationId.toString());
        writeInt(out, actorRoles.size());
        actorRoles.forEach(r -> writeText(out, r));
        writeText(out, sourceAddress);
        writeText(out, action);
        writeText(out, targetType);
        writeText(out, targetId);
        writeText(out, outcome.name());
        writeText(out, reason);
        writeText(out, ruleId);
        writeInt(out, details.size());
        for (Map.Entry<String, String> d : details.entrySet()) {
            writeText(out, d.getKey());
            writeText(out, d.getValue());
        }
        out.writeBytes(Hex.decode(previousHash));
    }

    private static void writeText(Out out, @Nullable String text) {
        if (text == null) {
            writeInt(out, -1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(Out out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeLong(Out out, long v) {
        writeInt(out, (int) (v >>> 32));
        writeInt(out, (int) v);
    }
}
