package org.pdao.identity.internal;

import java.time.Instant;

/** The demo accounts' credentials for tests: the demo password and current TOTP codes. */
public final class DemoCredentials {

    public static final String PASSWORD = PasswordPolicy.DEMO_PASSWORD;

    private DemoCredentials() {}

    /** The current one-time code of a demo account, or an empty string for roles without one. */
    public static String otpFor(String username) {
        return DemoAccounts.USERS.stream().filter(u -> u.username().equals(username)).findFirst()
                .filter(u -> u.role().secondFactorRequired())
                .map(u -> Totp.codeAt(u.totpSecret(), Instant.now()))
                .orElse("");
    }

    public static String totpSecretOf(String username) {
        return DemoAccounts.USERS.stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow()
                .totpSecret();
    }
}
