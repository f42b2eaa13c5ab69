package org.pdao.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    /** The action took effect. */
    SUCCESS,
    /** The platform refused it: a rule, a permission or a bad input. */
    REFUSED,
    /** It was attempted and failed midway; nothing changed. */
    FAILED
}
