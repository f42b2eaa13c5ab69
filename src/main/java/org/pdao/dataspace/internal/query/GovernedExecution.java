package org.pdao.dataspace.internal.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.internal.gate.ResultColumn;
import org.pdao.dataspace.internal.query.QueryAnalyzer.Analysis;
import org.pdao.dataspace.internal.query.QueryAnalyzer.CellAggregate;
import org.pdao.dataspace.internal.query.QueryAnalyzer.Noise;
import org.pdao.shared.crypto.Sm3;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One governed query from text to result, free of Spring: lexical check, parse, analysis, then on the locked
 * engine the cells (group keys, aggregates, persons per source), suppression of cells under k persons, sticky
 * bounded noise, the release ledger's differencing check, and the developer's outer query over the remaining
 * cells only.
 */
final class GovernedExecution {

    /** What a query produced (before the gate). */
    record Outcome(Analysis analysis, List<ResultColumn> columns, List<List<Object>> rows, int cells, int suppressed,
            boolean noiseApplied, @Nullable Integer noiseBound, boolean aggregateOnly, List<String> notes,
            List<ReleaseLedger.Cell> ledgerCells) {}

    private final LockedEngine engine;
    private final QuerySettings settings;
    private final ReleaseLedger ledger;

    GovernedExecution(LockedEngine engine, QuerySettings settings, ReleaseLedger ledger) {
        this.engine = engine;
        this.settings = settings;
        this.ledger = ledger;
    }

    /** Full analysis without execution (dry run); throws {@link QueryRefused} on lexical or parse refusals only. */
    Analysis analyze(QueryableWorkspace workspace, String sql) {
        List<Refusal> lexical = LexicalCheck.check(sql, settings.maxSqlLength());
        if (!lexical.isEmpty()) {
            throw new QueryRefused(lexical);
        }
        return new QueryAnalyzer(workspace.tables()).analyze(engine.parse(sql));
    }

    Outcome run(QueryableWorkspace workspace, UUID queryId, String sql, int k) {
        Analysis analysis = analyze(workspace, sql);
        if (!analysis.allowed()) {
            throw new QueryRefused(analysis.refusals());
        }
        try (LockedEngine.Session session = engine.open(workspace)) {
            List<LockedEngine.Column> described = session.describe(sql);
            String cellsSql = engine.sql(analysis.cells());
            LockedEngine.Rows cells = session.query(cellsSql, settings.maxCells(), List.of());
            int g = analysis.groupKeys();
            List<CellAggregate> aggregates = analysis.aggregates();
            int a = aggregates.size();
            int scales = (int) aggregates.stream().filter(x -> x.scaleColumn() >= 0).count();
            int p = analysis.personCounts();
            String populationSql = engine.sql(analysis.population());
            String populationKey = Sm3.hex(analysis.canonicalPopulation());
            List<List<String>> kept = new ArrayList<>();
            List<ReleaseLedger.Cell> ledgerCells = new ArrayList<>();
            int suppressed = 0;
            boolean noised = false;
            int comparisons = 0;
            boolean capped = false;
            for (List<Object> row : cells.rows()) {
                long persons = Long.MAX_VALUE;
                for (int i = 0; i < p; i++) {
                    persons = Math.min(persons, ((Number) row.get(g + a + scales + i)).longValue());
                }
                if (p > 0 && persons < k) {
                    suppressed++;
                    continue;
                }
                List<@Nullable String> keys = new ArrayList<>();
                for (int i = 0; i < g; i++) {
                    keys.add(text(row.get(i)));
                }
                if (p > 0) {
                    ReleaseLedger.Cell cell = new ReleaseLedger.Cell(queryId, populationKey, populationSql, keys,
                            persons);
                    for (ReleaseLedger.Cell earlier : ledger.near(workspace.grantId(), persons, k, populationKey,
                            settings.ledgerComparisons())) {
                        if (comparisons++ >= settings.ledgerComparisons()) {
                            capped = true;
                            break;
                        }
                        long delta = difference(session, cell, earlier);
                        if (delta > 0 && delta < k) {
                            throw new QueryRefused(List.of(Refusal.of(null, QueryRules.JL_PROHIBIT, null,
                                    "query.refusal.differencing", k)));
                        }
                    }
                    ledgerCells.add(cell);
                }
                List<String> out = new ArrayList<>(keys);
                for (CellAggregate agg : aggregates) {
                    Object value = row.get(g + agg.index());
                    String seed = analysis.canonicalPopulation() + "|" + agg.canonical() + "|" + String.join("\u0001",
                            keys.stream().map(x -> x == null ? "\u0000" : x).toList());
                    byte[] h = Sm3.hmac(workspace.noiseKey(), seed.getBytes(StandardCharsets.UTF_8));
                    if (value == null || agg.noise() == Noise.NONE) {
                        out.add(text(value));
                        continue;
                    }
                    noised = true;
                    if (agg.noise() == Noise.COUNT) {
                        long n = ((Number) value).longValue() + countNoise(h, settings.countNoiseBound());
                        out.add(Long.toString(Math.max(0, n)));
                    } else {
                        double scale = number(row.get(g + a + agg.scaleColumn()));
                        double u = unit(h);
                        double noise = u * settings.countNoiseBound() * scale;
                        if (agg.noise() == Noise.AVG) {
                            noise = noise / Math.max(1, persons);
                        }
                        double v = number(value) + noise;
                        out.add(BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
                    }
                }
                kept.add(out);
            }
            // the cells table: group keys and (noised) aggregates only
            StringBuilder create = new StringBuilder("create temp table " + QueryAnalyzer.CELLS + " (");
            for (int i = 0; i < g + a; i++) {
                LockedEngine.Column c = cells.columns().get(i);
                String type = c.type();
                if (i >= g && aggregates.get(i - g).noise() != Noise.NONE && aggregates.get(i - g).noise() != Noise.COUNT) {
                    type = "DOUBLE";
                }
                create.append(i == 0 ? "" : ", ").append(i < g ? "__pdao_g" + i : "__pdao_a" + (i - g)).append(' ')
                        .append(safeType(type));
            }
            if (g + a == 0) {
                create.append("__pdao_none INTEGER");
            }
            create.append(')');
            session.execute(create.toString());
            session.insert(QueryAnalyzer.CELLS, g + a, kept);
            JsonNode output = named(analysis.output(), described);
            LockedEngine.Rows released = session.query(engine.sql(output), settings.maxRows(), List.of());
            List<ResultColumn> columns = new ArrayList<>();
            boolean aggregateOnly = analysis.aggregated() && !capped;
            for (int i = 0; i < released.columns().size(); i++) {
                LockedEngine.Column c = released.columns().get(i);
                ResultColumn.Disclosure d = i < analysis.columns().size() ? analysis.columns().get(i).disclosure()
                        : ResultColumn.Disclosure.CLEAR;
                columns.add(new ResultColumn(c.name(), c.type(), d));
            }
            List<String> notes = new ArrayList<>();
            notes.add("k=" + k + "; cells=" + cells.rows().size() + "; suppressed=" + suppressed);
            if (noised) {
                notes.add("noise: counts ±" + settings.countNoiseBound() + ", sums/averages of AGGREGATE_ONLY columns "
                        + "±" + settings.countNoiseBound() + "×mean|value| (sticky per cell)");
            }
            if (!analysis.aggregated()) {
                notes.add("row-level result: distinct rows shared by at least k persons; held for review");
            }
            if (capped) {
                notes.add("release ledger: more than " + settings.ledgerComparisons()
                        + " earlier cells to compare; held for review");
            }
            return new Outcome(analysis, columns, released.rows(), cells.rows().size(), suppressed, noised,
                    noised ? settings.countNoiseBound() : null, aggregateOnly, notes, ledgerCells);
        }
    }

    private static long difference(LockedEngine.Session session, ReleaseLedger.Cell now, ReleaseLedger.Cell earlier) {
        List<String> params = new ArrayList<>();
        String a = population(now, params);
        String b = population(earlier, params);
        String sql = "with a as (" + a + "), b as (" + b + ") select (select count(*) from (select __pdao_pk from a "
                + "except select __pdao_pk from b)) + (select count(*) from (select __pdao_pk from b except "
                + "select __pdao_pk from a))";
        LockedEngine.Rows rows = session.query(sql, 1, params);
        return ((Number) rows.rows().get(0).get(0)).longValue();
    }

    private static String population(ReleaseLedger.Cell cell, List<String> params) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < cell.keys().size(); i++) {
            where.append(i == 0 ? " where " : " and ").append("cast(__pdao_g").append(i)
                    .append(" as varchar) is not distinct from ?");
            params.add(cell.keys().get(i));
        }
        return "select distinct __pdao_pk from (" + stripSemicolon(cell.populationSql()) + ") __pdao_pop" + where;
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    /** The output statement with every select item named as DuckDB names it in the developer's own query. */
    private static JsonNode named(JsonNode output, List<LockedEngine.Column> described) {
        JsonNode copy = output.deepCopy();
        ArrayNode select = (ArrayNode) copy.path("statements").get(0).path("node").path("select_list");
        for (int i = 0; i < select.size() && i < described.size(); i++) {
            ObjectNode item = (ObjectNode) select.get(i);
            if (item.path("alias").asString("").isEmpty()) {
                item.put("alias", described.get(i).name());
            }
        }
        return copy;
    }

    private static String safeType(String type) {
        return type.matches("[A-Za-z0-9_ (),]+") ? type : "VARCHAR";
    }

    static long countNoise(byte[] h, int bound) {
        if (bound <= 0) {
            return 0;
        }
        long x = Integer.toUnsignedLong(ByteBuffer.wrap(h, 0, 4).getInt());
        return x % (2L * bound + 1) - bound;
    }

    static double unit(byte[] h) {
        long bits = ByteBuffer.wrap(h, 4, 8).getLong() >>> 11;
        return bits / (double) (1L << 53) * 2 - 1;
    }

    private static double number(@Nullable Object v) {
        return v == null ? 0 : v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString());
    }

    private static @Nullable String text(@Nullable Object v) {
        return v == null ? null : v.toString();
    }
}
