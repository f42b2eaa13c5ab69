package org.pdao.dataspace.internal.query;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Closes the error channel: a statement that reads persons' rows is rewritten so that no value can make it fail.
 * Every row expression (select items, WHERE, JOIN conditions, GROUP BY, HAVING, QUALIFY, ORDER BY, the arguments
 * and filters of aggregates and windows) runs inside DuckDB's {@code TRY(…)}, which turns a runtime error (a failed
 * implicit cast, an integer overflow, a function's domain error) into NULL for that row; every CAST is already a
 * TRY_CAST. The arguments of sums and averages are summed as DOUBLE, so that a sum cannot overflow (a HUGEINT or
 * DECIMAL sum that overflows only when one person's row is in it would be one bit per query). Both sides of an
 * {@code x IN (SELECT …)} are compared as text, so that the comparison cannot fail on an implicit cast.
 * Whatever still fails at run time is answered by the engine with the same code for every cause, without the
 * engine's text ({@code QUERY_FAILED}).
 */
final class ErrorFree {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Aggregates (and window aggregates) whose argument is summed: computed in DOUBLE. */
    private static final Set<String> SUMMED = Set.of("sum", "avg", "mean", "fsum", "sumkahan", "kahan_sum", "favg");

    private static final List<String> FIELDS = List.of("children", "child", "left", "right", "input", "lower", "upper",
            "else_expr", "start_expr", "end_expr");

    private ErrorFree() {}

    /** A copy of a statement tree ({@code json_serialize_sql} form) whose row expressions cannot raise errors. */
    static JsonNode statement(JsonNode root) {
        JsonNode copy = root.deepCopy();
        for (JsonNode statement : copy.path("statements")) {
            query(statement.path("node"));
        }
        return copy;
    }

    private static void query(JsonNode node) {
        if (!node.isObject()) {
            return;
        }
        ObjectNode q = (ObjectNode) node;
        for (JsonNode entry : q.path("cte_map").path("map")) {
            query(entry.path("value").path("query").path("node"));
        }
        String type = q.path("type").asString("");
        if (type.equals("SET_OPERATION_NODE") || type.equals("RECURSIVE_CTE_NODE")) {
            query(q.path("left"));
            query(q.path("right"));
            return;
        }
        if (!type.equals("SELECT_NODE")) {
            return;
        }
        ArrayNode select = (ArrayNode) q.path("select_list");
        for (int i = 0; i < select.size(); i++) {
            select.set(i, expression(select.get(i)));
        }
        for (String f : List.of("where_clause", "having", "qualify")) {
            if (q.path(f).isObject()) {
                q.set(f, expression(q.path(f)));
            }
        }
        if (q.path("group_expressions").isArray()) {
            ArrayNode groups = (ArrayNode) q.path("group_expressions");
            for (int i = 0; i < groups.size(); i++) {
                groups.set(i, expression(groups.get(i)));
            }
        }
        table(q.path("from_table"));
        for (JsonNode m : q.path("modifiers")) {
            if (m.path("type").asString("").equals("ORDER_MODIFIER")) {
                for (JsonNode o : m.path("orders")) {
                    if (o.path("expression").isObject()) {
                        ((ObjectNode) o).set("expression", expression(o.path("expression")));
                    }
                }
            }
        }
    }

    private static void table(JsonNode ref) {
        if (!ref.isObject()) {
            return;
        }
        String type = ref.path("type").asString("");
        if (type.equals("JOIN")) {
            table(ref.path("left"));
            table(ref.path("right"));
            if (ref.path("condition").isObject()) {
                ((ObjectNode) ref).set("condition", expression(ref.path("condition")));
            }
        } else if (type.equals("SUBQUERY")) {
            query(ref.path("subquery").path("node"));
        }
    }

    /** The expression with every maximal row-level part inside TRY (aggregates, windows and subqueries descended into). */
    static JsonNode expression(JsonNode e) {
        if (!e.isObject()) {
            return e;
        }
        String cls = e.path("class").asString("");
        switch (cls) {
            case "CONSTANT", "COLUMN_REF", "STAR", "PARAMETER", "LAMBDA", "" -> {
                return e;
            }
            default -> {
            }
        }
        if (cls.equals("OPERATOR") && e.path("type").asString("").equals("OPERATOR_TRY")) {
            return e;
        }
        if (cls.equals("CONJUNCTION") && e.path("type").asString("").equals("CONJUNCTION_AND")) {
            // each conjunct on its own: an equality of two columns stays a plain equi-join condition
            ObjectNode copy = (ObjectNode) e.deepCopy();
            ArrayNode children = JSON.arrayNode();
            for (JsonNode c : e.path("children")) {
                children.add(expression(c));
            }
            copy.set("children", children);
            return copy;
        }
        if (cls.equals("COMPARISON") && e.path("left").path("class").asString("").equals("COLUMN_REF")
                && e.path("right").path("class").asString("").equals("COLUMN_REF")) {
            // two columns compared (a join key): no per-row condition can make it fail for one person only; kept
            // bare so that DuckDB plans a hash join
            return e;
        }
        if (!rowsOnly(e)) {
            return descend((ObjectNode) e.deepCopy());
        }
        ObjectNode t = JSON.objectNode();
        t.put("class", "OPERATOR");
        t.put("type", "OPERATOR_TRY");
        t.put("alias", e.path("alias").asString(""));
        ObjectNode inner = (ObjectNode) e.deepCopy();
        inner.put("alias", "");
        t.putArray("children").add(inner);
        return t;
    }

    /** An expression containing aggregates, windows or subqueries: its row-level parts go inside TRY. */
    private static JsonNode descend(ObjectNode e) {
        String cls = e.path("class").asString("");
        String fn = e.path("function_name").asString("").toLowerCase(Locale.ROOT);
        if (cls.equals("SUBQUERY")) {
            query(e.path("subquery").path("node"));
            if (e.path("child").isObject()) {
                // x IN (SELECT y …): compared as text, an implicit cast between the two sides cannot fail
                e.set("child", text(expression(e.path("child"))));
                JsonNode sub = e.path("subquery").path("node");
                if (sub.path("type").asString("").equals("SELECT_NODE") && sub.path("select_list").size() == 1) {
                    ArrayNode list = (ArrayNode) sub.path("select_list");
                    JsonNode item = list.get(0);
                    ObjectNode cast = text(item);
                    cast.put("alias", item.path("alias").asString(""));
                    list.set(0, cast);
                }
            }
            return e;
        }
        boolean summed = (cls.equals("FUNCTION") || cls.equals("WINDOW")) && SUMMED.contains(fn);
        for (String f : FIELDS) {
            JsonNode child = e.path(f);
            if (child.isArray()) {
                ArrayNode out = JSON.arrayNode();
                for (JsonNode c : child) {
                    JsonNode w = expression(c);
                    out.add(summed && f.equals("children") ? asDouble(w) : w);
                }
                e.set(f, out);
            } else if (child.isObject() && child.has("class")) {
                e.set(f, expression(child));
            }
        }
        for (String f : List.of("filter", "filter_expr")) {
            if (e.path(f).isObject()) {
                e.set(f, expression(e.path(f)));
            }
        }
        if (e.path("partitions").isArray()) {
            ArrayNode out = JSON.arrayNode();
            for (JsonNode p : e.path("partitions")) {
                out.add(expression(p));
            }
            e.set("partitions", out);
        }
        for (JsonNode o : e.path("orders")) {
            if (o.path("expression").isObject()) {
                ((ObjectNode) o).set("expression", expression(o.path("expression")));
            }
        }
        for (JsonNode o : e.path("order_bys").path("orders")) {
            if (o.path("expression").isObject()) {
                ((ObjectNode) o).set("expression", expression(o.path("expression")));
            }
        }
        for (JsonNode check : e.path("case_checks")) {
            for (String f : List.of("when_expr", "then_expr")) {
                if (check.path(f).isObject()) {
                    ((ObjectNode) check).set(f, expression(check.path(f)));
                }
            }
        }
        return e;
    }

    private static boolean rowsOnly(JsonNode e) {
        return QueryAnalyzer.noNode(e, n -> {
            String cls = n.path("class").asString("");
            return cls.equals("WINDOW") || cls.equals("SUBQUERY") || cls.equals("FUNCTION")
                    && FunctionCatalog.aggregate(n.path("function_name").asString("").toLowerCase(Locale.ROOT));
        });
    }

    private static JsonNode asDouble(JsonNode e) {
        if (e.path("class").asString("").equals("STAR")) {
            return e;
        }
        return cast(e, "DOUBLE");
    }

    private static ObjectNode text(JsonNode e) {
        return cast(e, "VARCHAR");
    }

    static ObjectNode cast(JsonNode e, String type) {
        ObjectNode c = JSON.objectNode();
        c.put("class", "CAST");
        c.put("type", "OPERATOR_CAST");
        c.put("alias", "");
        ObjectNode child = (ObjectNode) e.deepCopy();
        child.put("alias", "");
        c.set("child", child);
        ObjectNode t = c.putObject("cast_type");
        t.put("id", type);
        t.putNull("type_info");
        c.put("try_cast", true);
        return c;
    }
}
