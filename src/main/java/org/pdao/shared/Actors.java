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

    /** The signed-in actor, or a 401 problem when nobody is signed in. */
    public static Actor required() {
        return current().orElseThrow(() -> new ProblemException(
                org.springframework.http.HttpStatus.UNAUTHORIZED, "identity.unauthenticated", null));
    }
}
