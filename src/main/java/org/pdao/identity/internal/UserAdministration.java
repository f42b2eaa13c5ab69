package org.pdao.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.Role;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.MasterKey;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creation, roles under separation of duties, unlock, disable, second-factor enrolment. */
@Service
class UserAdministration {

    /** A new account and, for roles that need one, its TOTP secret, shown once. */
    record Created(UserAccount account, @Nullable String totpSecret, @Nullable String totpUri) {}

    private final UserAccounts users;
    private final Organizations organizations;
    private final Sessions sessions;
    private final PasswordEncoder passwords;
    private final MasterKey masterKey;
    private final IdentitySettings settings;
    private final AuditTrail audit;

    UserAdministration(UserAccounts users, Organizations organizations, Sessions sessions, PasswordEncoder passwords,
            MasterKey masterKey, IdentitySettings settings, AuditTrail audit) {
        this.users = users;
        this.organizations = organizations;
        this.sessions = sessions;
        this.passwords = passwords;
        this.masterKey = masterKey;
        this.settings = settings;
        this.audit = audit;
    }

    @Transactional
    Created create(String username, String displayName, UUID organizationId, Set<Role> roles, String password,
            @Nullable String fixedTotpSecret) {
        if (!username.matches("[a-z][a-z0-9._-]{2,63}")) {
            throw ProblemException.badRequest("identity.username-format");
        }
        if (users.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("identity.username-taken", username);
        }
        OrganizationSummary organization = organizations.find(organizationId)
                .orElseThrow(() -> ProblemException.notFound("organization", organizationId));
        SeparationOfDuties.check(roles, organization.type());
        PasswordPolicy.check(username, password, settings.demoMode());
        UUID id = UUID.randomUUID();
        boolean needsTotp = roles.stream().anyMatch(Role::secondFactorRequired);
        String secret = needsTotp ? (fixedTotpSecret != null ? fixedTotpSecret : Totp.newSecret()) : null;
        String sealed = secret == null ? null
                : masterKey.seal(LoginService.TOTP_PURPOSE + ":" + id, secret.getBytes(StandardCharsets.US_ASCII));
        UserAccount account = new UserAccount(id, username, displayName, organizationId, passwords.encode(password), 0,
                null, sealed, true, null, roles);
        users.insert(account);
        audit.record(AuditEvent.of("identity.user-created", "user", id).with("username", username)
                .with("roles", roles).with("organization", organizationId));
        return new Created(account, secret, secret == null ? null : Totp.provisioningUri("PDAO", username, secret));
    }

    @Transactional
    UserAccount assignRoles(UUID userId, Set<Role> roles) {
        UserAccount user = account(userId);
        OrganizationSummary organization = organizations.find(user.organizationId())
                .orElseThrow(() -> ProblemException.notFound("organization", user.organizationId()));
        try {
            SeparationOfDuties.check(roles, organization.type());
        } catch (ProblemException refused) {
            audit.record(AuditEvent.of("identity.roles-assigned", "user", userId).with("roles", roles)
                    .refused(refused.code(), refused.rule() == null ? null : refused.rule().id()));
            throw refused;
        }
        users.replaceRoles(userId, EnumSet.copyOf(roles));
        sessions.revokeAllOf(userId, "roles changed");
        audit.record(AuditEvent.of("identity.roles-assigned", "user", userId).with("from", user.roles())
                .with("roles", roles));
        return account(userId);
    }

    @Transactional
    void unlock(UUID userId) {
        account(userId);
        users.unlock(userId);
        audit.record(AuditEvent.of("identity.user-unlocked", "user", userId));
    }

    @Transactional
    void setEnabled(UUID userId, boolean enabled, String reason) {
        account(userId);
        users.setEnabled(userId, enabled);
        if (!enabled) {
            sessions.revokeAllOf(userId, "account disabled");
        }
        audit.record(AuditEvent.of(enabled ? "identity.user-enabled" : "identity.user-disabled", "user", userId)
                .because(reason));
    }

    @Transactional
    Created resetSecondFactor(UUID userId) {
        UserAccount user = account(userId);
        String secret = Totp.newSecret();
        users.setTotpSecret(userId,
                masterKey.seal(LoginService.TOTP_PURPOSE + ":" + userId, secret.getBytes(StandardCharsets.US_ASCII)));
        sessions.revokeAllOf(userId, "second factor reset");
        audit.record(AuditEvent.of("identity.totp-reset", "user", userId));
        return new Created(account(userId), secret, Totp.provisioningUri("PDAO", user.username(), secret));
    }

    @Transactional
    void changeOwnPassword(Actor actor, String current, String next) {
        UserAccount user = account(actor.userId());
        if (!passwords.matches(current, user.passwordHash())) {
            audit.record(AuditEvent.of("identity.password-changed", "user", user.id()).refused("wrong current password", null));
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "identity.bad-credentials", null);
        }
        PasswordPolicy.check(user.username(), next, settings.demoMode());
        if (passwords.matches(next, user.passwordHash())) {
            throw ProblemException.badRequest("identity.password-reused");
        }
        users.setPassword(user.id(), passwords.encode(next));
        audit.record(AuditEvent.of("identity.password-changed", "user", user.id()));
    }

    UserAccount account(@Nullable UUID userId) {
        if (userId == null) {
            throw ProblemException.notFound("user", "-");
        }
        return users.find(userId).orElseThrow(() -> ProblemException.notFound("user", userId));
    }
}
