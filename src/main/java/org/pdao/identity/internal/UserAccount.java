package org.pdao.identity.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.identity.Role;

/** A user account as stored; the password hash and sealed TOTP secret never leave this module. */
record UserAccount(
        UUID id,
        String username,
        String displayName,
        UUID organizationId,
        String passwordHash,
        int failedAttempts,
        @Nullable Instant lockedUntil,
        @Nullable String sealedTotpSecret,
        boolean enabled,
        @Nullable Instant lastLoginAt,
        Set<Role> roles) {

    UserAccount {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    boolean secondFactorRequired() {
        return roles.stream().anyMatch(Role::secondFactorRequired);
    }
}
