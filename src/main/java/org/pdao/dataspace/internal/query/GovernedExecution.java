package org.pdao.dataspace.internal.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GovernedExecution.class);

    /** Above this many cells a level is not sketched (64 rows per cell would come back): the exact comparisons decide. */
    private static final int MAX_SKETCHED_CELLS = 2_000;

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
        return analyze(workspace, sql, 2);
    }

    private Analysis analyze(QueryableWorkspace workspace, String sql, int k) {
        List<Refusal> lexical = LexicalCheck.check(sql, settings.maxSqlLength());
        if (!lexical.isEmpty()) {
            throw new QueryRefused(lexical);
        }
        return new QueryAnalyzer(workspace.tables(), k).analyze(engine.parse(SqlComments.executable(sql)));
    }

    Outcome run(QueryableWorkspace workspace, UUID queryId, String sql, int k) {
        Analysis analysis = analyze(workspace, sql, k);
        if (!analysis.allowed()) {
            throw new QueryRefused(analysis.refusals());
        }
        return engine.bounded(workspace, session -> execute(session, workspace, queryId, sql, k, analysis));
    }

    private Outcome execute(LockedEngine.Session session, QueryableWorkspace workspace, UUID queryId, String sql, int k,
            Analysis analysis) {
        List<LockedEngine.Column> described = session.describe(SqlComments.executable(sql));
        CellRun total = new CellRun();
        for (Analysis sub : analysis.subReleases()) {
            releaseCells(session, workspace, queryId, k, sub, total);
            session.execute("create temp table " + sub.table() + " as " + stripSemicolon(engine.sql(sub.output())));
        }
        if (!analysis.direct()) {
            releaseCells(session, workspace, queryId, k, analysis, total);
        }
        JsonNode output = named(analysis.output(), described);
        if (!analysis.aggregated() && !analysis.direct()) {
            checkRowsAsked(session, analysis, output);
        }
        LockedEngine.Rows read = session.query(engine.sql(output), settings.maxRows(), List.of());
        List<LockedEngine.Column> named = new ArrayList<>();
        for (int i = 0; i < read.columns().size(); i++) {
            LockedEngine.Column c = read.columns().get(i);
            named.add(i < described.size() ? new LockedEngine.Column(described.get(i).name(), c.type()) : c);
        }
        LockedEngine.Rows released = new LockedEngine.Rows(named, read.rows());
        List<ResultColumn> columns = new ArrayList<>();
        boolean aggregateOnly = analysis.aggregated() && !total.capped;
        for (int i = 0; i < released.columns().size(); i++) {
            LockedEngine.Column c = released.columns().get(i);
            ResultColumn.Disclosure d = i < analysis.columns().size() ? analysis.columns().get(i).disclosure()
                    : ResultColumn.Disclosure.CLEAR;
            columns.add(new ResultColumn(c.name(), c.type(), d));
        }
        List<String> notes = new ArrayList<>();
        // the numbers of cells and of suppressed groups are audited, not shown: a suppressed group differs from an
        // absent one (group by case when <one person with an attribute> …), one bit per query
        notes.add("k=" + k + "; groups under k persons suppressed (how many is not shown)"
                + (total.withheld > 0 ? "; values withheld (fewer than k persons contribute)=" + total.withheld : ""));
        if (total.noised) {
            notes.add("noise: counts ±" + settings.countNoiseBound() + ", sums of AGGREGATE_ONLY columns ±"
                    + settings.countNoiseBound() + "×mean|value|, averages ±" + settings.countNoiseBound()
                    + "×stddev/persons (sticky per cell)");
        }
        if (!analysis.subReleases().isEmpty()) {
            notes.add("sub-results released on their own: " + analysis.subReleases().size());
        }
        if (!analysis.aggregated()) {
            notes.add("row-level result: distinct rows shared by at least k persons; held for review");
        }
        if (total.ledgerSuppressed > 0) {
            // one bit, as a refusal would be: which cells, or how many, is not shown
            notes.add("release ledger (JL-prohibit, differencing): cells that would differ from an earlier release of "
                    + "this grant by 1 to " + (k - 1) + " persons are suppressed as well");
        }
        if (total.capped) {
            notes.add("release ledger: more than " + settings.ledgerComparisons()
                    + " earlier cells to compare, or their time budget used up; held for review");
        }
        log.debug("query {}: {} cells, {} suppressed ({} by the ledger); ledger {} ms ({} ms finding {} candidates, {} "
                + "settled by sketches, {} compared), sketches {} ms", queryId, total.cells, total.suppressed,
                total.ledgerSuppressed, total.ledgerNanos / 1_000_000, total.nearNanos / 1_000_000, total.candidates,
                total.sketched, total.comparisons, total.sketchNanos / 1_000_000);
        return new Outcome(analysis, columns, released.rows(), total.cells, total.suppressed, total.noised,
                total.noised ? settings.countNoiseBound() : null, aggregateOnly, notes, total.ledgerCells);
    }

    /** What the cell stages of one query did. */
    private static final class CellRun {
        int cells;
        int suppressed;
        int withheld;
        boolean noised;
        boolean capped;
        int comparisons;
        int sketched;
        int ledgerSuppressed;
        int candidates;
        long ledgerNanos;
        long nearNanos;
        long sketchNanos;
        final List<ReleaseLedger.Cell> ledgerCells = new ArrayList<>();
    }

    /**
     * Computes the cells of one released level, suppresses those under k persons, checks the ledger, noises the
     * aggregates and writes the remaining cells into the level's temp table.
     */
    private void releaseCells(LockedEngine.Session session, QueryableWorkspace workspace, UUID queryId, int k,
            Analysis analysis, CellRun run) {
        String cellsSql = engine.sql(analysis.cells());
        LockedEngine.Rows cells = session.query(cellsSql, settings.maxCells(), List.of());
        run.cells += cells.rows().size();
        int g = analysis.groupKeys();
        List<CellAggregate> aggregates = analysis.aggregates();
        int a = aggregates.size();
        int scales = (int) aggregates.stream().filter(x -> x.scaleColumn() >= 0).count();
        int p = analysis.personCounts();
        String populationSql = engine.sql(analysis.population());
        String populationKey = Sm3.hex(analysis.canonicalPopulation());
        List<List<String>> kept = new ArrayList<>();
        long sketching = System.nanoTime();
        Map<List<@Nullable String>, ContributionSketch> sketches = p > 0
                ? sketches(session, populationSql, g, cells.rows().size()) : Map.of();
        run.sketchNanos += System.nanoTime() - sketching;
        for (List<Object> row : cells.rows()) {
            long persons = Long.MAX_VALUE;
            for (int i = 0; i < p; i++) {
                persons = Math.min(persons, ((Number) row.get(g + a + scales + i)).longValue());
            }
            if (p > 0 && persons < k) {
                run.suppressed++;
                continue;
            }
            List<@Nullable String> keys = new ArrayList<>();
            for (int i = 0; i < g; i++) {
                keys.add(text(row.get(i)));
            }
            List<String> out = new ArrayList<>(keys);
            for (CellAggregate agg : aggregates) {
                Object value = row.get(g + agg.index());
                if (agg.filterColumn() >= 0
                        && ((Number) row.get(g + a + scales + p + agg.filterColumn())).longValue() < k) {
                    run.withheld++;
                    out.add(null);
                    continue;
                }
                String seed = analysis.canonicalPopulation() + "|" + agg.canonical() + "|" + String.join("\u0001",
                        keys.stream().map(x -> x == null ? "\u0000" : x).toList());
                byte[] h = Sm3.hmac(workspace.noiseKey(), seed.getBytes(StandardCharsets.UTF_8));
                if (value == null || agg.noise() == Noise.NONE) {
                    out.add(text(value));
                    continue;
                }
                run.noised = true;
                if (agg.noise() == Noise.COUNT) {
                    long n = ((Number) value).longValue() + countNoise(h, settings.countNoiseBound());
                    out.add(Long.toString(Math.max(0, n)));
                } else {
                    double scale = number(row.get(g + a + agg.scaleColumn()));
                    double noise = unit(h) * settings.countNoiseBound() * scale;
                    if (agg.noise() == Noise.AVG) {
                        noise = noise / Math.max(1, persons);
                    }
                    double v = number(value) + noise;
                    out.add(BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
                }
            }
            long checking = System.nanoTime();
            boolean leaves = p == 0 || checkLedger(session, workspace, queryId, k, populationKey, populationSql, keys,
                    persons, sketches.get(keys), run);
            run.ledgerNanos += System.nanoTime() - checking;
            if (!leaves) {
                // secondary suppression: with an earlier release this cell would isolate 1 … k-1 persons
                run.suppressed++;
                run.ledgerSuppressed++;
                continue;
            }
            kept.add(out);
        }
        StringBuilder create = new StringBuilder("create temp table " + analysis.cellsTable() + " (");
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
        if (g + a == 0) {
            session.insert(analysis.cellsTable(), 1, kept.stream().map(r -> List.of("1")).toList());
        } else {
            session.insert(analysis.cellsTable(), g + a, kept);
        }
    }

    /**
     * The release ledger's check of one cell about to leave: earlier cells of the grant (and of this query) of another
     * population within k persons are compared person by person, and when 1 … k-1 persons contribute differently to
     * the two (see {@link #difference}) the cell may not leave — the difference of the two answers would be theirs.
     * Returns whether it may (and then records it); a cell that may not is suppressed like a small group (secondary
     * suppression, as statistical offices do for a breakdown whose total is already published), so that a drill-down
     * after a total loses only the cells that would give a small group away instead of being refused whole.
     */
    private boolean checkLedger(LockedEngine.Session session, QueryableWorkspace workspace, UUID queryId, int k,
            String populationKey, String populationSql, List<@Nullable String> keys, long persons,
            @Nullable ContributionSketch sketch, CellRun run) {
        long started = System.nanoTime();
        ReleaseLedger.Cell cell = new ReleaseLedger.Cell(queryId, populationKey, populationSql, keys, persons, sketch);
        List<ReleaseLedger.Cell> earlierCells = new ArrayList<>(ledger.near(workspace.grantId(), persons, k,
                populationKey, settings.ledgerComparisons()));
        run.nearNanos += System.nanoTime() - started;
        run.candidates += earlierCells.size();
        for (ReleaseLedger.Cell mine : run.ledgerCells) {
            if (!mine.canonicalPopulation().equals(populationKey) && Math.abs(mine.persons() - persons) < k) {
                earlierCells.add(mine);
            }
        }
        for (ReleaseLedger.Cell earlier : earlierCells) {
            if (sketch != null && earlier.sketch() != null) {
                int differing = sketch.differingBuckets(earlier.sketch());
                // at least k persons contribute differently: proven without re-reading the data; or nobody does (the
                // same persons with the same rows: equal sketches and persons, see ContributionSketch)
                if (differing >= k || differing == 0 && earlier.persons() == persons) {
                    run.sketched++;
                    continue;
                }
            }
            if (run.comparisons++ >= settings.ledgerComparisons()) {
                run.capped = true;
                break;
            }
            long delta;
            try {
                delta = difference(session, cell, earlier);
            } catch (LockedEngine.LedgerTimeUp timeUp) {
                // the comparisons took the ledger's whole time budget: the rest are not made, the result is reviewed
                run.capped = true;
                break;
            }
            if (delta > 0 && delta < k) {
                return false;
            }
        }
        run.ledgerCells.add(cell);
        return true;
    }

    /**
     * The contribution sketches of a level's cells, by their keys as text, from one pass over its population; none
     * when the level has too many cells to be worth it or the ledger's time runs out (the exact comparisons decide).
     */
    private Map<List<@Nullable String>, ContributionSketch> sketches(LockedEngine.Session session, String populationSql,
            int groupKeys, int cells) {
        if (cells == 0 || cells > MAX_SKETCHED_CELLS) {
            return Map.of();
        }
        LockedEngine.Rows rows;
        try {
            rows = session.query(ContributionSketch.sql(stripSemicolon(populationSql), groupKeys),
                    cells * ContributionSketch.BUCKETS + 1, List.of(), LockedEngine.Budget.LEDGER);
        } catch (LockedEngine.LedgerTimeUp | QueryLimitExceeded tooMuch) {
            return Map.of();
        }
        return ContributionSketch.byKeys(rows.rows(), groupKeys, GovernedExecution::text);
    }

    /**
     * The persons who contribute differently to two cells: those in one population and not the other, and those in
     * both with a different number of rows (a query that drops some rows of a person but not the person). The
     * difference of two answers is made of exactly these persons' rows, so 1 … k-1 of them would be isolated; many
     * of them (two unrelated row sets of nearly the same persons, e.g. visits by district and visits in one month by
     * district) isolate nobody.
     */
    private static long difference(LockedEngine.Session session, ReleaseLedger.Cell now, ReleaseLedger.Cell earlier) {
        List<String> params = new ArrayList<>();
        String a = population(now, params);
        String b = population(earlier, params);
        String sql = "with a as (" + a + "), b as (" + b + ") select count(*) from a full outer join b "
                + "on a.__pdao_pk is not distinct from b.__pdao_pk where a.__pdao_n is distinct from b.__pdao_n";
        LockedEngine.Rows rows = session.query(sql, 1, params, LockedEngine.Budget.LEDGER);
        return ((Number) rows.rows().get(0).get(0)).longValue();
    }

    private static String population(ReleaseLedger.Cell cell, List<String> params) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < cell.keys().size(); i++) {
            where.append(i == 0 ? " where " : " and ").append("cast(__pdao_g").append(i)
                    .append(" as varchar) is not distinct from ").append(LockedEngine.literal(cell.keys().get(i)));
        }
        return "select __pdao_pk, count(*) as __pdao_n from (" + stripSemicolon(cell.populationSql()) + ") __pdao_pop"
                + where + " group by __pdao_pk";
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

    /**
     * A row-level result collapses duplicate rows, but the rows the developer asked for are the rows of the
     * developer's query over the released combinations: more than the row limit ends in {@code QUERY_ROW_LIMIT}
     * (e.g. a cross join), as it would without the collapse. DISTINCT asks for the combinations; a constant
     * LIMIT/OFFSET bounds the rows asked. Counted over released combinations only (each of at least k persons), so
     * the limit never tells about a suppressed one.
     */
    private void checkRowsAsked(LockedEngine.Session session, Analysis analysis, JsonNode output) {
        long limit = Long.MAX_VALUE;
        long offset = 0;
        for (JsonNode m : output.path("statements").get(0).path("node").path("modifiers")) {
            String type = m.path("type").asString("");
            if (type.equals("DISTINCT_MODIFIER")) {
                return;
            }
            if (type.equals("LIMIT_MODIFIER")) {
                if (m.path("limit").isObject()) {
                    if (!integral(m.path("limit"))) {
                        return;
                    }
                    limit = Math.max(0, m.path("limit").path("value").path("value").asLong());
                }
                if (m.path("offset").isObject()) {
                    if (!integral(m.path("offset"))) {
                        return;
                    }
                    offset = Math.max(0, m.path("offset").path("value").path("value").asLong());
                }
            }
        }
        StringBuilder on = new StringBuilder();
        for (int i = 0; i < analysis.groupKeys(); i++) {
            on.append(i == 0 ? "" : " and ").append("p.__pdao_g").append(i).append(" is not distinct from c.__pdao_g")
                    .append(i);
        }
        if (on.isEmpty()) {
            return;
        }
        String sql = "select count(*) from (" + stripSemicolon(engine.sql(analysis.population())) + ") p semi join "
                + analysis.cellsTable() + " c on " + on;
        long asked = ((Number) session.query(sql, 1, List.of()).rows().get(0).get(0)).longValue();
        if (Math.min(Math.max(0, asked - offset), limit) > settings.maxRows()) {
            throw new QueryLimitExceeded("QUERY_ROW_LIMIT", settings.maxRows());
        }
    }

    private static boolean integral(JsonNode constant) {
        return constant.path("class").asString().equals("CONSTANT")
                && constant.path("value").path("value").isIntegralNumber()
                && constant.path("value").path("value").canConvertToLong();
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
