package org.pdao.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pdao.shared.Actors;
import org.pdao.shared.PermissionRefused;
import org.pdao.shared.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/** Turns every exception that reaches a controller into a localized problem detail. */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final ProblemWriter writer;
    private final ApplicationEventPublisher events;

    ProblemAdvice(ProblemWriter writer, ApplicationEventPublisher events) {
        this.writer = writer;
        this.events = events;
    }

    @ExceptionHandler(ProblemException.class)
    ProblemDetail onProblem(ProblemException e, HttpServletRequest request) {
        return writer.problem(e.status(), e.code(), e.args(), e.rule(), request.getRequestURI());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail onInvalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", error.getField(),
                    "message", String.valueOf(error.getDefaultMessage())));
        }
        ProblemDetail problem = writer.problem(HttpStatus.BAD_REQUEST, "problem.invalid-input",
                new Object[] {fieldNames(errors)}, null, request.getRequestURI());
        return writer.withErrors(problem, errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail onInvalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(Map.of("field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage())))));
        ProblemDetail problem = writer.problem(HttpStatus.BAD_REQUEST, "problem.invalid-input",
                new Object[] {fieldNames(errors)}, null, request.getRequestURI());
        return writer.withErrors(problem, errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail onConstraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getConstraintViolations().forEach(v -> errors.add(Map.of(
                "field", v.getPropertyPath().toString(), "message", v.getMessage())));
        ProblemDetail problem = writer.problem(HttpStatus.BAD_REQUEST, "problem.invalid-input",
                new Object[] {fieldNames(errors)}, null, request.getRequestURI());
        return writer.withErrors(problem, errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail onUnreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        String field = e.getMostSpecificCause() instanceof JacksonException j ? fieldPath(j) : "";
        if (field.isEmpty()) {
            return writer.problem(HttpStatus.BAD_REQUEST, "problem.unreadable-body", new Object[0], null,
                    request.getRequestURI());
        }
        ProblemDetail problem = writer.problem(HttpStatus.BAD_REQUEST, "problem.unreadable-field",
                new Object[] {field}, null, request.getRequestURI());
        return writer.withErrors(problem, List.of(Map.of("field", field,
                "message", writer.message("problem.unreadable-field.short"))));
    }

    /** The JSON path of the value Jackson could not bind ({@code fields[0].personKey}), without the value itself. */
    static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() > 200 ? path.substring(0, 200) : path.toString();
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ProblemDetail onBadParameter(Exception e, HttpServletRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName()
                : ((MissingServletRequestParameterException) e).getParameterName();
        return writer.problem(HttpStatus.BAD_REQUEST, "problem.bad-parameter", new Object[] {name}, null,
                request.getRequestURI());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail onTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return writer.problem(HttpStatus.CONTENT_TOO_LARGE, "problem.too-large", new Object[0], null,
                request.getRequestURI());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail onAccessDenied(AccessDeniedException e, HttpServletRequest request) {
        var actor = Actors.current();
        if (actor.isEmpty()) {
            return writer.problem(HttpStatus.UNAUTHORIZED, "identity.unauthenticated", new Object[0], null,
                    request.getRequestURI());
        }
        events.publishEvent(new PermissionRefused(actor.get(), request.getMethod(), request.getRequestURI()));
        return writer.problem(HttpStatus.FORBIDDEN, "identity.permission-refused", new Object[0], null,
                request.getRequestURI());
    }

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail onAuthentication(AuthenticationException e, HttpServletRequest request) {
        return writer.problem(HttpStatus.UNAUTHORIZED, "identity.unauthenticated", new Object[0], null,
                request.getRequestURI());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail onNoResource(NoResourceFoundException e, HttpServletRequest request) {
        return writer.problem(HttpStatus.NOT_FOUND, "problem.no-such-endpoint", new Object[0], null,
                request.getRequestURI());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ProblemDetail onMethod(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return writer.problem(HttpStatus.METHOD_NOT_ALLOWED, "problem.method-not-allowed",
                new Object[] {e.getMethod()}, null, request.getRequestURI());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ProblemDetail onMediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return writer.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "problem.media-type", new Object[0], null,
                request.getRequestURI());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail onIntegrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.info("integrity violation on {}: {}", request.getRequestURI(), e.getMostSpecificCause().getClass());
        return writer.problem(HttpStatus.CONFLICT, "problem.conflict", new Object[0], null, request.getRequestURI());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail onUnexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response) {
            HttpStatus status = HttpStatus.valueOf(response.getStatusCode().value());
            return writer.problem(status, "problem.http-" + status.value(), new Object[0], null,
                    request.getRequestURI());
        }
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return writer.problem(HttpStatus.INTERNAL_SERVER_ERROR, "problem.internal", new Object[0], null,
                request.getRequestURI());
    }

    private static String fieldNames(List<Map<String, String>> errors) {
        return String.join(", ", errors.stream().map(m -> m.get("field")).distinct().toList());
    }
}
