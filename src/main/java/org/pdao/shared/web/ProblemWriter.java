package org.pdao.shared.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.RuleRef;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Builds RFC 9457 problem details with a message in the caller's language (Chinese unless the
 * request asks for English), the message code, and the rule and article where a regulation
 * applies. Never includes a stack trace or exception text.
 */
@Component
public class ProblemWriter {

    private final MessageSource messages;

    ProblemWriter(MessageSource messages) {
        this.messages = messages;
    }

    public ProblemDetail problem(HttpStatus status, String code, Object[] args, @Nullable RuleRef rule,
            @Nullable String path) {
        return problem(status, code, args, rule, path, LocaleContextHolder.getLocale());
    }

    public ProblemDetail problem(HttpStatus status, String code, Object[] args, @Nullable RuleRef rule,
            @Nullable String path, Locale locale) {
        boolean chinese = !"en".equals(locale.getLanguage());
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("urn:pdao:problem:" + code));
        problem.setTitle(messages.getMessage("status." + status.value(), null, status.getReasonPhrase(), locale));
        problem.setDetail(messages.getMessage(code, args, code, locale));
        if (path != null) {
            problem.setInstance(URI.create(path.replace(" ", "%20")));
        }
        problem.setProperty("code", code);
        if (rule != null) {
            problem.setProperty("rule", rule.id());
            problem.setProperty("article", rule.article(chinese));
        }
        problem.setProperty("timestamp", Instant.now().toString());
        return problem;
    }

    public ProblemDetail withErrors(ProblemDetail problem, List<Map<String, String>> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    public String message(String code, Object... args) {
        return messages.getMessage(code, args, code, LocaleContextHolder.getLocale());
    }
}
