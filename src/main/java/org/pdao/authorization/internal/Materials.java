package org.pdao.authorization.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.MasterKey;
import org.pdao.shared.crypto.Sm3;
import org.pdao.shared.crypto.Sm4;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;

/**
 * Application materials: type checked by content, size limited, encrypted at rest with SM4 under a
 * per-file key sealed by the master key, with the SM3 digest of the plaintext checked on every download.
 * Who may download is decided by the owner (an onboarding application, a selection application).
 */
@Service
class Materials {

    record Material(UUID id, String ownerType, UUID ownerId, String kind, String fileName, String contentType,
            long sizeBytes, String contentSm3, UUID uploaderOrgId, String uploadedBy, Instant uploadedAt) {}

    record Download(Material material, byte[] content) {}

    private final JdbcClient jdbc;
    private final MasterKey masterKey;
    private final AuditTrail audit;
    private final Clock clock;
    private final long maxBytes;

    Materials(JdbcClient jdbc, MasterKey masterKey, AuditTrail audit, Clock clock,
            @Value("${pdao.authorization.material-max-size:20MB}") DataSize maxSize) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = maxSize.toBytes();
    }

    Material store(String ownerType, UUID ownerId, String kind, String fileName, byte[] content, Actor actor) {
        if (content.length == 0) {
            throw ProblemException.badRequest("authorization.material.empty");
        }
        if (content.length > maxBytes) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "authorization.material.too-large", null,
                    maxBytes / (1024 * 1024));
        }
        String type = ContentSniffer.sniff(content).orElseThrow(() -> new ProblemException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "authorization.material.type-refused", null));
        UUID id = UUID.randomUUID();
        byte[] key = Sm4.newKey();
        byte[] sealed = Sm4.encrypt(key, content, aad(id));
        String digest = Sm3.hex(content);
        String name = cleanName(fileName);
        Instant now = clock.instant();
        jdbc.sql("""
                insert into authorization_material (id, owner_type, owner_id, kind, file_name, content_type, size_bytes,
                    content_sm3, sealed_key, content, uploader_org_id, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, ownerType, ownerId, kind, name, type, (long) content.length, digest,
                        masterKey.seal(purpose(id), key), sealed, actor.organizationId(), actor.username(),
                        Timestamp.from(now))
                .update();
        audit.record(AuditEvent.of("authorization.material-upload", ownerType, ownerId).by(actor)
                .with("material", id).with("kind", kind).with("type", type).with("size", content.length)
                .with("sm3", digest));
        return new Material(id, ownerType, ownerId, kind, name, type, content.length, digest,
                java.util.Objects.requireNonNull(actor.organizationId()), actor.username(), now);
    }

    Optional<Material> find(UUID id) {
        return jdbc.sql("select * from authorization_material where id = ?").param(id).query(Materials::row).optional();
    }

    List<Material> of(String ownerType, UUID ownerId) {
        return jdbc.sql("select * from authorization_material where owner_type = ? and owner_id = ? order by uploaded_at, kind")
                .params(ownerType, ownerId).query(Materials::row).list();
    }

    /** Decrypts a material the caller is entitled to; refuses one whose digest no longer matches. */
    Download open(Material m, Actor actor) {
        var row = jdbc.sql("select sealed_key, content from authorization_material where id = ?").param(m.id())
                .query((rs, n) -> new Object[] {rs.getString("sealed_key"), rs.getBytes("content")}).single();
        byte[] key = masterKey.open(purpose(m.id()), (String) row[0]);
        byte[] plain;
        try {
            plain = Sm4.decrypt(key, (byte[]) row[1], aad(m.id()));
        } catch (RuntimeException e) {
            throw new ProblemException(HttpStatus.CONFLICT, "authorization.material.corrupt", null);
        }
        if (!Sm3.hex(plain).equals(m.contentSm3())) {
            throw new ProblemException(HttpStatus.CONFLICT, "authorization.material.corrupt", null);
        }
        audit.record(AuditEvent.of("authorization.material-download", m.ownerType(), m.ownerId()).by(actor)
                .with("material", m.id()).with("kind", m.kind()));
        return new Download(m, plain);
    }

    private static String cleanName(String fileName) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (base.isEmpty()) {
            base = "material";
        }
        return base.length() > 200 ? base.substring(base.length() - 200) : base;
    }

    private static String purpose(UUID id) {
        return "authorization.material:" + id;
    }

    private static byte[] aad(UUID id) {
        return id.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Material row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Material(rs.getObject("id", UUID.class), rs.getString("owner_type"),
                rs.getObject("owner_id", UUID.class), rs.getString("kind"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("content_sm3"),
                rs.getObject("uploader_org_id", UUID.class), rs.getString("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant());
    }
}
