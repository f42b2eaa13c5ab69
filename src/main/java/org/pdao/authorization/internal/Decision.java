package org.pdao.authorization.internal;

import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;

/** What a regulation check answers: allowed, or refused under a rule with a message code. */
sealed interface Decision {

    record Allowed() implements Decision {}

    record Refused(RuleRef rule, String code, Object... args) implements Decision {
        ProblemException problem() {
            return ProblemException.ruleViolation(rule, code, args);
        }
    }

    Decision ALLOWED = new Allowed();

    static Decision refused(RuleRef rule, String code, Object... args) {
        return new Refused(rule, code, args);
    }
}
