package org.pdao.dataspace.internal.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.internal.gate.ResultColumn.Disclosure;
import org.pdao.shared.RuleRef;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks the JSON syntax tree DuckDB's parser produced ({@code json_serialize_sql}) for one query of one workspace:
 * resolves every table and column against the workspace (and the query's own CTEs and subqueries), works out the
 * lineage of every value, applies the constraints of each column's {@link ColumnTreatment}, and, when nothing is
 * refused, rewrites the query into the three statements the engine runs:
 * <ol>
 * <li><b>cells</b>: the released level's groups with their group keys, each aggregate, the number of distinct
 * persons of every person-bearing source and the scale of noise, with the developer's FROM and WHERE;</li>
 * <li><b>population</b>: the same FROM and WHERE with the group keys and the first person key, for the release
 * ledger;</li>
 * <li><b>output</b>: the developer's select list, HAVING, QUALIFY, windows, ORDER BY and LIMIT evaluated over the
 * suppressed and noised cells only ({@code __pdao_cells}).</li>
 * </ol>
 * Levels below the released one (CTEs, subqueries) are row level or aggregate per person (their GROUP BY holds a
 * person key); they expose the person keys of their sources as hidden columns {@code __pdao_pk<n>}.
 */
final class QueryAnalyzer {

    static final String CELLS = "__pdao_cells";
    private static final String HIDDEN = "__pdao";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** How an aggregate of the released level is noised. */
    enum Noise { COUNT, SUM, AVG, NONE }

    /** One aggregate of the released level: its cell column, canonical form and noise. */
    record CellAggregate(int index, String function, String canonical, Noise noise, int scaleColumn,
            int filterColumn) {}

    /** One output column as the analysis sees it (the name comes from the engine's binding). */
    record OutputColumn(int index, @Nullable String alias, Lineage lineage, Disclosure disclosure, String explanation) {}

    /** The outcome: refusals, or the statements to run and what each output column is. */
    record Analysis(List<Refusal> refusals, List<OutputColumn> columns, boolean aggregated, @Nullable JsonNode cells,
            @Nullable JsonNode population, @Nullable JsonNode output, List<CellAggregate> aggregates, int groupKeys,
            int personCounts, String canonicalPopulation, List<Analysis> subReleases, @Nullable String table,
            String cellsTable, boolean direct) {

        Analysis {
            subReleases = List.copyOf(subReleases);
        }

        Analysis into(String targetTable, List<Analysis> subs) {
            return new Analysis(refusals, columns, aggregated, cells, population, output, aggregates, groupKeys,
                    personCounts, canonicalPopulation, subs, targetTable, cellsTable, direct);
        }

        boolean allowed() {
            return refusals.isEmpty();
        }
    }

    /** A column of a relation in scope. */
    private record Col(String name, Lineage lineage, boolean personKey) {}

    /** A relation in scope: a workspace table, a CTE or a subquery, with the columns holding its person keys. */
    private record Rel(String alias, List<Col> cols, List<String> persons, boolean baseTable, boolean released,
            boolean personUnique) {

        Rel(String alias, List<Col> cols, List<String> persons, boolean baseTable) {
            this(alias, cols, persons, baseTable, false, false);
        }

        Rel(String alias, List<Col> cols, List<String> persons, boolean baseTable, boolean released) {
            this(alias, cols, persons, baseTable, released, false);
        }

        @Nullable Col col(String name) {
            for (Col c : cols) {
                if (c.name().equalsIgnoreCase(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    private static final class Scope {
        final @Nullable Scope outer;
        final Map<String, Rel> ctes;
        final List<Rel> rels = new ArrayList<>();
        final Map<String, JsonNode> aliases = new HashMap<>();
        final List<JsonNode> cteEntries = new ArrayList<>();
        /**
         * Person keys ({@code alias.column}, lower case) that an inner join's equality ties to another person key of
         * the level, mapped to that key: on every row both hold the same person (or, null-extended by an outer join
         * around it, both NULL), so the level counts them once.
         */
        final Map<String, String> samePerson = new HashMap<>();

        Scope(@Nullable Scope outer, Map<String, Rel> ctes) {
            this.outer = outer;
            this.ctes = ctes;
            if (outer != null) {
                cteEntries.addAll(outer.cteEntries);
            }
        }
    }

    private enum Clause { SELECT, WHERE, JOIN, GROUP, HAVING, ORDER, WINDOW, FILTER }

    private final Map<String, WorkspaceTable> tables = new LinkedHashMap<>();
    private final List<Refusal> refusals = new ArrayList<>();
    private final List<Analysis> subReleases = new ArrayList<>();
    private final java.util.Set<JsonNode> own = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private JsonNode tree = JSON.objectNode();
    private int aliasCounter;

    /** The smallest group size (persons), for the checks computed inside the cells statement. */
    private final int k;

    QueryAnalyzer(List<WorkspaceTable> workspaceTables) {
        this(workspaceTables, 2);
    }

    QueryAnalyzer(List<WorkspaceTable> workspaceTables, int k) {
        this.k = Math.max(1, k);
        for (WorkspaceTable t : workspaceTables) {
            tables.put(t.name().toLowerCase(Locale.ROOT), t);
        }
    }

    /** Analyses the parsed statement ({@code json_serialize_sql} output, one statement). */
    Analysis analyze(JsonNode root) {
        JsonNode statements = root.path("statements");
        if (statements.size() != 1) {
            refuse(null, QueryRules.TZ_12, null, "query.refusal.multiple-statements");
            return refused();
        }
        tree = root.deepCopy();
        tryCasts(tree);
        ObjectNode node = (ObjectNode) tree.path("statements").get(0).path("node");
        if ("SET_OPERATION_NODE".equals(node.path("type").asString())) {
            node = wrapped(node);
            ((ObjectNode) tree.path("statements").get(0)).set("node", node);
        }
        if (!"SELECT_NODE".equals(node.path("type").asString())) {
            refuse(null, QueryRules.TZ_3, null, "query.refusal.release-not-select", node.path("type").asString());
            return refused();
        }
        Scope scope = new Scope(null, new LinkedHashMap<>());
        ctes(node, scope);
        if (!refusals.isEmpty()) {
            return refused();
        }
        from(node, scope);
        if (!refusals.isEmpty()) {
            return refused();
        }
        expandStars(node, scope);
        if (!refusals.isEmpty()) {
            return refused();
        }
        aliases(node, scope);
        if (!node.path("sample").isNull() && !node.path("sample").isMissingNode()) {
            refuse(null, QueryRules.TZ_3, location(node), "query.refusal.sample");
        }
        if (node.path("where_clause").isObject()) {
            expr(node.path("where_clause"), scope, Clause.WHERE, null);
        }
        if (!scope.rels.isEmpty() && scope.rels.stream().allMatch(Rel::released)) {
            return direct(node, scope).into(null, subReleases);
        }
        boolean aggregated = aggregating(node, scope);
        Analysis analysis = aggregated ? released(tree, node, scope, CELLS) : releasedRows(tree, node, scope);
        return analysis.allowed() ? analysis.into(null, subReleases) : analysis;
    }

    /**
     * A released level that reads only released sub-results (aggregating CTEs or subqueries already suppressed and
     * noised): it post-processes released values and runs as it is, without subqueries.
     */
    private Analysis direct(ObjectNode node, Scope scope) {
        List<OutputColumn> columns = new ArrayList<>();
        ArrayNode select = (ArrayNode) node.path("select_list");
        for (int i = 0; i < select.size(); i++) {
            JsonNode item = select.get(i);
            Lineage lin = containsClass(item, "WINDOW") ? windowFree(item, scope) : expr(item, scope, Clause.SELECT, null);
            String alias = item.path("alias").asString("");
            boolean keys = !lin.uses().isEmpty() && lin.uses().stream().allMatch(u -> u.via().contains("group key"));
            Disclosure d = keys ? Disclosure.CLEAR : Disclosure.AGGREGATE;
            columns.add(new OutputColumn(i, alias.isEmpty() ? null : alias, lin, d, "query.explain.released-sub"));
        }
        for (String f : List.of("where_clause", "having", "qualify")) {
            if (node.path(f).isObject()) {
                if (containsClass(node.path(f), "SUBQUERY")) {
                    refuse(null, QueryRules.TZ_3, location(node.path(f)), "query.refusal.subquery");
                }
            }
        }
        if (node.path("having").isObject()) {
            expr(node.path("having"), scope, Clause.HAVING, null);
        }
        for (JsonNode g : node.path("group_expressions")) {
            expr(g, scope, Clause.GROUP, null);
        }
        if (containsClass(node.path("select_list"), "SUBQUERY") || containsClass(node.path("modifiers"), "SUBQUERY")) {
            refuse(null, QueryRules.TZ_3, location(node), "query.refusal.subquery");
        }
        if (!refusals.isEmpty()) {
            return refused();
        }
        return new Analysis(List.of(), columns, true, null, null, statement(tree, node), List.of(), 0, 0, "",
                List.of(), null, CELLS, true);
    }

    /**
     * A set operation at the released level becomes {@code SELECT * FROM (<set operation>)} with its CTEs, ORDER BY
     * and LIMIT moved outside, so each side is analysed (and, when it aggregates, released on its own).
     */
    private ObjectNode wrapped(ObjectNode setop) {
        ObjectNode inner = (ObjectNode) setop.deepCopy();
        ObjectNode emptyCtes = JSON.objectNode();
        emptyCtes.set("map", JSON.arrayNode());
        inner.set("cte_map", emptyCtes);
        inner.set("modifiers", JSON.arrayNode());
        ObjectNode sub = JSON.objectNode();
        sub.put("type", "SUBQUERY");
        sub.put("alias", HIDDEN + "_u");
        own.add(sub);
        sub.putNull("sample");
        ObjectNode subquery = sub.putObject("subquery");
        subquery.set("node", inner);
        subquery.set("named_param_map", JSON.arrayNode());
        sub.set("column_name_alias", JSON.arrayNode());
        ObjectNode select = JSON.objectNode();
        select.put("type", "SELECT_NODE");
        select.set("modifiers", setop.path("modifiers").deepCopy());
        select.set("cte_map", setop.path("cte_map").deepCopy());
        ArrayNode list = select.putArray("select_list");
        ObjectNode star = JSON.objectNode();
        star.put("class", "STAR");
        star.put("type", "STAR");
        star.put("alias", "");
        star.put("relation_name", "");
        star.set("exclude_list", JSON.arrayNode());
        star.set("replace_list", JSON.arrayNode());
        star.put("columns", false);
        star.putNull("expr");
        star.set("qualified_exclude_list", JSON.arrayNode());
        star.set("rename_list", JSON.arrayNode());
        list.add(star);
        select.set("from_table", sub);
        select.putNull("where_clause");
        select.set("group_expressions", JSON.arrayNode());
        select.set("group_sets", JSON.arrayNode());
        select.put("aggregate_handling", "STANDARD_HANDLING");
        select.putNull("having");
        select.putNull("sample");
        select.putNull("qualify");
        return select;
    }

    /** Every CAST becomes TRY_CAST: a cast that fails on one person's value must not raise an error (error channel). */
    private static void tryCasts(JsonNode e) {
        if (e.isObject()) {
            if (e.path("class").asString("").equals("CAST")) {
                ((ObjectNode) e).put("try_cast", true);
            }
            for (var entry : e.properties()) {
                tryCasts(entry.getValue());
            }
        } else if (e.isArray()) {
            for (JsonNode c : e) {
                tryCasts(c);
            }
        }
    }

    /** Lineage of an item with windows over released values: the window's parts are walked as plain expressions. */
    private Lineage windowFree(JsonNode item, Scope scope) {
        if (item.path("class").asString().equals("WINDOW")) {
            String fn = name(item);
            if (!FunctionCatalog.WINDOW.contains(fn) && !FunctionCatalog.aggregate(fn)) {
                refuseFunction(item);
                return Lineage.NONE;
            }
            List<Lineage> parts = new ArrayList<>();
            for (JsonNode c : item.path("children")) {
                parts.add(windowFree(c, scope));
            }
            for (JsonNode p : item.path("partitions")) {
                parts.add(windowFree(p, scope));
            }
            for (JsonNode o : item.path("orders")) {
                parts.add(windowFree(o.path("expression"), scope));
            }
            return Lineage.union(parts).via("window " + fn);
        }
        if (!containsClass(item, "WINDOW")) {
            return expr(item, scope, Clause.SELECT, null);
        }
        List<Lineage> parts = new ArrayList<>();
        if (item.path("class").asString().equals("FUNCTION") && !FunctionCatalog.scalar(name(item))) {
            refuseFunction(item);
        }
        for (String f : EXPRESSION_FIELDS) {
            JsonNode child = item.path(f);
            if (child.isArray()) {
                for (JsonNode c : child) {
                    if (c.has("class")) {
                        parts.add(windowFree(c, scope));
                    }
                }
            } else if (child.isObject() && child.has("class")) {
                parts.add(windowFree(child, scope));
            }
        }
        return Lineage.union(parts);
    }

    // --- the released level

    private Analysis released(JsonNode tree, ObjectNode node, Scope scope, String cellsTable) {
        List<JsonNode> groups = groupExpressions(node, scope, true);
        List<String> groupCanon = new ArrayList<>();
        List<Lineage> groupLineage = new ArrayList<>();
        for (JsonNode g : groups) {
            Lineage lin = expr(g, scope, Clause.GROUP, null);
            if (lin.hasIdentifier()) {
                refuse(lin.firstIdentifier(), QueryRules.NJ_16, location(g), "query.refusal.identifier-group-key");
            } else if (lin.hasAggregateOnly()) {
                refuse(lin.firstAggregateOnly(), QueryRules.JL_PROHIBIT, location(g),
                        "query.refusal.aggregate-only-group-key");
            }
            groupCanon.add(canonical(g, scope));
            groupLineage.add(lin.via("group key"));
        }
        Released r = new Released(scope, groupCanon, groupLineage);
        ArrayNode select = (ArrayNode) node.path("select_list");
        List<OutputColumn> columns = new ArrayList<>();
        ArrayNode outSelect = JSON.arrayNode();
        for (int i = 0; i < select.size(); i++) {
            JsonNode item = select.get(i);
            r.lineage = Lineage.NONE;
            r.counts = true;
            r.anyAggregate = false;
            JsonNode rewritten = r.rewrite(item, Clause.SELECT);
            String alias = item.path("alias").asString("");
            ((ObjectNode) rewritten).put("alias", alias);
            outSelect.add(rewritten);
            Disclosure disclosure = !r.anyAggregate ? Disclosure.CLEAR : r.counts ? Disclosure.COUNT : Disclosure.AGGREGATE;
            String explanation = switch (disclosure) {
                case CLEAR -> "query.explain.group-key";
                case COUNT -> "query.explain.count";
                case AGGREGATE -> r.lineage.hasAggregateOnly() ? "query.explain.aggregate-only" : "query.explain.aggregate";
            };
            columns.add(new OutputColumn(i, alias.isEmpty() ? null : alias, r.lineage, disclosure, explanation));
        }
        JsonNode having = node.path("having").isObject() ? r.rewrite(node.path("having"), Clause.HAVING) : null;
        JsonNode qualify = node.path("qualify").isObject() ? r.rewrite(node.path("qualify"), Clause.HAVING) : null;
        ArrayNode modifiers = modifiers(node, r);
        if (!refusals.isEmpty()) {
            return refused();
        }
        List<JsonNode> persons = personExpressions(scope);
        // cells
        ObjectNode cells = node.deepCopy();
        ArrayNode cellSelect = JSON.arrayNode();
        for (int i = 0; i < groups.size(); i++) {
            cellSelect.add(aliased(groups.get(i).deepCopy(), "__pdao_g" + i));
        }
        List<CellAggregate> aggregates = new ArrayList<>();
        int scale = 0;
        // the executor reads the aggregates first, then the scales, then the persons: scales go after every aggregate
        List<JsonNode> scales = new ArrayList<>();
        for (int i = 0; i < r.aggregates.size(); i++) {
            cellSelect.add(aliased(r.aggregates.get(i).deepCopy(), "__pdao_a" + i));
        }
        // the scales of noise follow all aggregates (the executor reads them at groups + aggregates + n)
        for (int i = 0; i < r.aggregates.size(); i++) {
            JsonNode agg = r.aggregates.get(i);
            Noise noise = r.noise.get(i);
            int scaleColumn = -1;
            if (noise == Noise.SUM || noise == Noise.AVG) {
                // the scale of one person's influence: on a sum their value (mean |x|), on an average their
                // deviation from the mean (the spread, stddev_pop; the executor divides it by the persons)
                ObjectNode abs = (ObjectNode) agg.deepCopy();
                abs.put("function_name", noise == Noise.SUM ? "avg" : "stddev_pop");
                abs.put("distinct", false);
                ArrayNode args = JSON.arrayNode();
                JsonNode value = agg.path("children").get(0).deepCopy();
                args.add(noise == Noise.SUM ? function("abs", value) : value);
                abs.set("children", args);
                scales.add(aliased(abs, "__pdao_s" + scale));
                scaleColumn = scale++;
            }
            aggregates.add(new CellAggregate(i, agg.path("function_name").asString(), r.aggregateCanon.get(i), noise,
                    scaleColumn, -1));
        }
        scales.forEach(cellSelect::add);
        for (int i = 0; i < persons.size(); i++) {
            cellSelect.add(aliased(persons.get(i), "__pdao_p" + i));
        }
        // only the persons who actually contribute count: under k the aggregate's value is withheld (Contributors)
        List<JsonNode> keys = personKeys(scope);
        int filters = 0;
        for (int i = 0; i < aggregates.size(); i++) {
            JsonNode contributors = Contributors.expression(r.aggregates.get(i), keys, k, onePersonPerRow(scope));
            if (contributors != null) {
                cellSelect.add(aliased(contributors, "__pdao_f" + filters));
                CellAggregate a = aggregates.get(i);
                aggregates.set(i, new CellAggregate(a.index(), a.function(), a.canonical(), a.noise(), a.scaleColumn(),
                        filters++));
            }
        }
        cells.set("select_list", cellSelect);
        groupBy(cells, groups);
        cells.putNull("having");
        cells.putNull("qualify");
        cells.set("modifiers", JSON.arrayNode());
        // population (ledger)
        ObjectNode population = populationOf(node, groups, scope);
        // output over the cells
        ObjectNode output = overCells(node, outSelect, having, qualify, modifiers, cellsTable);
        return new Analysis(List.of(), columns, true, ErrorFree.statement(statement(tree, cells)),
                ErrorFree.statement(statement(tree, population)), statement(tree, output), aggregates, groups.size(),
                persons.size(), canonicalPopulation(node, groups, scope), List.of(), null, cellsTable, false);
    }

    private Analysis releasedRows(JsonNode tree, ObjectNode node, Scope scope) {
        ArrayNode select = (ArrayNode) node.path("select_list");
        List<OutputColumn> columns = new ArrayList<>();
        List<JsonNode> groups = new ArrayList<>();
        List<String> canon = new ArrayList<>();
        ArrayNode outSelect = JSON.arrayNode();
        for (int i = 0; i < select.size(); i++) {
            JsonNode item = select.get(i);
            if (containsClass(item, "WINDOW")) {
                refuse(null, QueryRules.TZ_3, location(item), "query.refusal.row-window");
                continue;
            }
            Lineage lin = expr(item, scope, Clause.SELECT, null);
            String alias = item.path("alias").asString("");
            String label = alias.isEmpty() ? null : alias;
            if (lin.hasIdentifier()) {
                refuse(lin.firstIdentifier(), QueryRules.NJ_16, location(item), "query.refusal.identifier-output");
            } else if (lin.hasAggregateOnly()) {
                refuse(lin.firstAggregateOnly(), QueryRules.NJ_14, location(item), "query.refusal.aggregate-only-raw");
            }
            groups.add(item);
            canon.add(canonical(item, scope));
            ObjectNode ref = columnRef("__pdao_g" + i);
            ref.put("alias", alias);
            outSelect.add(ref);
            columns.add(new OutputColumn(i, label, lin, Disclosure.CLEAR, "query.explain.row-level"));
        }
        if (node.path("qualify").isObject()) {
            refuse(null, QueryRules.TZ_3, location(node.path("qualify")), "query.refusal.row-window");
        }
        Released r = new Released(scope, canon, columns.stream().map(OutputColumn::lineage).toList());
        r.rowLevel = true;
        ArrayNode modifiers = modifiers(node, r);
        if (!refusals.isEmpty()) {
            return refused();
        }
        List<JsonNode> persons = personExpressions(scope);
        ObjectNode cells = node.deepCopy();
        ArrayNode cellSelect = JSON.arrayNode();
        for (int i = 0; i < groups.size(); i++) {
            cellSelect.add(aliased(groups.get(i).deepCopy(), "__pdao_g" + i));
        }
        for (int i = 0; i < persons.size(); i++) {
            cellSelect.add(aliased(persons.get(i), "__pdao_p" + i));
        }
        cells.set("select_list", cellSelect);
        groupBy(cells, groups);
        cells.set("modifiers", JSON.arrayNode());
        cells.putNull("having");
        cells.putNull("qualify");
        ObjectNode population = populationOf(node, groups, scope);
        ObjectNode output = overCells(node, outSelect, null, null, modifiers, CELLS);
        return new Analysis(List.of(), columns, false, ErrorFree.statement(statement(tree, cells)),
                ErrorFree.statement(statement(tree, population)), statement(tree, output), List.of(), groups.size(),
                persons.size(), canonicalPopulation(node, groups, scope), List.of(), null, CELLS, false);
    }

    /** Rewrites expressions of the released level onto the cells: group keys and aggregates become cell columns. */
    private final class Released {
        final Scope scope;
        final List<String> groupCanon;
        final List<Lineage> groupLineage;
        final List<JsonNode> aggregates = new ArrayList<>();
        final List<String> aggregateCanon = new ArrayList<>();
        final List<Noise> noise = new ArrayList<>();
        final List<Lineage> aggregateLineage = new ArrayList<>();
        Lineage lineage = Lineage.NONE;
        boolean counts = true;
        boolean anyAggregate;
        boolean rowLevel;

        Released(Scope scope, List<String> groupCanon, List<Lineage> groupLineage) {
            this.scope = scope;
            this.groupCanon = groupCanon;
            this.groupLineage = groupLineage;
        }

        JsonNode rewrite(JsonNode e, Clause clause) {
            String cls = e.path("class").asString();
            if (cls.equals("CONSTANT")) {
                return e.deepCopy();
            }
            int g = groupCanon.indexOf(canonical(e, scope));
            if (g >= 0) {
                lineage = lineage.plus(groupLineage.get(g));
                return columnRef("__pdao_g" + g);
            }
            if (rowLevel) {
                if (cls.equals("COLUMN_REF") && e.path("column_names").size() == 1
                        && outputAlias(e.path("column_names").get(0).asString())) {
                    return e.deepCopy();
                }
                refuse(null, QueryRules.TZ_3, location(e), "query.refusal.order-not-output");
                return e.deepCopy();
            }
            if (cls.equals("FUNCTION") && FunctionCatalog.aggregate(name(e))) {
                Lineage lin = expr(e, scope, clause, null);
                if (FunctionCatalog.NOT_RELEASED.contains(name(e))) {
                    refuse(lin.uses().stream().map(Lineage.Use::qualified).findFirst().orElse(null), QueryRules.NJ_14,
                            location(e), "query.refusal.value-revealing-release", name(e));
                }
                String canon = canonical(e, scope);
                int a = aggregateCanon.indexOf(canon);
                if (a < 0) {
                    a = aggregates.size();
                    aggregates.add(e);
                    aggregateCanon.add(canon);
                    aggregateLineage.add(lin);
                    noise.add(noiseOf(e, lin));
                }
                anyAggregate = true;
                counts &= FunctionCatalog.COUNTING.contains(name(e));
                lineage = lineage.plus(lin);
                return columnRef("__pdao_a" + a);
            }
            if (cls.equals("COLUMN_REF")) {
                JsonNode names = e.path("column_names");
                if (names.size() == 1 && clause != Clause.SELECT && outputAlias(names.get(0).asString())) {
                    return e.deepCopy();
                }
                refuse(String.join(".", strings(names)), QueryRules.TZ_3, location(e), "query.refusal.not-grouped");
                return e.deepCopy();
            }
            if (cls.equals("SUBQUERY") || cls.equals("STAR") || cls.equals("LAMBDA") || cls.equals("PARAMETER")) {
                refuse(null, QueryRules.TZ_3, location(e), "query.refusal.expression", cls);
                return e.deepCopy();
            }
            if (cls.equals("FUNCTION") && !FunctionCatalog.scalar(name(e))) {
                refuseFunction(e);
                return e.deepCopy();
            }
            if (cls.equals("WINDOW")) {
                String fn = name(e);
                if (!FunctionCatalog.WINDOW.contains(fn) && !FunctionCatalog.aggregate(fn)) {
                    refuseFunction(e);
                    return e.deepCopy();
                }
                anyAggregate = true;
                counts = false;
            }
            if (cls.equals("CAST")) {
                checkCast(e, Lineage.NONE);
            }
            ObjectNode copy = (ObjectNode) e.deepCopy();
            for (String field : EXPRESSION_FIELDS) {
                JsonNode child = copy.get(field);
                if (child == null || child.isNull()) {
                    continue;
                }
                if (child.isArray()) {
                    ArrayNode out = JSON.arrayNode();
                    for (JsonNode c : child) {
                        out.add(rewriteNested(c, clause));
                    }
                    copy.set(field, out);
                } else if (child.isObject()) {
                    copy.set(field, rewriteNested(child, clause));
                }
            }
            return copy;
        }

        private JsonNode rewriteNested(JsonNode c, Clause clause) {
            if (c.has("class")) {
                return rewrite(c, clause);
            }
            ObjectNode copy = (ObjectNode) c.deepCopy();
            for (String f : List.of("expression", "when_expr", "then_expr")) {
                if (copy.path(f).isObject()) {
                    copy.set(f, rewrite(copy.path(f), clause));
                }
            }
            if (copy.path("orders").isArray()) {
                ArrayNode orders = JSON.arrayNode();
                for (JsonNode o : copy.path("orders")) {
                    orders.add(rewriteNested(o, clause));
                }
                copy.set("orders", orders);
            }
            return copy;
        }

        private boolean outputAlias(String name) {
            return scope.aliases.containsKey(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final List<String> EXPRESSION_FIELDS = List.of("children", "child", "left", "right", "input",
            "lower", "upper", "case_checks", "else_expr", "filter", "partitions", "orders", "start_expr", "end_expr",
            "offset_expr", "default_expr", "filter_expr", "order_bys", "arg_orders");

    private static Noise noiseOf(JsonNode agg, Lineage lin) {
        String fn = name(agg);
        if (FunctionCatalog.COUNTING.contains(fn)) {
            return Noise.COUNT;
        }
        if (!lin.hasAggregateOnly() || agg.path("children").size() != 1) {
            return Noise.NONE;
        }
        return switch (fn) {
            case "sum", "fsum", "sumkahan", "kahan_sum" -> Noise.SUM;
            case "avg", "mean", "favg" -> Noise.AVG;
            default -> Noise.NONE;
        };
    }

    private ArrayNode modifiers(ObjectNode node, Released r) {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode m : node.path("modifiers")) {
            String type = m.path("type").asString();
            switch (type) {
                case "ORDER_MODIFIER" -> {
                    ObjectNode copy = (ObjectNode) m.deepCopy();
                    ArrayNode orders = JSON.arrayNode();
                    for (JsonNode o : m.path("orders")) {
                        ObjectNode oc = (ObjectNode) o.deepCopy();
                        JsonNode e = o.path("expression");
                        if (!(e.path("class").asString().equals("CONSTANT"))) {
                            oc.set("expression", r.rewrite(e, Clause.ORDER));
                        }
                        orders.add(oc);
                    }
                    copy.set("orders", orders);
                    out.add(copy);
                }
                case "LIMIT_MODIFIER" -> {
                    for (String f : List.of("limit", "offset")) {
                        JsonNode v = m.path(f);
                        if (v.isObject() && !v.path("class").asString().equals("CONSTANT")) {
                            refuse(null, QueryRules.TZ_3, location(v), "query.refusal.limit-constant");
                        }
                    }
                    out.add(m.deepCopy());
                }
                case "DISTINCT_MODIFIER" -> {
                    if (m.path("distinct_on_targets").size() > 0) {
                        refuse(null, QueryRules.TZ_3, null, "query.refusal.expression", "DISTINCT ON");
                    }
                    out.add(m.deepCopy());
                }
                default -> refuse(null, QueryRules.TZ_3, null, "query.refusal.expression", type);
            }
        }
        return out;
    }

    private ObjectNode overCells(ObjectNode node, ArrayNode select, @Nullable JsonNode having,
            @Nullable JsonNode qualify, ArrayNode modifiers, String cellsTable) {
        ObjectNode out = node.deepCopy();
        ObjectNode cte = JSON.objectNode();
        cte.set("map", JSON.arrayNode());
        out.set("cte_map", cte);
        out.set("select_list", select);
        ObjectNode from = JSON.objectNode();
        from.put("type", "BASE_TABLE");
        from.put("alias", "");
        from.putNull("sample");
        from.put("schema_name", "");
        from.put("table_name", cellsTable);
        from.set("column_name_alias", JSON.arrayNode());
        from.put("catalog_name", "");
        from.putNull("at_clause");
        out.set("from_table", from);
        if (having == null) {
            out.putNull("where_clause");
        } else {
            out.set("where_clause", having);
        }
        out.set("group_expressions", JSON.arrayNode());
        out.set("group_sets", JSON.arrayNode());
        out.put("aggregate_handling", "STANDARD_HANDLING");
        out.putNull("having");
        if (qualify == null) {
            out.putNull("qualify");
        } else {
            out.set("qualify", qualify);
        }
        out.set("modifiers", modifiers);
        return out;
    }

    private ObjectNode populationOf(ObjectNode node, List<JsonNode> groups, Scope scope) {
        ObjectNode population = node.deepCopy();
        ArrayNode select = JSON.arrayNode();
        for (int i = 0; i < groups.size(); i++) {
            select.add(aliased(groups.get(i).deepCopy(), "__pdao_g" + i));
        }
        List<JsonNode> keys = personKeys(scope);
        select.add(aliased(keys.isEmpty() ? text("row") : keys.get(0), "__pdao_pk"));
        population.set("select_list", select);
        population.set("group_expressions", JSON.arrayNode());
        population.set("group_sets", JSON.arrayNode());
        population.put("aggregate_handling", "STANDARD_HANDLING");
        population.putNull("having");
        population.putNull("qualify");
        population.set("modifiers", JSON.arrayNode());
        return population;
    }

    private String canonicalPopulation(ObjectNode node, List<JsonNode> groups, Scope scope) {
        StringBuilder out = new StringBuilder();
        out.append(strip(node.path("cte_map"))).append('|').append(strip(node.path("from_table"))).append('|')
                .append(strip(node.path("where_clause")));
        for (JsonNode g : groups) {
            out.append('|').append(canonical(g, scope));
        }
        return out.toString();
    }

    private static void groupBy(ObjectNode node, List<JsonNode> groups) {
        ArrayNode exprs = JSON.arrayNode();
        ArrayNode set = JSON.arrayNode();
        for (int i = 0; i < groups.size(); i++) {
            exprs.add(groups.get(i).deepCopy());
            set.add(i);
        }
        node.set("group_expressions", exprs);
        ArrayNode sets = JSON.arrayNode();
        if (!groups.isEmpty()) {
            sets.add(set);
        }
        node.set("group_sets", sets);
        node.put("aggregate_handling", "STANDARD_HANDLING");
    }

    /** {@code count(DISTINCT key)} of every person source of the released level's FROM. */
    private List<JsonNode> personExpressions(Scope scope) {
        List<JsonNode> out = new ArrayList<>();
        boolean unique = onePersonPerRow(scope);
        for (JsonNode key : personKeys(scope)) {
            ObjectNode count = function("count", key);
            count.put("distinct", !unique);
            out.add(count);
        }
        return out;
    }

    /**
     * Whether every row of the level is another person: it reads one workspace table whose person key is unique per
     * row (no join, no subquery), so the rows with a key are the persons and no distinct count is needed.
     */
    private static boolean onePersonPerRow(Scope scope) {
        return scope.rels.size() == 1 && scope.rels.get(0).baseTable() && scope.rels.get(0).personUnique();
    }

    /** The level's person keys, one per person: keys an inner join equates count once ({@link Scope#samePerson}). */
    private List<JsonNode> personKeys(Scope scope) {
        List<JsonNode> out = new ArrayList<>();
        java.util.Set<String> counted = new java.util.HashSet<>();
        for (Rel rel : scope.rels) {
            for (String person : rel.persons()) {
                if (counted.add(samePersonRoot(scope, (rel.alias() + "." + person).toLowerCase(Locale.ROOT)))) {
                    out.add(columnRef(rel.alias(), person));
                }
            }
        }
        return out;
    }

    // --- levels below the release

    private void ctes(ObjectNode node, Scope scope) {
        for (JsonNode entry : node.path("cte_map").path("map")) {
            String name = entry.path("key").asString();
            JsonNode value = entry.path("value");
            checkName(name, location(value));
            if (value.path("key_targets").size() > 0) {
                refuse(null, QueryRules.TZ_3, null, "query.refusal.recursive");
                continue;
            }
            ObjectNode query = (ObjectNode) value.path("query").path("node");
            Rel rel = relation(query, scope, name);
            if (rel == null) {
                continue;
            }
            rel = renamed(rel, value.path("aliases"));
            scope.ctes.put(name.toLowerCase(Locale.ROOT), rel);
            scope.cteEntries.add(entry);
        }
    }

    /** A subquery, CTE or set operation used as a relation; null when refused. */
    private @Nullable Rel relation(ObjectNode query, Scope outer, String alias) {
        return relation(query, outer, alias, true);
    }

    private @Nullable Rel relation(ObjectNode query, Scope outer, String alias, boolean expose) {
        String type = query.path("type").asString();
        if (type.equals("SET_OPERATION_NODE")) {
            String op = query.path("setop_type").asString();
            boolean personSets = op.equals("INTERSECT") || op.equals("EXCEPT");
            if (!op.equals("UNION") && !personSets) {
                refuse(null, QueryRules.TZ_3, null, "query.refusal.setop", op);
                return null;
            }
            Scope s = new Scope(outer.outer, new LinkedHashMap<>(outer.ctes));
            ctes(query, s);
            Rel left = relation((ObjectNode) query.path("left"), s, alias, expose);
            Rel right = relation((ObjectNode) query.path("right"), s, alias, expose);
            if (left == null || right == null) {
                return null;
            }
            if (left.persons().size() != right.persons().size() || left.cols().size() != right.cols().size()) {
                refuse(null, QueryRules.TZ_3, null, "query.refusal.setop-persons");
                return null;
            }
            List<Col> cols = new ArrayList<>();
            boolean keyed = false;
            for (int i = 0; i < left.cols().size(); i++) {
                Col l = left.cols().get(i);
                Col r = right.cols().get(i);
                cols.add(new Col(l.name(), l.lineage().plus(r.lineage()), l.personKey() && r.personKey()));
                keyed |= l.personKey() && r.personKey();
            }
            // INTERSECT / EXCEPT of persons (comorbidity: patients with I10 and E11): the hidden person key of each side
            // is one of its visible columns, so comparing rows with it compares what the analyst wrote; on other rows
            // the hidden key would change the meaning (hospitals in both sets would become hospital-person pairs)
            if (personSets && (!keyed || left.persons().size() != 1)) {
                refuse(null, QueryRules.TZ_3, null, "query.refusal.setop", op);
                return null;
            }
            if (query.path("modifiers").size() > 0) {
                refuse(null, QueryRules.TZ_3, null, "query.refusal.expression", "UNION ORDER/LIMIT");
            }
            return new Rel(alias, cols, left.persons(), false, left.released() && right.released());
        }
        if (type.equals("RECURSIVE_CTE_NODE")) {
            refuse(null, QueryRules.TZ_3, null, "query.refusal.recursive");
            return null;
        }
        if (!type.equals("SELECT_NODE")) {
            refuse(null, QueryRules.TZ_3, null, "query.refusal.expression", type);
            return null;
        }
        Scope scope = new Scope(outer, new LinkedHashMap<>(outer.ctes));
        int before = refusals.size();
        ctes(query, scope);
        from(query, scope);
        if (refusals.size() > before) {
            return null;
        }
        expandStars(query, scope);
        aliases(query, scope);
        if (query.path("sample").isObject()) {
            refuse(null, QueryRules.TZ_3, location(query), "query.refusal.sample");
        }
        if (query.path("where_clause").isObject()) {
            expr(query.path("where_clause"), scope, Clause.WHERE, null);
        }
        boolean aggregated = aggregating(query, scope);
        ArrayNode select = (ArrayNode) query.path("select_list");
        List<Col> cols = new ArrayList<>();
        List<String> persons = new ArrayList<>();
        int personKeyGroup = -1;
        List<JsonNode> groups = List.of();
        if (aggregated) {
            groups = groupExpressions(query, scope, false);
            for (int i = 0; i < groups.size(); i++) {
                JsonNode g = groups.get(i);
                Lineage lin = expr(g, scope, Clause.GROUP, null);
                if (personKeyGroup < 0 && isPersonKey(g, scope)) {
                    personKeyGroup = i;
                } else if (lin.hasAggregateOnly()) {
                    refuse(lin.firstAggregateOnly(), QueryRules.JL_PROHIBIT, location(g),
                            "query.refusal.aggregate-only-group-key");
                } else if (lin.hasIdentifier() && !isIdentifierRef(g, scope)) {
                    refuse(lin.firstIdentifier(), QueryRules.NJ_16, location(g), "query.refusal.identifier-function");
                }
            }
            if (personKeyGroup < 0) {
                return expose ? subRelease(query, scope, alias) : null;
            }
            if (query.path("having").isObject()) {
                expr(query.path("having"), scope, Clause.HAVING, null);
            }
        }
        for (int i = 0; i < select.size(); i++) {
            ObjectNode item = (ObjectNode) select.get(i);
            Lineage lin = expr(item, scope, Clause.SELECT, null);
            if (aggregated) {
                lin = lin.via("per-person " + viaOf(item, scope.rels.size() == 1 && scope.rels.get(0).baseTable()));
            }
            String name = item.path("alias").asString("");
            if (name.isEmpty()) {
                name = item.path("class").asString().equals("COLUMN_REF")
                        ? last(item.path("column_names")) : HIDDEN + "_c" + (aliasCounter++);
                if (!item.path("class").asString().equals("COLUMN_REF")) {
                    item.put("alias", name);
                }
            }
            cols.add(new Col(name, lin, isPersonKey(item, scope)));
        }
        if (query.path("qualify").isObject()) {
            expr(query.path("qualify"), scope, Clause.WHERE, null);
        }
        for (JsonNode m : query.path("modifiers")) {
            if (m.path("type").asString().equals("ORDER_MODIFIER")) {
                for (JsonNode o : m.path("orders")) {
                    expr(o.path("expression"), scope, Clause.ORDER, null);
                }
            } else if (m.path("type").asString().equals("DISTINCT_MODIFIER") && m.path("distinct_on_targets").size() > 0) {
                refuse(null, QueryRules.TZ_3, null, "query.refusal.expression", "DISTINCT ON");
            } else if (m.path("type").asString().equals("LIMIT_MODIFIER")
                    || m.path("type").asString().equals("LIMIT_PERCENT_MODIFIER")) {
                // a LIMIT computed from the data (a subquery) decides how many persons an inner level keeps
                for (String f : List.of("limit", "offset")) {
                    JsonNode v = m.path(f);
                    if (v.isObject() && !v.path("class").asString().equals("CONSTANT")) {
                        refuse(null, QueryRules.TZ_3, location(v), "query.refusal.limit-constant");
                    }
                }
            }
        }
        // expose the person keys as hidden columns
        if (!expose) {
            return new Rel(alias, cols, List.of(), false);
        }
        if (aggregated) {
            String hidden = HIDDEN + "_pk0";
            select.add(aliased(groups.get(personKeyGroup).deepCopy(), hidden));
            persons.add(hidden);
        } else {
            int n = 0;
            for (Rel rel : scope.rels) {
                for (String person : rel.persons()) {
                    String hidden = HIDDEN + "_pk" + n++;
                    select.add(aliased(columnRef(rel.alias(), person), hidden));
                    persons.add(hidden);
                }
            }
        }
        return new Rel(alias, cols, persons, false);
    }

    /**
     * An aggregation across persons below the released level (a CTE or subquery grouped by something else than a
     * person key): released on its own — its cells suppressed under k persons, noised and checked against the
     * ledger — into a temp table the rest of the query reads like any released value.
     */
    private @Nullable Rel subRelease(ObjectNode query, Scope scope, String alias) {
        if (containsClass(query.path("select_list"), "WINDOW") || query.path("qualify").isObject()) {
            refuse(null, QueryRules.TZ_3, location(query), "query.refusal.inner-aggregate");
            return null;
        }
        String table = HIDDEN + "_t" + subReleases.size();
        ObjectNode standalone = (ObjectNode) query.deepCopy();
        ArrayNode map = JSON.arrayNode();
        for (JsonNode entry : scope.cteEntries) {
            map.add(entry.deepCopy());
        }
        for (JsonNode entry : query.path("cte_map").path("map")) {
            map.add(entry.deepCopy());
        }
        ObjectNode cteMap = JSON.objectNode();
        cteMap.set("map", map);
        standalone.set("cte_map", cteMap);
        ArrayNode select = (ArrayNode) standalone.path("select_list");
        for (int i = 0; i < select.size(); i++) {
            ObjectNode item = (ObjectNode) select.get(i);
            if (item.path("alias").asString("").isEmpty()) {
                item.put("alias", item.path("class").asString().equals("COLUMN_REF") ? last(item.path("column_names"))
                        : HIDDEN + "_c" + (aliasCounter++));
            }
        }
        int before = refusals.size();
        Analysis sub = released(tree, standalone, scope, HIDDEN + "_cells" + subReleases.size());
        if (refusals.size() > before || !sub.allowed()) {
            return null;
        }
        subReleases.add(sub.into(table, List.of()));
        List<Col> cols = new ArrayList<>();
        for (int i = 0; i < select.size(); i++) {
            cols.add(new Col(select.get(i).path("alias").asString(), sub.columns().get(i).lineage().released(), false));
        }
        // the rest of the query reads the released cells
        for (String f : List.of("where_clause", "having", "qualify", "sample")) {
            query.putNull(f);
        }
        ArrayNode star = JSON.arrayNode();
        ObjectNode all = JSON.objectNode();
        all.put("class", "STAR");
        all.put("type", "STAR");
        all.put("alias", "");
        all.put("relation_name", "");
        all.set("exclude_list", JSON.arrayNode());
        all.set("replace_list", JSON.arrayNode());
        all.set("rename_list", JSON.arrayNode());
        all.put("columns", false);
        all.putNull("expr");
        all.set("qualified_exclude_list", JSON.arrayNode());
        star.add(all);
        query.set("select_list", star);
        ObjectNode from = JSON.objectNode();
        from.put("type", "BASE_TABLE");
        from.put("alias", "");
        from.putNull("sample");
        from.put("schema_name", "");
        from.put("table_name", table);
        from.set("column_name_alias", JSON.arrayNode());
        from.put("catalog_name", "");
        from.putNull("at_clause");
        query.set("from_table", from);
        ObjectNode emptyCtes = JSON.objectNode();
        emptyCtes.set("map", JSON.arrayNode());
        query.set("cte_map", emptyCtes);
        query.set("group_expressions", JSON.arrayNode());
        query.set("group_sets", JSON.arrayNode());
        query.put("aggregate_handling", "STANDARD_HANDLING");
        query.set("modifiers", JSON.arrayNode());
        return new Rel(alias, cols, List.of(), false, true);
    }

    /**
     * How a per-person level's item carries its sources: {@code aggregate <fn>} only for an aggregate of a plain column
     * of one workspace table ({@code oneTable}); over a join a row can count several times, and a sum over k copies
     * compared with 1200 is a threshold of 1200/k.
     */
    private static String viaOf(JsonNode item, boolean oneTable) {
        if (!item.path("class").asString().equals("FUNCTION")) {
            return "value";
        }
        JsonNode args = item.path("children");
        JsonNode arg = args.size() == 1 ? args.get(0) : JSON.nullNode();
        while (arg.path("class").asString("").equals("CAST")) {
            arg = arg.path("child");
        }
        boolean plain = oneTable && FunctionCatalog.aggregate(name(item))
                && arg.path("class").asString("").equals("COLUMN_REF");
        return "aggregate " + name(item) + (plain ? "" : " of an expression");
    }

    private static Rel renamed(Rel rel, JsonNode aliases) {
        if (aliases == null || aliases.size() == 0) {
            return rel;
        }
        List<Col> cols = new ArrayList<>();
        for (int i = 0; i < rel.cols().size(); i++) {
            Col c = rel.cols().get(i);
            cols.add(i < aliases.size() ? new Col(aliases.get(i).asString(), c.lineage(), c.personKey()) : c);
        }
        return new Rel(rel.alias(), cols, rel.persons(), rel.baseTable(), rel.released(), rel.personUnique());
    }

    private void from(ObjectNode node, Scope scope) {
        JsonNode from = node.path("from_table");
        if (from.isObject()) {
            ObjectNode rewritten = tableRef((ObjectNode) from, scope);
            if (rewritten != null) {
                node.set("from_table", rewritten);
            }
        }
    }

    private @Nullable ObjectNode tableRef(ObjectNode ref, Scope scope) {
        String type = ref.path("type").asString();
        if (ref.path("sample").isObject()) {
            refuse(null, QueryRules.TZ_3, location(ref), "query.refusal.sample");
            return null;
        }
        switch (type) {
            case "EMPTY" -> {
                return ref;
            }
            case "BASE_TABLE" -> {
                String name = ref.path("table_name").asString();
                String schema = ref.path("schema_name").asString("");
                String catalog = ref.path("catalog_name").asString("");
                if (!schema.isEmpty() || !catalog.isEmpty() || ref.path("at_clause").isObject()) {
                    refuse(qualified(catalog, schema, name), introspection(schema) || introspection(catalog)
                            ? QueryRules.TZ_12 : QueryRules.NJ_13, location(ref),
                            introspection(schema) || introspection(catalog) ? "query.refusal.catalog"
                                    : "query.refusal.qualified-table");
                    return null;
                }
                String alias = ref.path("alias").asString("");
                checkName(alias, location(ref));
                Rel cte = lookupCte(scope, name);
                if (cte != null) {
                    Rel rel = renamed(new Rel(alias.isEmpty() ? name : alias, cte.cols(), cte.persons(), false,
                            cte.released()),
                            ref.path("column_name_alias"));
                    scope.rels.add(rel);
                    return ref;
                }
                WorkspaceTable table = tables.get(name.toLowerCase(Locale.ROOT));
                if (table == null) {
                    refuse(name, introspection(name) ? QueryRules.TZ_12 : QueryRules.NJ_13, location(ref),
                            introspection(name) ? "query.refusal.catalog" : "query.refusal.unknown-table", name);
                    return null;
                }
                List<Col> cols = new ArrayList<>();
                for (WorkspaceColumn c : table.columns()) {
                    cols.add(new Col(c.name(), Lineage.of(new Lineage.Use(table.name(), c.name(), c.treatment(), "raw")),
                            c.treatment() == ColumnTreatment.PERSON_PSEUDONYM
                                    && c.name().equalsIgnoreCase(table.personKeyColumn())));
                }
                List<String> persons = table.personKeyColumn() == null || table.personKeyColumn().isBlank()
                        || table.columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(table.personKeyColumn()))
                        ? List.of() : List.of(table.personKeyColumn());
                scope.rels.add(renamed(new Rel(alias.isEmpty() ? table.name() : alias, cols, persons, true, false,
                        table.personUnique() && !persons.isEmpty()),
                        ref.path("column_name_alias")));
                return ref;
            }
            case "JOIN" -> {
                String joinType = ref.path("join_type").asString();
                String refType = ref.path("ref_type").asString("REGULAR");
                if (!List.of("INNER", "LEFT", "RIGHT", "OUTER", "SEMI", "ANTI").contains(joinType)
                        || !List.of("REGULAR", "NATURAL", "CROSS").contains(refType)) {
                    refuse(null, QueryRules.TZ_3, location(ref), "query.refusal.join", joinType + " " + refType);
                    return null;
                }
                int before = scope.rels.size();
                ObjectNode left = tableRef((ObjectNode) ref.path("left"), scope);
                int middle = scope.rels.size();
                ObjectNode right = tableRef((ObjectNode) ref.path("right"), scope);
                if (left == null || right == null) {
                    return null;
                }
                ref.set("left", left);
                ref.set("right", right);
                boolean conditioned = ref.path("condition").isObject() || ref.path("using_columns").size() > 0
                        || refType.equals("NATURAL");
                if (ref.path("condition").isObject()) {
                    expr(ref.path("condition"), scope, Clause.JOIN, null);
                }
                if (conditioned) {
                    joinCondition(ref, scope, List.copyOf(scope.rels.subList(before, middle)),
                            List.copyOf(scope.rels.subList(middle, scope.rels.size())));
                }
                return ref;
            }
            case "SUBQUERY" -> {
                String alias = ref.path("alias").asString("");
                if (!own.contains(ref)) {
                    checkName(alias, location(ref));
                }
                if (alias.isEmpty()) {
                    alias = HIDDEN + "_r" + (aliasCounter++);
                    ref.put("alias", alias);
                }
                ObjectNode sub = (ObjectNode) ref.path("subquery").path("node");
                Rel rel = relation(sub, scope, alias);
                if (rel == null) {
                    return null;
                }
                scope.rels.add(renamed(rel, ref.path("column_name_alias")));
                return ref;
            }
            case "TABLE_FUNCTION" -> {
                String fn = name(ref.path("function"));
                String kind = FunctionCatalog.tableFunctionClass(fn);
                RuleRef rule = switch (kind) {
                    case "FILE" -> QueryRules.JL_PROHIBIT;
                    case "CATALOG" -> QueryRules.TZ_12;
                    default -> QueryRules.TZ_3;
                };
                refuse(null, rule, location(ref), "query.refusal.table-function." + kind.toLowerCase(Locale.ROOT), fn);
                return null;
            }
            default -> {
                refuse(null, QueryRules.TZ_3, location(ref), "query.refusal.expression", type);
                return null;
            }
        }
    }

    /**
     * A join condition may only equate columns of the two sides (ANDed): a condition with a constant, an OR or a
     * comparison other than equality can repeat one person's rows many times (a LEFT JOIN whose condition holds for
     * one person only, {@code ON a.id = b.id OR a.phone = '…'}), which multiplies that person's contribution to every
     * sum. A relation that carries no person and is not a released sub-result (VALUES, a SELECT without a table)
     * may only be cross joined: joined on a condition, its repeated rows would single out the persons they match.
     * Conditions that filter belong in WHERE.
     */
    private void joinCondition(ObjectNode ref, Scope scope, List<Rel> left, List<Rel> right) {
        for (List<Rel> side : List.of(left, right)) {
            for (Rel rel : side) {
                if (rel.persons().isEmpty() && !rel.released() && !rel.baseTable()) {
                    refuse(null, QueryRules.TZ_3, location(ref), "query.refusal.join-condition");
                    return;
                }
            }
        }
        JsonNode condition = ref.path("condition");
        if (!condition.isObject()) {
            return;
        }
        List<JsonNode> conjuncts = new ArrayList<>();
        conjuncts(condition, conjuncts);
        for (JsonNode c : conjuncts) {
            String type = c.path("type").asString();
            boolean equality = c.path("class").asString().equals("COMPARISON")
                    && (type.equals("COMPARE_EQUAL") || type.equals("COMPARE_NOT_DISTINCT_FROM"));
            if (!equality || !across(c.path("left"), c.path("right"), left, right, scope)) {
                refuse(null, QueryRules.TZ_3, location(c), "query.refusal.join-condition");
                return;
            }
        }
        if (ref.path("join_type").asString().equals("INNER")) {
            for (JsonNode c : conjuncts) {
                if (c.path("type").asString().equals("COMPARE_EQUAL")) {
                    String a = personKeyOf(c.path("left"), left, right);
                    String b = personKeyOf(c.path("right"), left, right);
                    if (a != null && b != null && !a.equals(b)) {
                        String rootA = samePersonRoot(scope, a);
                        String rootB = samePersonRoot(scope, b);
                        if (!rootA.equals(rootB)) {
                            scope.samePerson.put(rootB, rootA);
                        }
                    }
                }
            }
        }
    }

    /** The person key ({@code alias.column}, lower case) a join operand names, or null when it is no person key. */
    private static @Nullable String personKeyOf(JsonNode ref, List<Rel> left, List<Rel> right) {
        JsonNode names = ref.path("column_names");
        List<Rel> all = new ArrayList<>(left);
        all.addAll(right);
        Rel found = null;
        String column = null;
        for (Rel rel : all) {
            if (names(ref, rel)) {
                if (found != null) {
                    return null;
                }
                found = rel;
                column = names.get(names.size() - 1).asString();
            }
        }
        if (found == null || column == null) {
            return null;
        }
        for (String person : found.persons()) {
            if (person.equalsIgnoreCase(column)) {
                return (found.alias() + "." + person).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String samePersonRoot(Scope scope, String key) {
        String k = key;
        for (String next = scope.samePerson.get(k); next != null; next = scope.samePerson.get(k)) {
            k = next;
        }
        return k;
    }

    private static void conjuncts(JsonNode e, List<JsonNode> out) {
        if (e.path("class").asString().equals("CONJUNCTION") && e.path("type").asString().equals("CONJUNCTION_AND")) {
            for (JsonNode c : e.path("children")) {
                conjuncts(c, out);
            }
        } else {
            out.add(e);
        }
    }

    /** Two column references, one of each side of the join. */
    private boolean across(JsonNode a, JsonNode b, List<Rel> left, List<Rel> right, Scope scope) {
        if (!a.path("class").asString().equals("COLUMN_REF") || !b.path("class").asString().equals("COLUMN_REF")) {
            return false;
        }
        return (in(a, left) && in(b, right)) || (in(a, right) && in(b, left));
    }

    private static boolean in(JsonNode ref, List<Rel> rels) {
        for (Rel rel : rels) {
            if (names(ref, rel)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a column reference ({@code c} or {@code alias.c}) names a column of {@code rel}. */
    private static boolean names(JsonNode ref, Rel rel) {
        JsonNode names = ref.path("column_names");
        return names.size() == 1 && rel.col(names.get(0).asString()) != null
                || names.size() == 2 && rel.alias().equalsIgnoreCase(names.get(0).asString())
                        && rel.col(names.get(1).asString()) != null;
    }

    private static boolean introspection(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("information_schema") || n.startsWith("duckdb_") || n.startsWith("pg_")
                || n.equals("sqlite_master") || n.equals("sqlite_schema") || n.equals("system") || n.equals("temp")
                || n.startsWith("pragma_") || n.equals("sqlite_temp_master");
    }

    private static @Nullable Rel lookupCte(Scope scope, String name) {
        for (Scope s = scope; s != null; s = s.outer) {
            Rel r = s.ctes.get(name.toLowerCase(Locale.ROOT));
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** Replaces {@code *} and {@code t.*} by the relation columns (hidden columns never expand). */
    private void expandStars(ObjectNode node, Scope scope) {
        ArrayNode select = (ArrayNode) node.path("select_list");
        ArrayNode out = JSON.arrayNode();
        for (JsonNode item : select) {
            if (!item.path("class").asString().equals("STAR")) {
                out.add(item);
                continue;
            }
            if (item.path("columns").asBoolean() || item.path("replace_list").size() > 0
                    || item.path("rename_list").size() > 0 || item.path("expr").isObject()) {
                refuse(null, QueryRules.TZ_3, location(item), "query.refusal.expression", "COLUMNS/REPLACE");
                continue;
            }
            String relation = item.path("relation_name").asString("");
            List<String> exclude = new ArrayList<>();
            for (JsonNode x : item.path("exclude_list")) {
                exclude.add((x.isObject() ? last(x.path("column_names").isMissingNode() ? x.path("exclude_name")
                        : x.path("column_names")) : x.asString()).toLowerCase(Locale.ROOT));
            }
            for (Rel rel : scope.rels) {
                if (!relation.isEmpty() && !rel.alias().equalsIgnoreCase(relation)) {
                    continue;
                }
                for (Col c : rel.cols()) {
                    if (!exclude.contains(c.name().toLowerCase(Locale.ROOT))) {
                        ObjectNode ref = columnRef(rel.alias(), c.name());
                        own.add(ref);
                        out.add(ref);
                    }
                }
            }
        }
        node.set("select_list", out);
    }

    private static void aliases(ObjectNode node, Scope scope) {
        for (JsonNode item : node.path("select_list")) {
            String alias = item.path("alias").asString("");
            if (!alias.isEmpty()) {
                scope.aliases.putIfAbsent(alias.toLowerCase(Locale.ROOT), item);
            }
        }
    }

    private boolean aggregating(ObjectNode node, Scope scope) {
        if (node.path("group_expressions").size() > 0
                || node.path("aggregate_handling").asString().equals("FORCE_AGGREGATES")
                || node.path("having").isObject()) {
            return true;
        }
        for (JsonNode item : node.path("select_list")) {
            if (containsAggregate(item)) {
                return true;
            }
        }
        return false;
    }

    private List<JsonNode> groupExpressions(ObjectNode node, Scope scope, boolean release) {
        ArrayNode select = (ArrayNode) node.path("select_list");
        List<JsonNode> out = new ArrayList<>();
        if (node.path("group_sets").size() > 1) {
            refuse(null, QueryRules.TZ_3, location(node), "query.refusal.grouping-sets");
        }
        if (node.path("aggregate_handling").asString().equals("FORCE_AGGREGATES")) {
            for (JsonNode item : select) {
                if (!containsAggregate(item) && !containsClass(item, "WINDOW")) {
                    out.add(item);
                }
            }
            return out;
        }
        for (JsonNode g : node.path("group_expressions")) {
            if (g.path("class").asString().equals("CONSTANT") && g.path("value").path("value").isIntegralNumber()) {
                int ordinal = g.path("value").path("value").asInt();
                if (ordinal >= 1 && ordinal <= select.size()) {
                    out.add(select.get(ordinal - 1));
                    continue;
                }
            }
            if (g.path("class").asString().equals("COLUMN_REF") && g.path("column_names").size() == 1
                    && resolve(g.path("column_names"), scope) == null) {
                String name = g.path("column_names").get(0).asString();
                JsonNode match = null;
                for (JsonNode item : select) {
                    if (item.path("alias").asString("").equalsIgnoreCase(name)) {
                        match = item;
                    }
                }
                if (match != null) {
                    out.add(match);
                    continue;
                }
            }
            out.add(g);
        }
        return out;
    }

    // --- expressions

    /** The lineage of an expression of a level below the release or of a filter, checking every constraint on the way. */
    private Lineage expr(JsonNode e, Scope scope, Clause clause, @Nullable String inAggregate) {
        String cls = e.path("class").asString();
        Integer at = location(e);
        switch (cls) {
            case "CONSTANT" -> {
                return Lineage.NONE;
            }
            case "COLUMN_REF" -> {
                JsonNode names = e.path("column_names");
                if (!own.contains(e)) {
                    for (JsonNode n : names) {
                        checkName(n.asString(), at);
                    }
                }
                Col col = resolve(names, scope);
                if (col == null) {
                    if (names.size() == 1 && clause != Clause.SELECT) {
                        String key = names.get(0).asString().toLowerCase(Locale.ROOT);
                        JsonNode item = scope.aliases.remove(key);
                        if (item != null) {
                            try {
                                return expr(item, scope, clause, inAggregate);
                            } finally {
                                scope.aliases.put(key, item);
                            }
                        }
                    }
                    refuse(String.join(".", strings(names)), QueryRules.NJ_13, at, "query.refusal.unknown-column",
                            String.join(".", strings(names)));
                    return Lineage.NONE;
                }
                return col.lineage();
            }
            case "FUNCTION" -> {
                return function(e, scope, clause, inAggregate);
            }
            case "COMPARISON", "BETWEEN" -> {
                List<Lineage> parts = new ArrayList<>();
                for (String f : List.of("left", "right", "input", "lower", "upper")) {
                    if (e.path(f).isObject()) {
                        parts.add(expr(e.path(f), scope, clause, inAggregate));
                    }
                }
                Lineage lin = Lineage.union(parts);
                predicate(e, lin, scope, clause, at);
                return lin.via("comparison");
            }
            case "CONJUNCTION" -> {
                List<Lineage> parts = new ArrayList<>();
                for (JsonNode c : e.path("children")) {
                    parts.add(expr(c, scope, clause, inAggregate));
                }
                return Lineage.union(parts);
            }
            case "OPERATOR" -> {
                String type = e.path("type").asString();
                List<Lineage> parts = new ArrayList<>();
                for (JsonNode c : e.path("children")) {
                    parts.add(expr(c, scope, clause, inAggregate));
                }
                Lineage lin = Lineage.union(parts);
                switch (type) {
                    case "OPERATOR_COALESCE" -> {
                        if (lin.hasIdentifier()) {
                            refuse(lin.firstIdentifier(), QueryRules.NJ_16, at, "query.refusal.identifier-function");
                        }
                        return lin.via("expression");
                    }
                    case "OPERATOR_NOT" -> {
                        return lin;
                    }
                    case "OPERATOR_IS_NULL", "OPERATOR_IS_NOT_NULL", "COMPARE_IN", "COMPARE_NOT_IN" -> {
                        predicate(e, lin, scope, clause, at);
                        return lin.via("comparison");
                    }
                    default -> {
                        refuse(null, QueryRules.TZ_3, at, "query.refusal.expression", type);
                        return lin;
                    }
                }
            }
            case "CASE" -> {
                if (clause == Clause.GROUP && band(e)) {
                    return band(e, scope);
                }
                List<Lineage> parts = new ArrayList<>();
                for (JsonNode check : e.path("case_checks")) {
                    Lineage when = expr(check.path("when_expr"), scope, clause, inAggregate);
                    if (when.hasAggregateOnly()) {
                        refuse(when.firstAggregateOnly(), QueryRules.JL_PROHIBIT, location(check.path("when_expr")),
                                "query.refusal.aggregate-only-condition");
                    }
                    if (when.hasIdentifier()) {
                        refuse(when.firstIdentifier(), QueryRules.NJ_16, location(check.path("when_expr")),
                                "query.refusal.identifier-condition");
                    }
                    parts.add(when);
                    Lineage then = expr(check.path("then_expr"), scope, clause, inAggregate);
                    if (then.hasAggregateOnly()) {
                        refuse(then.firstAggregateOnly(), QueryRules.JL_PROHIBIT, location(check.path("then_expr")),
                                "query.refusal.aggregate-only-condition");
                    }
                    parts.add(then);
                }
                if (e.path("else_expr").isObject()) {
                    Lineage otherwise = expr(e.path("else_expr"), scope, clause, inAggregate);
                    if (otherwise.hasAggregateOnly()) {
                        refuse(otherwise.firstAggregateOnly(), QueryRules.JL_PROHIBIT, location(e.path("else_expr")),
                                "query.refusal.aggregate-only-condition");
                    }
                    parts.add(otherwise);
                }
                return Lineage.union(parts).via("case");
            }
            case "CAST" -> {
                Lineage lin = expr(e.path("child"), scope, clause, inAggregate);
                checkCast(e, lin);
                checkMaskedCast(e, scope);
                return lin;
            }
            case "WINDOW" -> {
                return window(e, scope, clause);
            }
            case "SUBQUERY" -> {
                String type = e.path("subquery_type").asString();
                if (clause != Clause.WHERE && clause != Clause.HAVING || type.equals("SCALAR")) {
                    refuse(null, QueryRules.TZ_3, at, "query.refusal.subquery");
                    return Lineage.NONE;
                }
                Rel rel = relation((ObjectNode) e.path("subquery").path("node"), scope, HIDDEN + "_s" + aliasCounter++,
                        false);
                if (rel == null) {
                    return Lineage.NONE;
                }
                Lineage inner = rel.cols().isEmpty() ? Lineage.NONE : rel.cols().get(0).lineage();
                if (type.equals("ANY")) {
                    Lineage child = expr(e.path("child"), scope, clause, inAggregate);
                    boolean keyed = isIdentifierRef(e.path("child"), scope) && !rel.cols().isEmpty()
                            && rel.cols().get(0).lineage().hasIdentifier()
                            && e.path("comparison_type").asString().equals("COMPARE_EQUAL");
                    Lineage both = child.plus(inner);
                    if (both.hasAggregateOnly()) {
                        refuse(both.firstAggregateOnly(), QueryRules.JL_PROHIBIT, at,
                                "query.refusal.aggregate-only-condition");
                    } else if (both.hasIdentifier() && !keyed) {
                        refuse(both.firstIdentifier(), QueryRules.NJ_16, at, "query.refusal.identifier-condition");
                    }
                    return both.via("filter");
                }
                if (!type.equals("EXISTS") && !type.equals("NOT_EXISTS")) {
                    refuse(null, QueryRules.TZ_3, at, "query.refusal.subquery");
                }
                return Lineage.NONE;
            }
            case "STAR" -> {
                refuse(null, QueryRules.TZ_3, at, "query.refusal.expression", "*");
                return Lineage.NONE;
            }
            case "LAMBDA" -> {
                refuse(null, QueryRules.TZ_3, at, "query.refusal.lambda");
                return Lineage.NONE;
            }
            case "PARAMETER" -> {
                refuse(null, QueryRules.TZ_3, at, "query.refusal.parameter");
                return Lineage.NONE;
            }
            default -> {
                refuse(null, QueryRules.TZ_3, at, "query.refusal.expression", cls);
                return Lineage.NONE;
            }
        }
    }

    /** A CASE whose branches are all constants and whose conditions hold no subquery: a candidate band. */
    private static boolean band(JsonNode e) {
        for (JsonNode check : e.path("case_checks")) {
            if (!constant(check.path("then_expr")) || containsClass(check.path("when_expr"), "SUBQUERY")) {
                return false;
            }
        }
        return !e.path("else_expr").isObject() || constant(e.path("else_expr"));
    }

    private static boolean constant(JsonNode e) {
        JsonNode x = e;
        while (x.path("class").asString("").equals("CAST")) {
            x = x.path("child");
        }
        return x.path("class").asString("").equals("CONSTANT");
    }

    /**
     * A group key of constant bands ({@code CASE WHEN cost < 500 THEN 'low' WHEN cost < 2000 THEN 'mid' ELSE 'high'
     * END}): its conditions are checked as WHERE conditions (an AGGREGATE_ONLY value only as a coarse threshold,
     * identifiers never), and the band it yields is a coarse partition whose every cell is counted in persons and
     * suppressed under k, like the same thresholds asked one WHERE at a time.
     */
    private Lineage band(JsonNode e, Scope scope) {
        List<Lineage> parts = new ArrayList<>();
        for (JsonNode check : e.path("case_checks")) {
            Lineage when = expr(check.path("when_expr"), scope, Clause.WHERE, null);
            if (when.hasIdentifier()) {
                refuse(when.firstIdentifier(), QueryRules.NJ_16, location(check.path("when_expr")),
                        "query.refusal.identifier-condition");
            }
            parts.add(when);
        }
        return Lineage.union(parts).banded();
    }

    private Lineage function(JsonNode e, Scope scope, Clause clause, @Nullable String inAggregate) {
        Integer at = location(e);
        String fn = name(e);
        if (!List.of("", "main").contains(e.path("schema").asString("").toLowerCase(Locale.ROOT))
                || !List.of("", "system").contains(e.path("catalog").asString("").toLowerCase(Locale.ROOT))) {
            refuseFunction(e);
            return Lineage.NONE;
        }
        if (e.path("export_state").asBoolean()) {
            refuse(null, QueryRules.TZ_3, at, "query.refusal.expression", "EXPORT_STATE");
        }
        if (FunctionCatalog.aggregate(fn)) {
            if (inAggregate != null) {
                refuse(null, QueryRules.TZ_3, at, "query.refusal.nested-aggregate", fn);
                return Lineage.NONE;
            }
            if (clause == Clause.WHERE || clause == Clause.JOIN || clause == Clause.GROUP) {
                refuse(null, QueryRules.TZ_3, at, "query.refusal.aggregate-clause", fn);
            }
            List<Lineage> args = new ArrayList<>();
            for (JsonNode c : e.path("children")) {
                args.add(expr(c, scope, Clause.SELECT, fn));
            }
            Lineage lin = Lineage.union(args);
            if (lin.hasAggregateOnly() && FunctionCatalog.VALUE_REVEALING.contains(fn)) {
                refuse(lin.firstAggregateOnly(), QueryRules.NJ_14, at, "query.refusal.value-revealing-aggregate", fn);
            }
            if (lin.hasIdentifier() && !FunctionCatalog.COUNTING.contains(fn)) {
                refuse(lin.firstIdentifier(), QueryRules.NJ_16, at, "query.refusal.identifier-aggregate", fn);
            }
            if (e.path("filter").isObject()) {
                Lineage filter = expr(e.path("filter"), scope, Clause.FILTER, null);
                lin = lin.plus(filter.via("filter"));
            }
            for (JsonNode o : e.path("order_bys").path("orders")) {
                Lineage order = expr(o.path("expression"), scope, Clause.ORDER, fn);
                if (order.hasAggregateOnly() || order.hasIdentifier()) {
                    refuse(order.hasAggregateOnly() ? order.firstAggregateOnly() : order.firstIdentifier(),
                            QueryRules.JL_PROHIBIT, at, "query.refusal.aggregate-only-order");
                }
            }
            return lin.via("aggregate " + fn + (e.path("distinct").asBoolean() ? " distinct" : ""));
        }
        if (FunctionCatalog.WINDOW.contains(fn)) {
            refuse(null, QueryRules.TZ_3, at, "query.refusal.function", fn);
            return Lineage.NONE;
        }
        if (!FunctionCatalog.scalar(fn)) {
            refuseFunction(e);
            return Lineage.NONE;
        }
        List<Lineage> args = new ArrayList<>();
        for (JsonNode c : e.path("children")) {
            args.add(expr(c, scope, clause, inAggregate));
        }
        Lineage lin = Lineage.union(args);
        if (lin.hasAggregateOnly() && FunctionCatalog.VALUE_SAFE.contains(fn)) {
            for (Lineage arg : args) {
                if (!arg.uses().isEmpty() && !arg.hasAggregateOnly()) {
                    // a clear column as a weight or offset of an aggregate-only value singles persons out
                    refuse(lin.firstAggregateOnly(), QueryRules.JL_PROHIBIT, at, "query.refusal.aggregate-only-mixed", fn);
                }
            }
        }
        if (lin.hasAggregateOnly() && !FunctionCatalog.VALUE_SAFE.contains(fn)) {
            refuse(lin.firstAggregateOnly(), QueryRules.JL_PROHIBIT, at, "query.refusal.aggregate-only-function", fn);
        }
        if (lin.hasIdentifier()) {
            refuse(lin.firstIdentifier(), QueryRules.NJ_16, at, "query.refusal.identifier-function");
        }
        if (List.of("~~", "!~~", "~~*", "!~~*", "starts_with", "ends_with", "contains", "prefix", "suffix", "if",
                "nullif", "greatest", "least", "isnan", "isfinite", "isinf").contains(fn) && lin.hasAggregateOnly()) {
            refuse(lin.firstAggregateOnly(), QueryRules.JL_PROHIBIT, at, "query.refusal.aggregate-only-condition");
        }
        return lin.via("expression");
    }

    private Lineage window(JsonNode e, Scope scope, Clause clause) {
        Integer at = location(e);
        String fn = name(e);
        if (clause != Clause.SELECT && clause != Clause.WHERE) {
            refuse(null, QueryRules.TZ_3, at, "query.refusal.window-clause");
        }
        if (!FunctionCatalog.WINDOW.contains(fn) && !FunctionCatalog.aggregate(fn)) {
            refuseFunction(e);
            return Lineage.NONE;
        }
        // a data-dependent ntile count, nth_value index or lag/lead offset can fail on one person's value
        int firstConstant = fn.equals("ntile") ? 0 : fn.equals("nth_value") ? 1 : Integer.MAX_VALUE;
        for (int i = firstConstant; i < e.path("children").size(); i++) {
            if (!e.path("children").get(i).path("class").asString().equals("CONSTANT")) {
                refuse(null, QueryRules.TZ_3, location(e.path("children").get(i)), "query.refusal.window-constant", fn);
            }
        }
        for (String f : List.of("offset_expr", "default_expr")) {
            if (e.path(f).isObject() && !e.path(f).path("class").asString().equals("CONSTANT")) {
                refuse(null, QueryRules.TZ_3, location(e.path(f)), "query.refusal.window-constant", fn);
            }
        }
        boolean perPerson = false;
        for (JsonNode p : e.path("partitions")) {
            Lineage lin = expr(p, scope, Clause.WINDOW, null);
            if (isPersonKey(p, scope)) {
                perPerson = true;
            } else if (lin.hasAggregateOnly() || lin.hasIdentifier()) {
                refuse(lin.hasAggregateOnly() ? lin.firstAggregateOnly() : lin.firstIdentifier(),
                        QueryRules.JL_PROHIBIT, location(p), "query.refusal.window-partition");
            }
        }
        for (JsonNode o : e.path("orders")) {
            Lineage lin = expr(o.path("expression"), scope, Clause.ORDER, null);
            if (lin.hasAggregateOnly() || lin.hasIdentifier()) {
                refuse(lin.hasAggregateOnly() ? lin.firstAggregateOnly() : lin.firstIdentifier(), QueryRules.JL_PROHIBIT,
                        location(o.path("expression")), "query.refusal.aggregate-only-order");
            }
        }
        List<Lineage> args = new ArrayList<>();
        for (JsonNode c : e.path("children")) {
            args.add(expr(c, scope, Clause.SELECT, fn));
        }
        for (String f : List.of("offset_expr", "default_expr", "start_expr", "end_expr", "filter_expr")) {
            if (e.path(f).isObject()) {
                Lineage lin = expr(e.path(f), scope, Clause.WINDOW, null);
                if (lin.hasAggregateOnly() || lin.hasIdentifier()) {
                    refuse(lin.hasAggregateOnly() ? lin.firstAggregateOnly() : lin.firstIdentifier(),
                            QueryRules.JL_PROHIBIT, location(e.path(f)), "query.refusal.aggregate-only-condition");
                }
            }
        }
        Lineage lin = Lineage.union(args);
        if (lin.hasAggregateOnly() && (FunctionCatalog.WINDOW_VALUE.contains(fn)
                || FunctionCatalog.VALUE_REVEALING.contains(fn) || !perPerson)) {
            refuse(lin.firstAggregateOnly(), QueryRules.NJ_14, at, "query.refusal.window-value", fn);
        }
        if (lin.hasIdentifier() && !FunctionCatalog.COUNTING.contains(fn)) {
            refuse(lin.firstIdentifier(), QueryRules.NJ_16, at, "query.refusal.identifier-aggregate", fn);
        }
        return lin.via("window " + fn);
    }

    /**
     * A comparison: on AGGREGATE_ONLY values only as a coarse threshold ({@link CoarseThreshold}) directly in WHERE,
     * FILTER or HAVING (elsewhere, or any other shape, is bit extraction); identifiers only as key = key.
     */
    private void predicate(JsonNode e, Lineage lin, Scope scope, Clause clause, @Nullable Integer at) {
        if (lin.hasAggregateOnly()) {
            boolean filtering = clause == Clause.WHERE || clause == Clause.FILTER || clause == Clause.HAVING;
            if (!filtering) {
                refuse(lin.firstAggregateOnly(), QueryRules.JL_PROHIBIT, at, "query.refusal.aggregate-only-condition");
                return;
            }
            if (!CoarseThreshold.allowed(e, v -> plainAggregateOnly(v, scope, clause))) {
                refuse(lin.firstAggregateOnly(), QueryRules.JL_PROHIBIT, at, "query.refusal.aggregate-only-threshold",
                        CoarseThreshold.SIGNIFICANT_DIGITS);
                return;
            }
        }
        if (lin.hasIdentifier()) {
            boolean keyEquality = e.path("class").asString().equals("COMPARISON")
                    && e.path("type").asString().equals("COMPARE_EQUAL")
                    && isIdentifierRef(e.path("left"), scope) && isIdentifierRef(e.path("right"), scope);
            // key IS [NOT] NULL (an outer join's match or not) tells nothing about the pseudonym itself
            boolean nullTest = List.of("OPERATOR_IS_NULL", "OPERATOR_IS_NOT_NULL").contains(e.path("type").asString())
                    && e.path("children").size() == 1 && isIdentifierRef(e.path("children").get(0), scope);
            if (!keyEquality && !nullTest) {
                refuse(lin.firstIdentifier(), QueryRules.NJ_16, at, "query.refusal.identifier-condition");
            }
        }
    }

    /**
     * An AGGREGATE_ONLY value as it is, fit for a coarse threshold: a column whose every source is an AGGREGATE_ONLY
     * column read raw or a per-person sum/avg of one (no arithmetic on the way), a numeric cast of such a column,
     * or, in HAVING, a sum/avg of such a raw column.
     */
    private boolean plainAggregateOnly(JsonNode e, Scope scope, Clause clause) {
        JsonNode x = e;
        while (x.path("class").asString("").equals("CAST")) {
            if (!FunctionCatalog.NUMERIC_CAST_TYPES.contains(x.path("cast_type").path("id").asString())) {
                return false;
            }
            x = x.path("child");
        }
        String cls = x.path("class").asString("");
        if (cls.equals("FUNCTION") && clause == Clause.HAVING && List.of("sum", "avg").contains(name(x))
                && x.path("children").size() == 1 && !x.path("distinct").asBoolean()) {
            return plainColumn(x.path("children").get(0), scope, true);
        }
        return plainColumn(x, scope, false);
    }

    private boolean plainColumn(JsonNode e, Scope scope, boolean rawOnly) {
        if (!e.path("class").asString("").equals("COLUMN_REF")) {
            return false;
        }
        Col col = resolve(e.path("column_names"), scope);
        if (col == null || col.lineage().uses().isEmpty()) {
            return false;
        }
        return col.lineage().uses().stream().allMatch(u -> u.aggregateOnly() && (u.via().equals("raw")
                || !rawOnly && List.of("per-person aggregate sum", "per-person aggregate avg").contains(u.via())));
    }

    private void checkCast(JsonNode e, Lineage lin) {
        String type = e.path("cast_type").path("id").asString();
        if (!FunctionCatalog.CAST_TYPES.contains(type)) {
            refuse(null, QueryRules.TZ_3, location(e), "query.refusal.cast", type);
        } else if (lin.hasAggregateOnly() && !FunctionCatalog.NUMERIC_CAST_TYPES.contains(type)) {
            refuse(lin.firstAggregateOnly(), QueryRules.JL_PROHIBIT, location(e), "query.refusal.aggregate-only-function",
                    "CAST " + type);
        }
    }

    /**
     * A masked or pseudonymised text column cast directly to a non-text type: it cannot hold such a value (a masked
     * name as an integer), so the cast could only fail (an error carrying the value) or yield nothing.
     */
    private void checkMaskedCast(JsonNode e, Scope scope) {
        JsonNode child = e.path("child");
        String type = e.path("cast_type").path("id").asString();
        if (!child.path("class").asString().equals("COLUMN_REF") || type.equals("VARCHAR")) {
            return;
        }
        Col col = resolve(child.path("column_names"), scope);
        if (col == null) {
            return;
        }
        for (Lineage.Use use : col.lineage().uses()) {
            if (use.treatment() == ColumnTreatment.CLEAR || use.treatment() == ColumnTreatment.AGGREGATE_ONLY
                    || !use.via().equals("raw")) {
                continue;
            }
            WorkspaceTable table = tables.get(use.table().toLowerCase(Locale.ROOT));
            String sqlType = table == null ? "" : table.columns().stream()
                    .filter(c -> c.name().equalsIgnoreCase(use.column())).map(WorkspaceColumn::sqlType)
                    .findFirst().orElse("");
            if (sqlType.toUpperCase(Locale.ROOT).startsWith("VARCHAR") || sqlType.isEmpty()) {
                refuse(use.qualified(), use.treatment() == ColumnTreatment.DESENSITIZED ? QueryRules.NJ_14
                        : QueryRules.NJ_16, location(e), "query.refusal.cast-masked", type);
                return;
            }
        }
    }

    private boolean isPersonKey(JsonNode e, Scope scope) {
        if (!e.path("class").asString().equals("COLUMN_REF")) {
            return false;
        }
        Col col = resolve(e.path("column_names"), scope);
        return col != null && col.personKey();
    }

    private boolean isIdentifierRef(JsonNode e, Scope scope) {
        if (!e.path("class").asString().equals("COLUMN_REF")) {
            return false;
        }
        Col col = resolve(e.path("column_names"), scope);
        return col != null && col.lineage().hasIdentifier()
                && col.lineage().uses().stream().allMatch(u -> u.via().equals("raw") || u.via().startsWith("per-person"));
    }

    private @Nullable Col resolve(JsonNode names, Scope scope) {
        for (Scope s = scope; s != null; s = s.outer) {
            Col col = resolveIn(names, s);
            if (col != null) {
                return col;
            }
        }
        return null;
    }

    private static @Nullable Col resolveIn(JsonNode names, Scope s) {
        if (names.size() == 1) {
            for (Rel rel : s.rels) {
                Col c = rel.col(names.get(0).asString());
                if (c != null) {
                    return c;
                }
            }
            return null;
        }
        if (names.size() == 2) {
            for (Rel rel : s.rels) {
                if (rel.alias().equalsIgnoreCase(names.get(0).asString())) {
                    return rel.col(names.get(1).asString());
                }
            }
        }
        return null;
    }

    private static boolean containsAggregate(JsonNode e) {
        if (e.isObject()) {
            String cls = e.path("class").asString("");
            if (cls.equals("WINDOW") || cls.equals("SUBQUERY")) {
                return false;
            }
            if (cls.equals("FUNCTION") && FunctionCatalog.aggregate(name(e))) {
                return true;
            }
            for (var entry : e.properties()) {
                if (containsAggregate(entry.getValue())) {
                    return true;
                }
            }
        } else if (e.isArray()) {
            for (JsonNode c : e) {
                if (containsAggregate(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsClass(JsonNode e, String cls) {
        if (e.isObject()) {
            if (e.path("class").asString("").equals(cls)) {
                return true;
            }
            for (var entry : e.properties()) {
                if (containsClass(entry.getValue(), cls)) {
                    return true;
                }
            }
        } else if (e.isArray()) {
            for (JsonNode c : e) {
                if (containsClass(c, cls)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The expression with locations and aliases removed and column references resolved to their relation. */
    private String canonical(JsonNode e, Scope scope) {
        return canon(e, scope).toString();
    }

    private JsonNode canon(JsonNode e, Scope scope) {
        if (e.isObject()) {
            if (e.path("class").asString("").equals("COLUMN_REF")) {
                JsonNode names = e.path("column_names");
                String resolved = null;
                for (Scope s = scope; s != null && resolved == null; s = s.outer) {
                    for (Rel rel : s.rels) {
                        Col c = names.size() == 1 ? rel.col(names.get(0).asString())
                                : names.size() == 2 && rel.alias().equalsIgnoreCase(names.get(0).asString())
                                        ? rel.col(names.get(1).asString()) : null;
                        if (c != null) {
                            resolved = rel.alias().toLowerCase(Locale.ROOT) + "." + c.name().toLowerCase(Locale.ROOT);
                            break;
                        }
                    }
                }
                return JSON.stringNode("col:" + (resolved == null ? String.join(".", strings(names)) : resolved));
            }
            ObjectNode out = JSON.objectNode();
            for (var entry : e.properties()) {
                if (!entry.getKey().equals("query_location") && !entry.getKey().equals("alias")) {
                    out.set(entry.getKey(), canon(entry.getValue(), scope));
                }
            }
            return out;
        }
        if (e.isArray()) {
            ArrayNode out = JSON.arrayNode();
            for (JsonNode c : e) {
                out.add(canon(c, scope));
            }
            return out;
        }
        return e;
    }

    private static String strip(JsonNode e) {
        return stripped(e).toString();
    }

    private static JsonNode stripped(JsonNode e) {
        if (e.isObject()) {
            ObjectNode out = JSON.objectNode();
            for (var entry : e.properties()) {
                if (!entry.getKey().equals("query_location")) {
                    out.set(entry.getKey(), stripped(entry.getValue()));
                }
            }
            return out;
        }
        if (e.isArray()) {
            ArrayNode out = JSON.arrayNode();
            for (JsonNode c : e) {
                out.add(stripped(c));
            }
            return out;
        }
        return e;
    }

    // --- small helpers

    private void checkName(String name, @Nullable Integer at) {
        if (name.toLowerCase(Locale.ROOT).startsWith(HIDDEN)) {
            refuse(name, QueryRules.TZ_3, at, "query.refusal.reserved-name");
        }
    }

    private void refuseFunction(JsonNode e) {
        String fn = name(e);
        String schema = e.path("schema").asString("");
        String shown = schema.isEmpty() ? fn : schema + "." + fn;
        String kind = FunctionCatalog.tableFunctionClass(fn);
        RuleRef rule = kind.equals("CATALOG") ? QueryRules.TZ_12 : kind.equals("FILE") ? QueryRules.JL_PROHIBIT
                : QueryRules.TZ_3;
        refuse(null, rule, location(e), "query.refusal.function", shown);
    }

    private void refuse(@Nullable String column, RuleRef rule, @Nullable Integer at, String code, Object... args) {
        Refusal r = Refusal.of(column, rule, at, code, args);
        for (Refusal existing : refusals) {
            if (existing.code().equals(code) && java.util.Objects.equals(existing.column(), column)
                    && java.util.Objects.equals(existing.position(), at)) {
                return;
            }
        }
        refusals.add(r);
    }

    private Analysis refused() {
        return new Analysis(List.copyOf(refusals), List.of(), false, null, null, null, List.of(), 0, 0, "", List.of(),
                null, CELLS, false);
    }

    private static String name(JsonNode e) {
        return e.path("function_name").asString("").toLowerCase(Locale.ROOT);
    }

    private static @Nullable Integer location(JsonNode e) {
        JsonNode l = e.path("query_location");
        if (!l.isNumber() || !l.canConvertToLong()) {
            return null;
        }
        long v = l.asLong();
        return v < 0 || v > Integer.MAX_VALUE ? null : (int) v;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asString());
        }
        return out;
    }

    private static String last(JsonNode array) {
        return array.size() == 0 ? "" : array.get(array.size() - 1).asString();
    }

    private static String qualified(String catalog, String schema, String name) {
        StringBuilder out = new StringBuilder();
        for (String part : List.of(catalog, schema, name)) {
            if (!part.isEmpty()) {
                out.append(out.length() == 0 ? "" : ".").append(part);
            }
        }
        return out.toString();
    }

    private static JsonNode statement(JsonNode tree, ObjectNode node) {
        ObjectNode root = (ObjectNode) tree.deepCopy();
        ArrayNode statements = JSON.arrayNode();
        ObjectNode statement = ((ObjectNode) tree.path("statements").get(0)).deepCopy();
        statement.set("node", node);
        statements.add(statement);
        root.set("statements", statements);
        return root;
    }

    static ObjectNode columnRef(String... names) {
        ObjectNode ref = JSON.objectNode();
        ref.put("class", "COLUMN_REF");
        ref.put("type", "COLUMN_REF");
        ref.put("alias", "");
        ArrayNode n = ref.putArray("column_names");
        for (String name : names) {
            n.add(name);
        }
        return ref;
    }

    static ObjectNode function(String name, JsonNode... children) {
        ObjectNode f = JSON.objectNode();
        f.put("class", "FUNCTION");
        f.put("type", "FUNCTION");
        f.put("alias", "");
        f.put("function_name", name);
        f.put("schema", "");
        ArrayNode c = f.putArray("children");
        for (JsonNode child : children) {
            c.add(child);
        }
        f.putNull("filter");
        ObjectNode orders = JSON.objectNode();
        orders.put("type", "ORDER_MODIFIER");
        orders.putArray("orders");
        f.set("order_bys", orders);
        f.put("distinct", false);
        f.put("is_operator", false);
        f.put("export_state", false);
        f.put("catalog", "");
        return f;
    }

    /** A text constant. */
    static ObjectNode text(String value) {
        ObjectNode c = constantOf("VARCHAR");
        ((ObjectNode) c.path("value")).put("value", value);
        return c;
    }

    /** A non-null constant of a type, its value still to be set under {@code value.value}. */
    static ObjectNode constantOf(String type) {
        ObjectNode c = JSON.objectNode();
        c.put("class", "CONSTANT");
        c.put("type", "VALUE_CONSTANT");
        c.put("alias", "");
        ObjectNode v = c.putObject("value");
        ObjectNode t = v.putObject("type");
        t.put("id", type);
        t.putNull("type_info");
        v.put("is_null", false);
        return c;
    }

    /** Whether no node of the tree (objects and arrays, not the root's parents) matches. */
    static boolean noNode(JsonNode e, java.util.function.Predicate<JsonNode> matching) {
        if (e.isObject()) {
            if (matching.test(e)) {
                return false;
            }
            for (var entry : e.properties()) {
                if (!noNode(entry.getValue(), matching)) {
                    return false;
                }
            }
        } else if (e.isArray()) {
            for (JsonNode child : e) {
                if (!noNode(child, matching)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static JsonNode aliased(JsonNode e, String alias) {
        ObjectNode copy = (ObjectNode) e.deepCopy();
        copy.put("alias", alias);
        return copy;
    }
}
