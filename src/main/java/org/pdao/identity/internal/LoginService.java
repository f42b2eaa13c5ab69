package org.pdao.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.OrganizationStatus;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.MasterKey;
import org.pdao.shared.crypto.Sm3;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Password and second-factor login, lockout after repeated failures, and the opening, checking
 * and ending of bearer sessions. Every login, failed login and logout is audited.
 */
@Service
class LoginService {

    static final String TOTP_PURPOSE = "identity.totp";
    private static final SecureRandom RANDOM = new SecureRandom();

    record LoginResult(String token, Instant expiresAt, long idleTimeoutSeconds, UserAccount user) {}

    private final UserAccounts users;
    private final Organizations organizations;
    private final Sessions sessions;
    private final PasswordEncoder passwords;
    private final MasterKey masterKey;
    private final IdentitySettings settings;
    private final AuditTrail audit;
    private final Clock clock;
    private final String dummyHash;

    LoginService(UserAccounts users, Organizations organizations, Sessions sessions, PasswordEncoder passwords,
            MasterKey masterKey, IdentitySettings settings, AuditTrail audit, Clock clock) {
        this.users = users;
        this.organizations = organizations;
        this.sessions = sessions;
        this.passwords = passwords;
        this.masterKey = masterKey;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.dummyHash = passwords.encode("timing-equaliser-" + RANDOM.nextLong());
    }

    LoginResult login(String username, String password, @Nullable String otp, @Nullable String sourceAddress) {
        Instant now = clock.instant();
        Actor claimant = Actor.anonymous(username, sourceAddress);
        Optional<UserAccount> found = users.findByUsername(username);
        if (found.isEmpty()) {
            passwords.matches(password, dummyHash);
            refuse(claimant, "unknown user", "identity.bad-credentials", HttpStatus.UNAUTHORIZED);
        }
        UserAccount user = found.get();
        Actor actor = new Actor(user.id(), user.username(), user.organizationId(),
                user.roles().stream().map(Enum::name).toList(), sourceAddress);
        if (user.lockedAt(now)) {
            refuse(actor, "account locked", "identity.account-locked", HttpStatus.LOCKED);
        }
        if (!passwords.matches(password, user.passwordHash())) {
            int failures = user.failedAttempts() + 1;
            boolean lock = failures >= settings.maxFailedAttempts();
            users.recordFailure(user.id(), lock ? 0 : failures, lock ? now.plus(settings.lockout()) : null);
            audit.record(AuditEvent.of("identity.login", "user", user.id()).by(actor)
                    .refused(lock ? "wrong password; account locked" : "wrong password", null)
                    .with("failedAttempts", failures));
            throw new ProblemException(lock ? HttpStatus.LOCKED : HttpStatus.UNAUTHORIZED,
                    lock ? "identity.account-locked" : "identity.bad-credentials", null);
        }
        if (!settings.demoMode() && PasswordPolicy.DEMO_PASSWORD.equals(password)) {
            refuse(actor, "demo password outside demo mode", "identity.password-demo-only", HttpStatus.UNAUTHORIZED);
        }
        if (!user.enabled()) {
            refuse(actor, "account disabled", "identity.account-disabled", HttpStatus.FORBIDDEN);
        }
        if (organizations.find(user.organizationId()).map(o -> o.status() != OrganizationStatus.ACTIVE).orElse(true)) {
            refuse(actor, "organization suspended", "identity.organization-suspended", HttpStatus.FORBIDDEN);
        }
        if (user.secondFactorRequired()) {
            if (user.sealedTotpSecret() == null) {
                refuse(actor, "second factor not enrolled", "identity.otp-not-enrolled", HttpStatus.FORBIDDEN);
            }
            if (otp == null || otp.isBlank()) {
                refuse(actor, "second factor missing", "identity.otp-required", HttpStatus.UNAUTHORIZED);
            }
            String secret = new String(masterKey.open(TOTP_PURPOSE + ":" + user.id(), user.sealedTotpSecret()));
            if (!Totp.verify(secret, otp.trim(), now)) {
                int failures = user.failedAttempts() + 1;
                boolean lock = failures >= settings.maxFailedAttempts();
                users.recordFailure(user.id(), lock ? 0 : failures, lock ? now.plus(settings.lockout()) : null);
                refuse(actor, "wrong second factor", "identity.otp-invalid", HttpStatus.UNAUTHORIZED);
            }
        }
        users.recordSuccess(user.id(), now);
        String token = "pdao_" + randomToken();
        Instant expiresAt = now.plus(settings.sessionMaxAge());
        sessions.open(Sm3.hex(token), user.id(), now, expiresAt, sourceAddress);
        audit.record(AuditEvent.of("identity.login", "user", user.id()).by(actor));
        return new LoginResult(token, expiresAt, settings.idleTimeout().toSeconds(), user);
    }

    /** The account behind a live session, touching it; empty with a reason when the session has ended. */
    SessionCheck check(String token) {
        Instant now = clock.instant();
        String hash = Sm3.hex(token);
        Optional<Sessions.Session> found = sessions.find(hash);
        if (found.isEmpty()) {
            return SessionCheck.ended("identity.unauthenticated");
        }
        Sessions.Session session = found.get();
        if (session.revokedAt() != null) {
            return SessionCheck.ended("identity.session-revoked");
        }
        if (!now.isBefore(session.expiresAt())) {
            return SessionCheck.ended("identity.session-expired");
        }
        if (!now.isBefore(session.lastSeenAt().plus(settings.idleTimeout()))) {
            sessions.revoke(hash, "idle timeout");
            return SessionCheck.ended("identity.session-idle");
        }
        Optional<UserAccount> user = users.find(session.userId());
        if (user.isEmpty() || !user.get().enabled() || organizations.find(user.get().organizationId())
                .map(o -> o.status() != OrganizationStatus.ACTIVE).orElse(true)) {
            sessions.revoke(hash, "account or organization no longer active");
            return SessionCheck.ended("identity.session-revoked");
        }
        if (session.lastSeenAt().plusSeconds(5).isBefore(now)) {
            sessions.touch(hash, now);
        }
        return new SessionCheck(user.get(), null);
    }

    void logout(String token, Actor actor) {
        sessions.revoke(Sm3.hex(token), "logout");
        audit.record(AuditEvent.of("identity.logout", "user", actor.userId()).by(actor));
    }

    record SessionCheck(@Nullable UserAccount user, @Nullable String endedBecause) {
        static SessionCheck ended(String code) {
            return new SessionCheck(null, code);
        }
    }

    private void refuse(Actor actor, String why, String code, HttpStatus status) {
        audit.record(AuditEvent.of("identity.login", "user", actor.userId()).by(actor).refused(why, null));
        throw new ProblemException(status, code, null);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
