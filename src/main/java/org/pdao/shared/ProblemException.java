package org.pdao.shared;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A refusal that becomes an RFC 9457 problem detail. {@code code} is a message key resolved in
 * Chinese and English ({@code messages*.properties}); {@code args} fill its placeholders and must
 * never carry data values of the trusted space.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Object[] args;
    private final @Nullable RuleRef rule;

    public ProblemException(HttpStatus status, String code, @Nullable RuleRef rule, Object... args) {
        super(code + (args.length == 0 ? "" : " " + Arrays.toString(args)));
        this.status = status;
        this.code = code;
        this.rule = rule;
        this.args = args.clone();
    }

    public static ProblemException badRequest(String code, Object... args) {
        return new ProblemException(HttpStatus.BAD_REQUEST, code, null, args);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "problem.not-found", null, what, id);
    }

    public static ProblemException conflict(String code, Object... args) {
        return new ProblemException(HttpStatus.CONFLICT, code, null, args);
    }

    /** A refusal because a regulation's rule forbids the request; answered with 422. */
    public static ProblemException ruleViolation(RuleRef rule, String code, Object... args) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, code, rule, args);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    public @Nullable RuleRef rule() {
        return rule;
    }
}
