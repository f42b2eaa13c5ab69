package org.pdao.dataspace.internal.query;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The tables a recorded query reads, from DuckDB's own syntax tree: every base-table reference, lower-cased. A common
 * table expression that shadows a table's name counts as that table (the safe side for a statement of sources).
 */
@Component
public class QueryTables {

    private final LockedEngine engine;
    private final JdbcClient jdbc;

    QueryTables(LockedEngine engine, JdbcClient jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    /** The tables query {@code queryId} reads; empty if it is unknown or its text no longer parses. */
    public Set<String> of(UUID queryId) {
        String sql = jdbc.sql("select sql_text from dataspace_query where id = ?").param(queryId).query(String.class)
                .optional().orElse(null);
        Set<String> names = new TreeSet<>();
        if (sql == null) {
            return names;
        }
        try {
            collect(engine.parse(sql), names);
        } catch (QueryRefused unparsable) {
            names.clear();
        }
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            if ("BASE_TABLE".equals(node.path("type").asString("")) && node.path("table_name").isString()) {
                names.add(node.path("table_name").asString().toLowerCase(Locale.ROOT));
            }
            node.forEach(child -> collect(child, names));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, names));
        }
    }
}
