package org.pdao.shared;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Reads the current {@link Actor} from the security context. */
public final class Actors {

    private Actors() {}

    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            return Optional.of(actor);
        }
        return Optional.empty();
    }

    public static Actor currentOrSystem() {
        return current().orElseGet(Actor::system);
    }

    /**
     * Runs platform work (demo loading, scheduled jobs) as {@code actor}, so that what it records in
     * the audit log names who acted; restores the previous security context afterwards.
     */
    public static void runAs(Actor actor, Runnable work) {
        Authentication previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(
                new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(actor, null,
                        java.util.List.of()));
        try {
            work.run();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    /** The signed-in actor, or a 401 problem when nobody is signed in. */
    public static Actor required() {
        return current().orElseThrow(() -> new ProblemException(
                org.springframework.http.HttpStatus.UNAUTHORIZED, "identity.unauthenticated", null));
    }
}
