package org.pdao.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.identity.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The identity module's user and role tables. */
@Repository
class UserAccounts {

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UserAccount u) {
        Instant now = Instant.now();
        jdbc.sql("""
                insert into identity_user (id, username, display_name, organization_id, password_hash,
                  password_changed_at, failed_attempts, locked_until, totp_secret, enabled, created_at)
                values (?, ?, ?, ?, ?, ?, 0, null, ?, ?, ?)""")
                .params(u.id(), u.username(), u.displayName(), u.organizationId(), u.passwordHash(),
                        Timestamp.from(now), u.sealedTotpSecret(), u.enabled(), Timestamp.from(now))
                .update();
        replaceRoles(u.id(), u.roles());
    }

    void replaceRoles(UUID userId, Set<Role> roles) {
        jdbc.sql("delete from identity_user_role where user_id = ?").param(userId).update();
        for (Role role : roles) {
            jdbc.sql("insert into identity_user_role (user_id, role) values (?, ?)").params(userId, role.name()).update();
        }
    }

    Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("select * from identity_user where username = ?").param(username).query(this::map).optional();
    }

    Optional<UserAccount> find(UUID id) {
        return jdbc.sql("select * from identity_user where id = ?").param(id).query(this::map).optional();
    }

    List<UserAccount> page(@Nullable UUID organizationId, int offset, int limit) {
        return jdbc.sql("""
                select * from identity_user where (cast(:org as uuid) is null or organization_id = :org)
                order by username offset :offset rows fetch next :limit rows only""")
                .param("org", organizationId).param("offset", offset).param("limit", limit)
                .query(this::map).list();
    }

    long count(@Nullable UUID organizationId) {
        return jdbc.sql("select count(*) from identity_user where (cast(:org as uuid) is null or organization_id = :org)")
                .param("org", organizationId).query(Long.class).single();
    }

    void recordFailure(UUID id, int failedAttempts, @Nullable Instant lockedUntil) {
        jdbc.sql("update identity_user set failed_attempts = ?, locked_until = ? where id = ?")
                .params(failedAttempts, lockedUntil == null ? null : Timestamp.from(lockedUntil), id).update();
    }

    void recordSuccess(UUID id, Instant at) {
        jdbc.sql("update identity_user set failed_attempts = 0, locked_until = null, last_login_at = ? where id = ?")
                .params(Timestamp.from(at), id).update();
    }

    void unlock(UUID id) {
        jdbc.sql("update identity_user set failed_attempts = 0, locked_until = null where id = ?").param(id).update();
    }

    void setEnabled(UUID id, boolean enabled) {
        jdbc.sql("update identity_user set enabled = ? where id = ?").params(enabled, id).update();
    }

    void setPassword(UUID id, String hash) {
        jdbc.sql("update identity_user set password_hash = ?, password_changed_at = ? where id = ?")
                .params(hash, Timestamp.from(Instant.now()), id).update();
    }

    void setTotpSecret(UUID id, @Nullable String sealed) {
        jdbc.sql("update identity_user set totp_secret = ? where id = ?").params(sealed, id).update();
    }

    List<UUID> idsOfOrganization(UUID organizationId) {
        return jdbc.sql("select id from identity_user where organization_id = ?").param(organizationId)
                .query(UUID.class).list();
    }

    private UserAccount map(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("select role from identity_user_role where user_id = ?").param(id).query(String.class).list()
                .forEach(r -> roles.add(Role.valueOf(r)));
        Timestamp locked = rs.getTimestamp("locked_until");
        Timestamp last = rs.getTimestamp("last_login_at");
        return new UserAccount(id, rs.getString("username"), rs.getString("display_name"),
                rs.getObject("organization_id", UUID.class), rs.getString("password_hash"), rs.getInt("failed_attempts"),
                locked == null ? null : locked.toInstant(), rs.getString("totp_secret"), rs.getBoolean("enabled"),
                last == null ? null : last.toInstant(), roles);
    }
}
