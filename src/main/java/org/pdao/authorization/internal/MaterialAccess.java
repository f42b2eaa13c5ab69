package org.pdao.authorization.internal;

import org.pdao.shared.Actor;
import org.springframework.stereotype.Component;

/** Who may download a material: decided by the lifecycle that owns it. */
@Component
class MaterialAccess {

    private final DeveloperOnboarding onboarding;
    private final OperatorSelection selection;

    MaterialAccess(DeveloperOnboarding onboarding, OperatorSelection selection) {
        this.onboarding = onboarding;
        this.selection = selection;
    }

    boolean mayDownload(Materials.Material m, Actor actor) {
        return switch (m.ownerType()) {
            case DeveloperOnboarding.SUBJECT -> onboarding.mayDownload(m.ownerId(), actor);
            case OperatorSelection.APPLICATION -> selection.mayDownload(m.ownerId(), actor);
            default -> false;
        };
    }
}
