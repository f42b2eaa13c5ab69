package org.pdao.dataspace.internal.gate;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.http.HttpStatus;

/**
 * The one place that says how a result may move at the output gate. A submission enters as
 * {@code PENDING_REVIEW} or, when the policy releases it at once, {@code RELEASED}; a reviewer moves a held result
 * to {@code RELEASED}, {@code RELEASED_WITH_CHANGE} or {@code REJECTED}, which end its review. A result in any of
 * these states is {@code DESTROYED} with its workspace, and that alone is final. Anything else is refused with 409
 * naming the rule.
 */
final class ResultTransitions {

    private static final Set<ResultState> ON_SUBMISSION = EnumSet.of(ResultState.PENDING_REVIEW, ResultState.RELEASED);
    private static final Map<ResultState, Set<ResultState>> ALLOWED = new EnumMap<>(ResultState.class);

    static {
        ALLOWED.put(ResultState.PENDING_REVIEW, EnumSet.of(ResultState.RELEASED, ResultState.RELEASED_WITH_CHANGE,
                ResultState.REJECTED, ResultState.DESTROYED));
        ALLOWED.put(ResultState.RELEASED, EnumSet.of(ResultState.DESTROYED));
        ALLOWED.put(ResultState.RELEASED_WITH_CHANGE, EnumSet.of(ResultState.DESTROYED));
        ALLOWED.put(ResultState.REJECTED, EnumSet.of(ResultState.DESTROYED));
        ALLOWED.put(ResultState.DESTROYED, EnumSet.noneOf(ResultState.class));
    }

    private ResultTransitions() {}

    static boolean allowed(@Nullable ResultState from, ResultState to) {
        return from == null ? ON_SUBMISSION.contains(to) : ALLOWED.get(from).contains(to);
    }

    static boolean isFinal(ResultState state) {
        return ALLOWED.get(state).isEmpty();
    }

    static void check(@Nullable ResultState from, ResultState to, RuleRef rule) {
        if (!allowed(from, to)) {
            throw new ProblemException(HttpStatus.CONFLICT, "gate.transition.refused", rule,
                    from == null ? "-" : from.name(), to.name());
        }
    }
}
