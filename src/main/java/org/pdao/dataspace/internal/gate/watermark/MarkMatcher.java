package org.pdao.dataspace.internal.gate.watermark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.internal.gate.ResultColumn;

/**
 * Compares a leaked file with the issues of one released result, cell by cell. Each leaked row is first aligned with
 * the released row it shows (by its unmarked cells — group keys, exact counts, texts — and the nearest numbers),
 * whatever the row order, and whether or not every row is there. Then every cell that shows one of the variants its
 * released value could take, written at least as precisely as the mark, is a mark. Cells showing none of the variants
 * (rounded coarser, edited) do not count at all.
 *
 * <p>Every candidate issue is scored by the likelihood of the marks the file shows if it were made from that issue,
 * against chance (each mark one of its variants at random): a mark showing the candidate's variant counts
 * {@code log((1 - ε)·n)}, one showing another variant {@code log(ε·n/(n - 1))}, with {@code n} the number of variants and
 * {@code ε} the chance that a kept mark was edited to another variant. The chance probability of a candidate is the
 * upper tail of the Poisson-binomial distribution of chance matches (1/n per mark) at its number of matches.
 */
public final class MarkMatcher {

    /** One candidate issue: who got it and the values issued (in the released row order). */
    public record Candidate(UUID issueId, UUID recipientId, List<List<Object>> issuedRows) {
        public Candidate {
            issuedRows = List.copyOf(issuedRows);
        }
    }

    /**
     * How well the leaked file matches one candidate: marks matched of those the file shows, the chance of as many
     * matches by accident, and the log10 likelihood ratio of "made from this issue" against chance.
     */
    public record Score(UUID issueId, UUID recipientId, int matched, int total, double pValue, double logLikelihood) {}

    /** The comparison of a leaked file with the issues of one result. */
    public record Outcome(int alignedRows, int total, List<Score> scores) {
        public Outcome {
            scores = List.copyOf(scores);
        }

        /** The most likely candidate; none when another recipient's candidate is as likely. */
        public @Nullable Score best() {
            return MarkMatcher.best(scores);
        }

        /** The most likely candidate of another recipient than the best's (the runner-up), if any. */
        public @Nullable Score runnerUp() {
            return MarkMatcher.runnerUp(scores);
        }
    }

    /** The chance that a kept mark shows another variant than the one issued (an edit of its last digits). */
    static final double EDITED = 0.05;
    private static final int MAX_MARKS = 5_000;

    private MarkMatcher() {}

    /** The most likely of {@code scores}; none when a candidate of another recipient is as likely. */
    public static @Nullable Score best(List<Score> scores) {
        Score best = null;
        for (Score s : scores) {
            if (best == null || s.logLikelihood() > best.logLikelihood()) {
                best = s;
            }
        }
        Score second = runnerUp(scores);
        return best == null || second != null && second.logLikelihood() >= best.logLikelihood() ? null : best;
    }

    /** The most likely of {@code scores} among the recipients other than the most likely one's. */
    public static @Nullable Score runnerUp(List<Score> scores) {
        Score best = null;
        for (Score s : scores) {
            if (best == null || s.logLikelihood() > best.logLikelihood()) {
                best = s;
            }
        }
        Score second = null;
        for (Score s : scores) {
            if (s != best && !s.recipientId().equals(best.recipientId())
                    && (second == null || s.logLikelihood() > second.logLikelihood())) {
                second = s;
            }
        }
        return second;
    }

    public static Outcome compare(Watermarker.Released released, List<Candidate> candidates, LeakedFile file) {
        List<ResultColumn> columns = released.columns();
        int[] position = new int[columns.size()];
        List<List<String>> leakedRows = new ArrayList<>(file.rows());
        Map<String, Integer> names = file.positions();
        int byName = 0;
        for (int c = 0; c < columns.size(); c++) {
            Integer p = names.get(CellVariants.fold(columns.get(c).name()).toLowerCase(Locale.ROOT));
            position[c] = p == null ? -1 : p;
            byName += p == null ? 0 : 1;
        }
        if (byName * 2 < columns.size()) {
            // no usable header: columns by position, and the first line was data
            for (int c = 0; c < columns.size(); c++) {
                position[c] = c;
            }
            if (file.format() == LeakedFile.Format.CSV) {
                leakedRows.add(0, file.names());
            }
        }
        List<Integer> aligned = align(released, position, leakedRows);

        List<Double> chances = new ArrayList<>();
        int[] matched = new int[candidates.size()];
        double[] likelihood = new double[candidates.size()];
        int rows = 0;
        for (int k = 0; k < leakedRows.size() && chances.size() < MAX_MARKS; k++) {
            Integer i = aligned.get(k);
            if (i == null) {
                continue;
            }
            rows++;
            List<Object> original = released.rows().get(i);
            List<String> leaked = leakedRows.get(k);
            for (int c = 0; c < columns.size(); c++) {
                if (position[c] < 0 || position[c] >= leaked.size() || c >= original.size()) {
                    continue;
                }
                Object value = original.get(c);
                CellVariants.Kind kind = Watermarker.kindOf(released, c, value);
                if (kind == CellVariants.Kind.NONE) {
                    continue;
                }
                List<BigDecimal> variants = CellVariants.numberVariants(kind, value);
                BigDecimal unit = CellVariants.unit(kind, value);
                BigDecimal x = CellVariants.decimal(leaked.get(position[c]));
                // a value written more coarsely than the mark (1234.5 for a mark in hundredths) may be a rounding of
                // any variant: it shows no mark
                if (variants.size() < 2 || unit == null || x == null || x.scale() < unit.scale()) {
                    continue;
                }
                BigDecimal half = unit.divide(BigDecimal.valueOf(2));
                BigDecimal hit = null;
                for (BigDecimal v : variants) {
                    if (x.subtract(v).abs().compareTo(half) < 0) {
                        hit = v;
                    }
                }
                if (hit == null) {
                    continue;
                }
                int n = variants.size();
                chances.add(1.0 / n);
                double match = Math.log10((1 - EDITED) * n);
                double mismatch = Math.log10(EDITED * n / (n - 1));
                for (int j = 0; j < candidates.size(); j++) {
                    BigDecimal issued = CellVariants.decimal(candidates.get(j).issuedRows().get(i).get(c));
                    if (issued != null && issued.compareTo(hit) == 0) {
                        matched[j]++;
                        likelihood[j] += match;
                    } else {
                        likelihood[j] += mismatch;
                    }
                }
            }
        }
        double[] distribution = distribution(chances);
        List<Score> scores = new ArrayList<>();
        for (int j = 0; j < candidates.size(); j++) {
            scores.add(new Score(candidates.get(j).issueId(), candidates.get(j).recipientId(), matched[j],
                    chances.size(), tail(distribution, matched[j]), likelihood[j]));
        }
        return new Outcome(rows, chances.size(), scores);
    }

    /** For each leaked row, the index of the released row it shows, or null. */
    private static List<Integer> align(Watermarker.Released released, int[] position, List<List<String>> leaked) {
        List<ResultColumn> columns = released.columns();
        boolean[] stable = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            stable[c] = position[c] >= 0;
            for (List<Object> row : released.rows()) {
                CellVariants.Kind kind = c < row.size() ? Watermarker.kindOf(released, c, row.get(c))
                        : CellVariants.Kind.NONE;
                if (kind != CellVariants.Kind.NONE) {
                    stable[c] = false;
                    break;
                }
            }
        }
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < released.rows().size(); i++) {
            List<Object> row = released.rows().get(i);
            StringBuilder key = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                if (stable[c]) {
                    key.append(canonical(c < row.size() ? row.get(c) : null)).append('\u0001');
                }
            }
            byKey.computeIfAbsent(key.toString(), x -> new ArrayList<>()).add(i);
        }
        Map<Integer, Integer> used = new HashMap<>();
        List<Integer> out = new ArrayList<>(leaked.size());
        for (List<String> row : leaked) {
            StringBuilder key = new StringBuilder();
            for (int c = 0; c < columns.size(); c++) {
                if (stable[c]) {
                    key.append(canonical(position[c] < row.size() ? row.get(position[c]) : null)).append('\u0001');
                }
            }
            List<Integer> candidates = byKey.getOrDefault(key.toString(), List.of());
            Integer best = null;
            double bestDistance = Double.MAX_VALUE;
            for (int i : candidates) {
                double d = distance(released, position, stable, released.rows().get(i), row);
                if (d < bestDistance || d == bestDistance && used.getOrDefault(i, 0) < used.getOrDefault(best, 0)) {
                    best = i;
                    bestDistance = d;
                }
            }
            if (best != null && bestDistance < 1e-3 * Math.max(1, columns.size())) {
                used.merge(best, 1, Integer::sum);
                out.add(best);
            } else {
                out.add(null);
            }
        }
        return out;
    }

    /**
     * The distance of the numeric cells that may carry marks: none for a value among the variants of the released one,
     * else its relative distance (each capped at 1).
     */
    private static double distance(Watermarker.Released released, int[] position, boolean[] stable,
            List<Object> original, List<String> leaked) {
        double sum = 0;
        for (int c = 0; c < position.length; c++) {
            if (stable[c] || position[c] < 0 || c >= original.size()) {
                continue;
            }
            BigDecimal o = CellVariants.decimal(original.get(c));
            BigDecimal x = position[c] < leaked.size() ? CellVariants.decimal(leaked.get(position[c])) : null;
            if (o == null && x == null) {
                continue;
            }
            if (o == null || x == null) {
                sum += 1;
                continue;
            }
            CellVariants.Kind kind = Watermarker.kindOf(released, c, original.get(c));
            BigDecimal unit = CellVariants.unit(kind, original.get(c));
            if (unit != null && x.subtract(o).abs().compareTo(unit.multiply(BigDecimal.valueOf(
                    (kind == CellVariants.Kind.COUNT ? 1 : CellVariants.NUMBER_SPREAD) + 1))) <= 0) {
                continue;
            }
            double scale = Math.max(Math.abs(o.doubleValue()), 1e-9);
            sum += Math.min(1, Math.abs(x.doubleValue() - o.doubleValue()) / scale);
        }
        return sum;
    }

    /** The form all variants and reformattings of a cell share. */
    static String canonical(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        BigDecimal number = value instanceof String s ? CellVariants.decimal(s) : CellVariants.decimal(value);
        if (number != null && !(value instanceof String s && s.strip().startsWith("0") && s.strip().length() > 1
                && !s.strip().startsWith("0."))) {
            return number.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        return CellVariants.fold(value.toString());
    }

    /** P(X ≥ m) for X the number of chance matches, each mark matching with its own probability. */
    static double upperTail(List<Double> chances, int m) {
        return tail(distribution(chances), m);
    }

    /** The distribution of the number of chance matches (Poisson-binomial), computed once per leaked file. */
    private static double[] distribution(List<Double> chances) {
        double[] dist = new double[chances.size() + 1];
        dist[0] = 1.0;
        int n = 0;
        for (double p : chances) {
            n++;
            for (int k = n; k >= 1; k--) {
                dist[k] = dist[k] * (1 - p) + dist[k - 1] * p;
            }
            dist[0] *= 1 - p;
        }
        return dist;
    }

    private static double tail(double[] dist, int m) {
        if (m <= 0) {
            return 1.0;
        }
        double tail = 0;
        for (int k = m; k < dist.length; k++) {
            tail += dist[k];
        }
        return Math.min(1.0, tail);
    }
}
