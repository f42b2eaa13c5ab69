package org.pdao.dataspace.internal.query;

import java.util.Set;

/**
 * The allow-listed functions of governed queries (documented in {@code docs/governed-queries.md}). A function not
 * named here is refused, naming it. Aggregates are split into those that summarise a group (allowed on
 * {@code AGGREGATE_ONLY} values) and those that reveal one member's value (refused on them); only the
 * arithmetic listed in {@link #VALUE_SAFE} may transform an {@code AGGREGATE_ONLY} value before it is aggregated.
 */
final class FunctionCatalog {

    /** Aggregates that summarise a group: allowed on every column, the only ones on AGGREGATE_ONLY values. */
    static final Set<String> SUMMARISING = Set.of("count", "count_star", "sum", "avg", "mean", "stddev",
            "stddev_samp", "stddev_pop", "var_samp", "var_pop", "variance", "approx_count_distinct", "bool_and",
            "bool_or", "fsum", "sumkahan", "kahan_sum", "favg", "corr", "covar_pop", "covar_samp", "regr_slope",
            "regr_intercept", "regr_r2", "regr_count", "regr_avgx", "regr_avgy");

    /** Aggregates that return one member's value (or a list of values): never on AGGREGATE_ONLY values or identifiers. */
    static final Set<String> VALUE_REVEALING = Set.of("min", "max", "any_value", "first", "last", "arbitrary",
            "arg_min", "arg_max", "argmin", "argmax", "min_by", "max_by", "string_agg", "group_concat", "listagg",
            "list", "array_agg", "mode", "median", "quantile", "quantile_cont", "quantile_disc", "percentile_cont",
            "percentile_disc", "approx_quantile", "histogram", "entropy", "product", "bit_and", "bit_or", "bit_xor",
            "reservoir_quantile", "mad", "kurtosis", "skewness", "approx_top_k");

    /**
     * Aggregates that are not released over persons at all, whatever the column: they return one member's value
     * chosen by row order or frequency, every member's value, or an encoding of them (list, histogram, product,
     * bitwise), which no count of contributors can protect. Allowed below the release (per person).
     */
    static final Set<String> NOT_RELEASED = Set.of("any_value", "first", "last", "arbitrary", "mode", "string_agg",
            "group_concat", "listagg", "list", "array_agg", "histogram", "approx_top_k", "product", "bit_and",
            "bit_or", "bit_xor");

    /** Aggregates that count: the only ones allowed over person identifiers. */
    static final Set<String> COUNTING = Set.of("count", "count_star", "approx_count_distinct");

    /** Window-only functions. */
    static final Set<String> WINDOW = Set.of("row_number", "rank", "dense_rank", "percent_rank", "cume_dist",
            "ntile", "lag", "lead", "first_value", "last_value", "nth_value", "rank_dense");

    /** Window functions that return another row's value. */
    static final Set<String> WINDOW_VALUE = Set.of("lag", "lead", "first_value", "last_value", "nth_value");

    /** Scalar functions and operators (DuckDB's internal names for operators included). */
    static final Set<String> SCALAR = Set.of(
            // arithmetic
            // (no ln/log/sqrt/power/exp: their errors on one person's value would be an error channel)
            "+", "-", "*", "/", "//", "%", "abs", "round", "floor", "ceil", "ceiling", "trunc", "sign",
            "greatest", "least", "mod", "divide",
            "add", "subtract", "multiply", "round_even", "even",
            // comparison and logic helpers
            "coalesce", "ifnull", "nullif", "if", "isnan", "isfinite", "isinf",
            // strings
            "||", "concat", "concat_ws", "lower", "upper", "lcase", "ucase", "length", "char_length",
            "character_length", "strlen", "substr", "substring", "left", "right", "trim", "ltrim", "rtrim",
            // (no repeat/lpad/rpad: unbounded strings)
            "replace", "starts_with", "ends_with", "contains", "prefix", "suffix", "position",
            "strpos", "instr", "~~", "!~~", "~~*", "!~~*", "like_escape", "split_part", "reverse",
            // dates
            "date_trunc", "datetrunc", "date_part", "datepart", "extract", "year", "month", "day", "quarter", "week",
            "weekofyear", "dayofweek", "dayofmonth", "dayofyear", "isodow", "yearweek", "hour", "minute",
            "last_day", "date_diff", "datediff", "date_sub", "datesub", "date_add", "age",
            "strftime", "monthname", "dayname", "current_date", "today", "epoch", "to_days", "to_months",
            "to_years", "time_bucket",
            // lists literal (IN lists are operators) and CASE helpers
            "list_value");

    /** What may be applied to an AGGREGATE_ONLY value on its way into an aggregate: arithmetic, no comparison. */
    static final Set<String> VALUE_SAFE = Set.of("+", "-", "*", "/", "abs", "round", "floor", "ceil", "ceiling",
            "trunc", "coalesce", "ifnull", "add", "subtract", "multiply", "divide", "greatest", "least");

    /** Types a CAST may target. */
    static final Set<String> CAST_TYPES = Set.of("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE", "DECIMAL", "VARCHAR", "DATE",
            "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_TZ", "TIME", "INTERVAL");

    static final Set<String> NUMERIC_CAST_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "FLOAT", "DOUBLE", "DECIMAL", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT");

    private FunctionCatalog() {}

    static boolean aggregate(String name) {
        return SUMMARISING.contains(name) || VALUE_REVEALING.contains(name);
    }

    static boolean scalar(String name) {
        return SCALAR.contains(name);
    }

    /** Table functions get a refusal naming their class: files and URLs, catalog introspection, dynamic SQL, other. */
    static String tableFunctionClass(String name) {
        if (name.startsWith("read_") || name.contains("scan") || name.equals("glob") || name.startsWith("parquet")
                || name.startsWith("sniff") || name.equals("iceberg_metadata") || name.startsWith("delta")) {
            return "FILE";
        }
        if (name.startsWith("duckdb_") || name.startsWith("pragma_") || name.startsWith("information_schema")
                || name.startsWith("pg_") || name.equals("sqlite_master") || name.startsWith("test_")
                || name.equals("which_secret") || name.startsWith("icu_")) {
            return "CATALOG";
        }
        if (name.equals("query") || name.equals("query_table")) {
            return "DYNAMIC";
        }
        return "OTHER";
    }
}
