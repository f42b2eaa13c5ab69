package org.pdao.dataspace.internal.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The one shape of condition an {@code AGGREGATE_ONLY} value may take in WHERE, an aggregate's FILTER or HAVING:
 * the value itself (the raw column, a numeric cast of it, or a per-person {@code sum}/{@code avg} of it) compared
 * with constants of at most {@value #SIGNIFICANT_DIGITS} significant digits ({@code cost > 1000},
 * {@code amount between 100 and 250}, {@code cost in (0, 50)}, {@code cost is null}).
 *
 * <p>Such a condition only narrows the population: every cell is still counted in persons and suppressed under k,
 * the release ledger sees the filtered population, counts and sums stay noised. What is kept out is what turns a
 * condition into a probe of one value: thresholds of arbitrary precision (a bisection over
 * {@code cost > 1234.5}, {@code cost between 1234 and 1235} reads a value to the cent; with two significant digits
 * it learns a band of about 1–10 %), arithmetic before the comparison (a coarse-looking
 * {@code cost * 0.997 - 34 > 1200} is a precise threshold), comparisons with other columns, and conditions inside
 * expressions (CASE, functions, casts of the comparison) that would carry the bit into a released value.
 */
final class CoarseThreshold {

    /** Significant digits of a constant an AGGREGATE_ONLY value may be compared with. */
    static final int SIGNIFICANT_DIGITS = 2;

    private CoarseThreshold() {}

    /**
     * Whether {@code predicate} (COMPARISON, BETWEEN, IN/NOT IN, IS [NOT] NULL) compares one plain AGGREGATE_ONLY
     * value ({@code value} decides which expressions are such values) with coarse constants only.
     */
    static boolean allowed(JsonNode predicate, Predicate<JsonNode> value) {
        String cls = predicate.path("class").asString("");
        String type = predicate.path("type").asString("");
        switch (cls) {
            case "COMPARISON" -> {
                JsonNode left = predicate.path("left");
                JsonNode right = predicate.path("right");
                return value.test(left) && coarse(right) || value.test(right) && coarse(left);
            }
            case "BETWEEN" -> {
                return value.test(predicate.path("input")) && coarse(predicate.path("lower"))
                        && coarse(predicate.path("upper"));
            }
            case "OPERATOR" -> {
                JsonNode children = predicate.path("children");
                if (type.equals("OPERATOR_IS_NULL") || type.equals("OPERATOR_IS_NOT_NULL")) {
                    return children.size() == 1 && value.test(children.get(0));
                }
                if (type.equals("COMPARE_IN") || type.equals("COMPARE_NOT_IN")) {
                    if (children.size() < 2 || !value.test(children.get(0))) {
                        return false;
                    }
                    for (int i = 1; i < children.size(); i++) {
                        if (!coarse(children.get(i))) {
                            return false;
                        }
                    }
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /** A constant (possibly cast) that is NULL or a number of at most {@value #SIGNIFICANT_DIGITS} significant digits. */
    static boolean coarse(JsonNode e) {
        JsonNode c = e;
        while (c.path("class").asString("").equals("CAST")) {
            c = c.path("child");
        }
        if (!c.path("class").asString("").equals("CONSTANT")) {
            return false;
        }
        JsonNode v = c.path("value");
        if (v.path("is_null").asBoolean(false)) {
            return true;
        }
        BigDecimal number = number(v);
        return number != null && (number.signum() == 0
                || number.stripTrailingZeros().precision() <= SIGNIFICANT_DIGITS);
    }

    private static @Nullable BigDecimal number(JsonNode v) {
        String id = v.path("type").path("id").asString("");
        JsonNode raw = v.path("value");
        try {
            switch (id) {
                case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                        "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE" -> {
                    BigDecimal d = new BigDecimal(raw.asString());
                    return d;
                }
                case "DECIMAL" -> {
                    int scale = v.path("type").path("type_info").path("scale").asInt(0);
                    return new BigDecimal(new BigInteger(raw.asString()), scale);
                }
                case "VARCHAR" -> {
                    return new BigDecimal(raw.asString().strip());
                }
                default -> {
                    return null;
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
