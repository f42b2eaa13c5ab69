package org.pdao.dataspace.internal.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who actually contributes to one aggregate of a released level. A cell over thousands of persons can still
 * carry one person's value when only that person contributes ({@code sum(case when <one person> then cost else 0
 * end)}, {@code count(case when … then 1 end)}, {@code max(cond::int)}, {@code sum(cost) filter (where …)}). The
 * value of an aggregate therefore leaves only if each of these person sets holds at least k distinct persons
 * (of every person source):
 * <ul>
 * <li>the persons whose contribution is not neutral: not NULL (counts, statistics), not NULL and not zero (sums,
 * averages), true ({@code bool_or}), false ({@code bool_and});</li>
 * <li>for every condition inside the aggregate's argument or FILTER (a CASE branch, a comparison, IN, BETWEEN,
 * IS NULL, LIKE, IF, NULLIF, COALESCE, GREATEST/LEAST, SIGN): the persons for whom it holds, and those for whom
 * it does not — a condition true or false for fewer than k persons singles them out, whatever the other branch
 * adds;</li>
 * <li>for {@code min}/{@code max} (and {@code arg_min}/{@code arg_max} on their ordering value): the persons who
 * hold the extreme value itself.</li>
 * </ul>
 * The smallest of these counts is one cell column; the executor withholds the aggregate's value in a cell where it
 * is under k (as it does for a FILTER).
 */
final class Contributors {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final Set<String> SUMS = Set.of("sum", "avg", "mean", "fsum", "sumkahan", "kahan_sum", "favg");

    /** Scalar functions that decide between values: each is a condition. */
    private static final Set<String> CHOOSING = Set.of("if", "nullif", "coalesce", "ifnull", "greatest", "least",
            "sign", "~~", "!~~", "~~*", "!~~*", "like_escape", "starts_with", "ends_with", "contains", "prefix",
            "suffix", "isnan", "isfinite", "isinf");

    private Contributors() {}

    /**
     * The smallest number of distinct persons over the sets above, as an expression of the cells statement; null
     * when the aggregate has no such set (a plain {@code count(*)}: its persons are the cell's persons). With
     * {@code onePersonPerRow} (the level reads one table with a person key unique per row) the rows are counted.
     */
    static @Nullable JsonNode expression(JsonNode aggregate, List<JsonNode> personKeys, int k, boolean onePersonPerRow) {
        if (personKeys.isEmpty()) {
            return null;
        }
        String fn = aggregate.path("function_name").asString("").toLowerCase(Locale.ROOT);
        JsonNode filter = aggregate.path("filter").isObject() ? aggregate.path("filter") : null;
        List<JsonNode> args = new ArrayList<>();
        for (JsonNode c : aggregate.path("children")) {
            args.add(c);
        }
        List<JsonNode> sets = new ArrayList<>();
        JsonNode neutral = nonNeutral(fn, args);
        if (neutral != null) {
            sets.add(neutral);
        }
        List<JsonNode> conditions = new ArrayList<>();
        for (JsonNode a : args) {
            conditions(a, conditions);
        }
        for (JsonNode c : conditions) {
            sets.add(isTrue(c));
            sets.add(isNotTrue(c));
        }
        if (sets.isEmpty() && filter != null) {
            sets.add(null);
        }
        // the sets of the argument are counted among the filtered rows; the filter's own conditions among all
        List<JsonNode> filtered = new ArrayList<>();
        for (JsonNode set : sets) {
            filtered.add(set == null ? filter : filter == null ? set : and(filter, set));
        }
        if (filter != null) {
            List<JsonNode> filterConditions = new ArrayList<>();
            conditions(filter, filterConditions);
            for (JsonNode c : filterConditions) {
                filtered.add(isTrue(c));
                filtered.add(isNotTrue(c));
            }
        }
        List<JsonNode> counts = new ArrayList<>();
        for (JsonNode key : personKeys) {
            for (JsonNode where : filtered) {
                ObjectNode count = function("count", key.deepCopy());
                count.put("distinct", !onePersonPerRow);
                if (where == null) {
                    count.putNull("filter");
                } else {
                    count.set("filter", where.deepCopy());
                }
                counts.add(count);
            }
        }
        JsonNode extreme = extreme(fn, args, filter, personKeys.get(0), k);
        if (extreme != null) {
            counts.add(extreme);
        }
        if (counts.isEmpty()) {
            return null;
        }
        return counts.size() == 1 ? counts.get(0) : function("least", counts.toArray(JsonNode[]::new));
    }

    /** The rows whose contribution changes the aggregate, or null when every row does (count(*)). */
    private static @Nullable JsonNode nonNeutral(String fn, List<JsonNode> args) {
        if (args.isEmpty() || args.get(0).path("class").asString("").equals("STAR")) {
            return null;
        }
        JsonNode x = args.get(0);
        if (SUMS.contains(fn)) {
            return comparison("COMPARE_NOTEQUAL", ErrorFree.cast(x, "DOUBLE"), integer(0));
        }
        if (fn.equals("bool_or")) {
            return isTrue(x);
        }
        if (fn.equals("bool_and")) {
            return isTrue(operator("OPERATOR_NOT", x));
        }
        List<JsonNode> present = new ArrayList<>();
        for (JsonNode a : args) {
            if (!a.path("class").asString("").equals("CONSTANT")) {
                present.add(operator("OPERATOR_IS_NOT_NULL", a));
            }
        }
        if (present.isEmpty()) {
            return null;
        }
        JsonNode out = present.get(0);
        for (int i = 1; i < present.size(); i++) {
            out = and(out, present.get(i));
        }
        return out;
    }

    /** For min/max (arg_min/arg_max: the ordering value): k if at least k persons hold the extreme, else 0. */
    private static @Nullable JsonNode extreme(String fn, List<JsonNode> args, @Nullable JsonNode filter, JsonNode key,
            int k) {
        String direction;
        JsonNode value;
        switch (fn) {
            case "max" -> {
                direction = "max";
                value = args.isEmpty() ? null : args.get(0);
            }
            case "min" -> {
                direction = "min";
                value = args.isEmpty() ? null : args.get(0);
            }
            case "arg_max", "argmax", "max_by" -> {
                direction = "max";
                value = args.size() < 2 ? null : args.get(1);
            }
            case "arg_min", "argmin", "min_by" -> {
                direction = "min";
                value = args.size() < 2 ? null : args.get(1);
            }
            default -> {
                return null;
            }
        }
        if (value == null) {
            return null;
        }
        JsonNode present = operator("OPERATOR_IS_NOT_NULL", value);
        JsonNode where = filter == null ? present : and(filter, present);
        ObjectNode v = (ObjectNode) value.deepCopy();
        v.put("alias", "v");
        ObjectNode p = (ObjectNode) key.deepCopy();
        p.put("alias", "p");
        ObjectNode pair = function("struct_pack", v, p);
        // the top k distinct (value, person) pairs: all hold the extreme iff at least k persons do
        ObjectNode top = function(direction, pair, integer(k));
        top.put("distinct", true);
        top.set("filter", where.deepCopy());
        ObjectNode kth = operator("ARRAY_EXTRACT", top, integer(k));
        ObjectNode kthValue = operator("STRUCT_EXTRACT", kth, text("v"));
        ObjectNode result = function(direction, value.deepCopy());
        result.set("filter", where.deepCopy());
        ObjectNode same = comparison("COMPARE_NOT_DISTINCT_FROM", kthValue, result);
        ObjectNode out = JSON.objectNode();
        out.put("class", "CASE");
        out.put("type", "CASE_EXPR");
        out.put("alias", "");
        ObjectNode check = out.putArray("case_checks").addObject();
        check.set("when_expr", same);
        check.set("then_expr", integer(k));
        out.set("else_expr", integer(0));
        return out;
    }

    /** Every condition inside an expression (not inside subqueries). */
    private static void conditions(JsonNode e, List<JsonNode> out) {
        if (!e.isObject()) {
            return;
        }
        String cls = e.path("class").asString("");
        if (cls.equals("SUBQUERY") || cls.equals("CONSTANT") || cls.equals("COLUMN_REF")) {
            return;
        }
        String type = e.path("type").asString("");
        String fn = e.path("function_name").asString("").toLowerCase(Locale.ROOT);
        switch (cls) {
            case "COMPARISON", "BETWEEN" -> add(out, e);
            case "OPERATOR" -> {
                switch (type) {
                    case "OPERATOR_IS_NULL", "OPERATOR_IS_NOT_NULL", "COMPARE_IN", "COMPARE_NOT_IN" -> add(out, e);
                    case "OPERATOR_COALESCE" -> add(out, operator("OPERATOR_IS_NULL", e.path("children").get(0)));
                    default -> {
                    }
                }
            }
            case "CASE" -> {
                for (JsonNode check : e.path("case_checks")) {
                    add(out, check.path("when_expr"));
                }
            }
            case "FUNCTION" -> {
                if (CHOOSING.contains(fn)) {
                    JsonNode children = e.path("children");
                    switch (fn) {
                        case "if" -> add(out, children.get(0));
                        case "nullif" -> add(out, comparison("COMPARE_EQUAL", children.get(0), children.get(1)));
                        case "coalesce", "ifnull" -> add(out, operator("OPERATOR_IS_NULL", children.get(0)));
                        case "greatest", "least" -> {
                            for (int i = 1; i < children.size(); i++) {
                                add(out, comparison("COMPARE_GREATERTHAN", children.get(0), children.get(i)));
                            }
                        }
                        case "sign" -> {
                            add(out, comparison("COMPARE_GREATERTHAN", children.get(0), integer(0)));
                            add(out, comparison("COMPARE_LESSTHAN", children.get(0), integer(0)));
                        }
                        default -> add(out, e);
                    }
                }
            }
            default -> {
            }
        }
        for (var entry : e.properties()) {
            JsonNode v = entry.getValue();
            if (v.isObject()) {
                if (v.has("class")) {
                    conditions(v, out);
                }
            } else if (v.isArray()) {
                for (JsonNode c : v) {
                    if (c.has("class")) {
                        conditions(c, out);
                    } else if (c.isObject()) {
                        for (String f : List.of("when_expr", "then_expr", "expression")) {
                            if (c.path(f).isObject()) {
                                conditions(c.path(f), out);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void add(List<JsonNode> out, JsonNode condition) {
        if (condition == null || condition.isMissingNode() || !condition.has("class")) {
            return;
        }
        if (!constant(condition) && out.stream().noneMatch(c -> c.equals(condition))) {
            out.add(condition);
        }
    }

    private static boolean constant(JsonNode e) {
        return QueryAnalyzer.noNode(e, n -> n.path("class").asString("").equals("COLUMN_REF")
                || n.path("class").asString("").equals("SUBQUERY"));
    }

    /** {@code CASE WHEN p THEN true ELSE false END}: NULL counts as not true, as in a CASE branch. */
    private static ObjectNode isTrue(JsonNode p) {
        return choice(p, true);
    }

    private static ObjectNode isNotTrue(JsonNode p) {
        return choice(p, false);
    }

    private static ObjectNode choice(JsonNode p, boolean whenTrue) {
        ObjectNode out = JSON.objectNode();
        out.put("class", "CASE");
        out.put("type", "CASE_EXPR");
        out.put("alias", "");
        ObjectNode check = out.putArray("case_checks").addObject();
        ObjectNode when = (ObjectNode) p.deepCopy();
        when.put("alias", "");
        check.set("when_expr", when);
        check.set("then_expr", bool(whenTrue));
        out.set("else_expr", bool(!whenTrue));
        return out;
    }

    private static ObjectNode and(JsonNode a, JsonNode b) {
        ObjectNode out = JSON.objectNode();
        out.put("class", "CONJUNCTION");
        out.put("type", "CONJUNCTION_AND");
        out.put("alias", "");
        ArrayNode children = out.putArray("children");
        children.add(a.deepCopy());
        children.add(b.deepCopy());
        return out;
    }

    private static ObjectNode comparison(String type, JsonNode left, JsonNode right) {
        ObjectNode out = JSON.objectNode();
        out.put("class", "COMPARISON");
        out.put("type", type);
        out.put("alias", "");
        out.set("left", left.deepCopy());
        out.set("right", right.deepCopy());
        return out;
    }

    private static ObjectNode operator(String type, JsonNode... children) {
        ObjectNode out = JSON.objectNode();
        out.put("class", "OPERATOR");
        out.put("type", type);
        out.put("alias", "");
        ArrayNode c = out.putArray("children");
        for (JsonNode child : children) {
            ObjectNode copy = (ObjectNode) child.deepCopy();
            if (!type.equals("ARRAY_EXTRACT") && !type.equals("STRUCT_EXTRACT")) {
                copy.put("alias", "");
            }
            c.add(copy);
        }
        return out;
    }

    private static ObjectNode function(String name, JsonNode... children) {
        return QueryAnalyzer.function(name, children);
    }

    private static ObjectNode integer(int value) {
        ObjectNode c = QueryAnalyzer.constantOf("INTEGER");
        ((ObjectNode) c.path("value")).put("value", value);
        return c;
    }

    private static ObjectNode text(String value) {
        return QueryAnalyzer.text(value);
    }

    private static ObjectNode bool(boolean value) {
        ObjectNode c = QueryAnalyzer.constantOf("BOOLEAN");
        ((ObjectNode) c.path("value")).put("value", value);
        return c;
    }
}
