package org.pdao.authorization.internal;

import org.pdao.shared.Actor;
import org.springframework.stereotype.Component;

/** Who may download a material: decided by the lifecycle that owns it. */
@Component
class MaterialAccess {

    private final DeveloperOnboarding onboarding;

    MaterialAccess(DeveloperOnboarding onboarding) {
        this.onboarding = onboarding;
    }

    boolean mayDownload(Materials.Material m, Actor actor) {
        return switch (m.ownerType()) {
            case DeveloperOnboarding.SUBJECT -> onboarding.mayDownload(m.ownerId(), actor);
            default -> false;
        };
    }
}
