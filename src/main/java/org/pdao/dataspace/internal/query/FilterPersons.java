package org.pdao.dataspace.internal.query;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The persons behind an aggregate's FILTER, as one cell column the executor withholds the value on when it is
 * under k: the smaller of the persons the filter selects and the persons of the cell it leaves out
 * ({@code count(DISTINCT key) FILTER (WHERE NOT coalesce(filter, false))}). A filter that selects fewer than k
 * persons is withheld, and so is one that leaves out fewer than k: {@code count(*)} next to
 * {@code count(*) FILTER (WHERE NOT (phone = '…' AND cost > 1000))} in the same cell would otherwise tell, by
 * their difference, something about that one person. Leaving out nobody counts as fewer than k too, as an empty
 * cell is suppressed: otherwise "withheld or not" would tell whether that one person matched.
 */
final class FilterPersons {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FilterPersons() {}

    /** {@code least(count(DISTINCT key) FILTER (WHERE filter), count(DISTINCT key) FILTER (WHERE NOT coalesce(filter, false)))}. */
    static ObjectNode column(JsonNode personKey, JsonNode filter) {
        ObjectNode selected = distinctCount(personKey, filter.deepCopy());
        ObjectNode leftOut = distinctCount(personKey, not(coalesceFalse(filter.deepCopy())));
        return QueryAnalyzer.function("least", selected, leftOut);
    }

    private static ObjectNode distinctCount(JsonNode key, JsonNode filter) {
        ObjectNode count = QueryAnalyzer.function("count", key.deepCopy());
        count.put("distinct", true);
        count.set("filter", filter);
        return count;
    }

    private static ObjectNode not(JsonNode child) {
        ObjectNode op = operator("OPERATOR_NOT");
        op.putArray("children").add(child);
        return op;
    }

    private static ObjectNode coalesceFalse(JsonNode child) {
        ObjectNode op = operator("OPERATOR_COALESCE");
        ArrayNode children = op.putArray("children");
        children.add(child);
        ObjectNode cast = JSON.objectNode();
        cast.put("class", "CAST");
        cast.put("type", "OPERATOR_CAST");
        cast.put("alias", "");
        ObjectNode f = constant("VARCHAR");
        ((ObjectNode) f.path("value")).put("value", "f");
        cast.set("child", f);
        cast.putObject("cast_type").put("id", "BOOLEAN").putNull("type_info");
        cast.put("try_cast", false);
        children.add(cast);
        return op;
    }

    private static ObjectNode operator(String type) {
        ObjectNode op = JSON.objectNode();
        op.put("class", "OPERATOR");
        op.put("type", type);
        op.put("alias", "");
        return op;
    }

    private static ObjectNode constant(String type) {
        ObjectNode c = JSON.objectNode();
        c.put("class", "CONSTANT");
        c.put("type", "VALUE_CONSTANT");
        c.put("alias", "");
        ObjectNode v = c.putObject("value");
        v.putObject("type").put("id", type).putNull("type_info");
        v.put("is_null", false);
        return c;
    }
}
