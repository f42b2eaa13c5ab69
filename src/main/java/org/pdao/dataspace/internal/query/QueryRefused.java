package org.pdao.dataspace.internal.query;

import java.util.List;
import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;

/** A query refused by the governed executor (422 {@code QUERY_REFUSED} with every refusal). */
class QueryRefused extends ProblemException {

    private final transient List<Refusal> refusals;

    QueryRefused(List<Refusal> refusals) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "QUERY_REFUSED", refusals.get(0).rule(), refusals.size());
        this.refusals = List.copyOf(refusals);
    }

    List<Refusal> refusals() {
        return refusals;
    }
}
