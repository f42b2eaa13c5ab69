package org.pdao.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Bearer sessions. Only the SM3 hash of a token is stored, so a copy of the table cannot be used
 * to sign in. A session ends when revoked, when idle too long, or at its maximum age.
 */
@Repository
class Sessions {

    record Session(String tokenHash, UUID userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
            @Nullable Instant revokedAt) {}

    private final JdbcClient jdbc;

    Sessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void open(String tokenHash, UUID userId, Instant now, Instant expiresAt, @Nullable String sourceAddress) {
        jdbc.sql("""
                insert into identity_session (token_hash, user_id, created_at, last_seen_at, expires_at, source_address)
                values (?, ?, ?, ?, ?, ?)""")
                .params(tokenHash, userId, Timestamp.from(now), Timestamp.from(now), Timestamp.from(expiresAt),
                        sourceAddress)
                .update();
    }

    Optional<Session> find(String tokenHash) {
        return jdbc.sql("select * from identity_session where token_hash = ?").param(tokenHash)
                .query((rs, n) -> {
                    Timestamp revoked = rs.getTimestamp("revoked_at");
                    return new Session(rs.getString("token_hash"), rs.getObject("user_id", UUID.class),
                            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant(),
                            rs.getTimestamp("expires_at").toInstant(), revoked == null ? null : revoked.toInstant());
                })
                .optional();
    }

    void touch(String tokenHash, Instant now) {
        jdbc.sql("update identity_session set last_seen_at = ? where token_hash = ?")
                .params(Timestamp.from(now), tokenHash).update();
    }

    void revoke(String tokenHash, String reason) {
        jdbc.sql("update identity_session set revoked_at = ?, revoked_reason = ? where token_hash = ? and revoked_at is null")
                .params(Timestamp.from(Instant.now()), reason, tokenHash).update();
    }

    int revokeAllOf(UUID userId, String reason) {
        return jdbc.sql("update identity_session set revoked_at = ?, revoked_reason = ? where user_id = ? and revoked_at is null")
                .params(Timestamp.from(Instant.now()), reason, userId).update();
    }
}
