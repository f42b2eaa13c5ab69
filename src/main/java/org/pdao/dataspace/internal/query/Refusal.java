package org.pdao.dataspace.internal.query;

import org.jspecify.annotations.Nullable;
import org.pdao.shared.RuleRef;

/**
 * Why one part of a query is refused: the column concerned (a {@code table.column}, an output column or
 * none), the rule, a message code of the {@code query} bundle with its arguments (names only, never a data
 * value) and the character offset in the query where DuckDB's parser placed the node.
 */
record Refusal(@Nullable String column, RuleRef rule, String code, Object[] args, @Nullable Integer position) {

    Refusal {
        args = args.clone();
    }

    static Refusal of(@Nullable String column, RuleRef rule, @Nullable Integer position, String code, Object... args) {
        return new Refusal(column, rule, code, args, position);
    }

    @Override
    public Object[] args() {
        return args.clone();
    }
}
