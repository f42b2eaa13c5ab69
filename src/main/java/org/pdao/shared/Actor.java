package org.pdao.shared;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who acts: the signed-in user with the organization and roles it acts for. The identity module
 * puts an {@code Actor} into the security context; other modules read it through {@link Actors}.
 */
public record Actor(
        @Nullable UUID userId,
        String username,
        @Nullable UUID organizationId,
        List<String> roles,
        @Nullable String sourceAddress) {

    public Actor {
        roles = List.copyOf(roles);
    }

    /** The platform itself, for scheduled work and migrations. */
    public static Actor system() {
        return new Actor(null, "system", null, List.of("SYSTEM"), null);
    }

    /** Someone not signed in yet (a login attempt), known only by the name they typed. */
    public static Actor anonymous(String claimedName, @Nullable String sourceAddress) {
        return new Actor(null, claimedName, null, List.of(), sourceAddress);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public String primaryRole() {
        return roles.isEmpty() ? "" : roles.get(0);
    }
}
