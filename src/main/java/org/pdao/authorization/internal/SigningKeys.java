package org.pdao.authorization.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.Sm2;
import org.pdao.shared.crypto.Sm3;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SM2 public keys organizations sign agreements with. An organization registers its key (hex of the
 * uncompressed point or an X.509 PEM); a new key retires the previous one. The private key never
 * reaches the platform.
 */
@Service
class SigningKeys {

    record SigningKey(UUID id, UUID organizationId, String publicKeyHex, String publicKeyPem, String fingerprint,
            String registeredBy, Instant registeredAt, @Nullable Instant retiredAt) {}

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    SigningKeys(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    SigningKey register(UUID organizationId, String publicKey, Actor actor) {
        byte[] key;
        try {
            key = Sm2.parsePublicKey(publicKey);
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("authorization.signing-key.invalid");
        }
        if (key.length != 65) {
            throw ProblemException.badRequest("authorization.signing-key.invalid");
        }
        String hex = Sm2.toHex(key);
        Optional<SigningKey> current = active(organizationId);
        if (current.isPresent() && current.get().publicKeyHex().equals(hex)) {
            return current.get();
        }
        Instant now = clock.instant();
        jdbc.sql("update authorization_signing_key set retired_at = ? where organization_id = ? and retired_at is null")
                .params(Timestamp.from(now), organizationId).update();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into authorization_signing_key (id, organization_id, public_key_hex, registered_by, registered_at)
                values (?, ?, ?, ?, ?)""")
                .params(id, organizationId, hex, actor.username(), Timestamp.from(now)).update();
        audit.record(AuditEvent.of("authorization.signing-key-register", "organization", organizationId).by(actor)
                .with("fingerprint", fingerprint(hex)));
        return new SigningKey(id, organizationId, hex, Sm2.toPem(key), fingerprint(hex), actor.username(), now, null);
    }

    Optional<SigningKey> active(UUID organizationId) {
        return jdbc.sql("select * from authorization_signing_key where organization_id = ? and retired_at is null")
                .param(organizationId).query(SigningKeys::row).optional();
    }

    List<SigningKey> history(UUID organizationId) {
        return jdbc.sql("select * from authorization_signing_key where organization_id = ? order by registered_at desc")
                .param(organizationId).query(SigningKeys::row).list();
    }

    static String fingerprint(String publicKeyHex) {
        return Sm3.hex(publicKeyHex).substring(0, 16);
    }

    private static SigningKey row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String hex = rs.getString("public_key_hex");
        Timestamp retired = rs.getTimestamp("retired_at");
        return new SigningKey(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class), hex,
                Sm2.toPem(org.bouncycastle.util.encoders.Hex.decode(hex)), fingerprint(hex),
                rs.getString("registered_by"), rs.getTimestamp("registered_at").toInstant(),
                retired == null ? null : retired.toInstant());
    }
}
