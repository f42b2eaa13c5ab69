package org.pdao.authorization.internal;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an amendment (补充协议 / 变更) of an agreement in force: drafted by the grantor as the next
 * version, signed again by both parties with SM2 (the first signature makes it partially signed, the second
 * adopts it: the agreement then reads as the new version, the previous one kept), or cancelled before
 * adoption. The agreement stays in force under its current version meanwhile. The allowed transitions are
 * here and nowhere else.
 */
public enum AmendmentState {
    DRAFT, PARTIALLY_SIGNED, ADOPTED, CANCELLED;

    private static final Map<AmendmentState, Set<AmendmentState>> ALLOWED = new EnumMap<>(AmendmentState.class);

    static {
        ALLOWED.put(DRAFT, EnumSet.of(PARTIALLY_SIGNED, CANCELLED));
        ALLOWED.put(PARTIALLY_SIGNED, EnumSet.of(ADOPTED, CANCELLED));
        ALLOWED.put(ADOPTED, EnumSet.noneOf(AmendmentState.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(AmendmentState.class));
    }

    public boolean canMoveTo(AmendmentState target) {
        return ALLOWED.get(this).contains(target);
    }

    public boolean isFinal() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Guarded: the target, or {@link IllegalTransition}. */
    AmendmentState next(AmendmentState target) {
        if (!canMoveTo(target)) {
            throw new IllegalTransition(name(), target.name());
        }
        return target;
    }
}
