package org.pdao.dataspace.internal.query;

import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A governed query that DuckDB could not bind or run ({@code QUERY_INVALID}, {@code QUERY_FAILED},
 * {@code QUERY_ENGINE_UNAVAILABLE}); never with DuckDB's own message, which may contain values.
 */
class QueryFailed extends ProblemException {

    QueryFailed(String code) {
        super(code.equals("QUERY_ENGINE_UNAVAILABLE") ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNPROCESSABLE_CONTENT,
                code, QueryRules.TZ_12);
    }
}
