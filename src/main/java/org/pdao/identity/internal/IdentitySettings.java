package org.pdao.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Account security settings (not regulation numbers, which live in jurisdiction profiles).
 *
 * @param maxFailedAttempts consecutive failed logins before the account locks
 * @param lockout how long a locked account stays locked
 * @param idleTimeout a session unused this long ends
 * @param sessionMaxAge a session ends this long after login whatever its use
 * @param demoMode whether this deployment is a demo, the only mode that accepts the demo password
 */
@ConfigurationProperties("pdao.identity")
record IdentitySettings(Integer maxFailedAttempts, Duration lockout, Duration idleTimeout, Duration sessionMaxAge,
        Boolean demoMode) {

    IdentitySettings {
        maxFailedAttempts = maxFailedAttempts == null ? 5 : maxFailedAttempts;
        lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        sessionMaxAge = sessionMaxAge == null ? Duration.ofHours(12) : sessionMaxAge;
        demoMode = demoMode != null && demoMode;
    }
}
