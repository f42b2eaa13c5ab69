package org.pdao.dataspace.internal.query;

import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;

/** A governed execution stopped at a resource limit: {@code QUERY_TIME_LIMIT}, {@code QUERY_MEMORY_LIMIT}, {@code QUERY_ROW_LIMIT}. */
class QueryLimitExceeded extends ProblemException {

    QueryLimitExceeded(String code, Object... args) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, code, QueryRules.SY_17, args);
    }
}
