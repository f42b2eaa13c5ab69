package org.pdao.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;

/**
 * One thing to record: who ({@link Actor}), what ({@code action} on {@code targetType}/{@code targetId}),
 * the outcome, the reason and the rule applied, and details (never data values of the trusted space).
 * Actions are dotted lower-case names owned by the writing module, e.g. {@code identity.login}.
 */
public record AuditEvent(
        Actor actor,
        String action,
        String targetType,
        @Nullable String targetId,
        AuditOutcome outcome,
        @Nullable String reason,
        @Nullable String ruleId,
        Map<String, String> details) {

    public AuditEvent {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("action is required");
        }
        details = Map.copyOf(details);
    }

    /** A successful action by the current actor (or the platform when nobody is signed in). */
    public static AuditEvent of(String action, String targetType, @Nullable Object targetId) {
        return new AuditEvent(Actors.currentOrSystem(), action, targetType,
                targetId == null ? null : targetId.toString(), AuditOutcome.SUCCESS, null, null, Map.of());
    }

    public AuditEvent by(Actor who) {
        return new AuditEvent(who, action, targetType, targetId, outcome, reason, ruleId, details);
    }

    public AuditEvent refused(String why, @Nullable String rule) {
        return new AuditEvent(actor, action, targetType, targetId, AuditOutcome.REFUSED, why, rule, details);
    }

    public AuditEvent failed(String why) {
        return new AuditEvent(actor, action, targetType, targetId, AuditOutcome.FAILED, why, ruleId, details);
    }

    public AuditEvent because(String why) {
        return new AuditEvent(actor, action, targetType, targetId, outcome, why, ruleId, details);
    }

    public AuditEvent underRule(String rule) {
        return new AuditEvent(actor, action, targetType, targetId, outcome, reason, rule, details);
    }

    public AuditEvent with(String key, @Nullable Object value) {
        Map<String, String> copy = new LinkedHashMap<>(details);
        copy.put(key, String.valueOf(value));
        return new AuditEvent(actor, action, targetType, targetId, outcome, reason, ruleId, copy);
    }
}
