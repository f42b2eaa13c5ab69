package org.pdao.identity.internal;

import java.util.Locale;
import java.util.Set;
import org.pdao.shared.ProblemException;

/**
 * Password rules for MLPS level 3 accounts: at least 8 characters from at least three of upper
 * case, lower case, digits and symbols; not the user name; not a well-known password. The demo
 * password is accepted only in demo mode.
 */
final class PasswordPolicy {

    static final String DEMO_PASSWORD = "Demo#2026";
    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;
    private static final Set<String> WELL_KNOWN = Set.of("password", "password1", "p@ssw0rd", "12345678",
            "123456789", "qwerty123", "admin123", "admin@123", "abc12345", "passw0rd", "1qaz2wsx", "88888888");

    private PasswordPolicy() {}

    static void check(String username, String password, boolean demoMode) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("identity.password-length", MIN_LENGTH, MAX_LENGTH);
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3) {
            throw ProblemException.badRequest("identity.password-classes");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw ProblemException.badRequest("identity.password-contains-username");
        }
        if (WELL_KNOWN.contains(lower)) {
            throw ProblemException.badRequest("identity.password-well-known");
        }
        if (!demoMode && DEMO_PASSWORD.equals(password)) {
            throw ProblemException.badRequest("identity.password-demo-only");
        }
    }
}
