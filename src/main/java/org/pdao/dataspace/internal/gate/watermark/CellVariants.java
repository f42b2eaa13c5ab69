package org.pdao.dataspace.internal.gate.watermark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The value-equivalent variants of one cell among which a recipient's watermark chooses, and the folding by which a
 * leaked copy's cells are compared again.
 *
 * <ul>
 *   <li>Decimal aggregates (averages, sums of decimals): five variants {@code v + d·u}, {@code d ∈ [-2, 2]}, where
 *   {@code u} is the unit of the sixth significant digit, so that no variant differs from the released value by more
 *   than 2·10⁻⁵ of it — far below the noise and rounding the executor applies, invisible to analysis.</li>
 *   <li>Whole-number aggregates of at least 10⁴: the same in the unit of the fifth significant digit (at least 1).</li>
 *   <li>Counts: three variants {@code c - 1, c, c + 1}, only when the executor noised counts with a bound of at least 1
 *   (the variation stays inside the noise); exact counts are never changed.</li>
 *   <li>Texts, clear group keys (whatever their type), booleans and nulls carry no mark: they come back exactly as
 *   the analyst's SQL computed them, so that joins and comparisons in the analyst's own tools keep working.</li>
 * </ul>
 */
public final class CellVariants {

    /** How a column is marked. */
    public enum Kind { NONE, DECIMAL, WHOLE, COUNT }

    static final int NUMBER_SPREAD = 2;
    /** Characters a leaked copy may show for another one (typed, pasted, normalised), folded for alignment only. */
    private static final Map<Character, Character> BASE = Map.of('\u2010', '-', '\u2011', '-', '\u2212', '-',
            '\uFE63', '-', '\u30FB', '\u00B7', '\u2215', '/');
    private static final java.util.regex.Pattern GROUPED = java.util.regex.Pattern.compile("[-+]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final java.util.regex.Pattern INVISIBLE =
            java.util.regex.Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[ \\t\\r\\n\\u00A0\\u3000]+");
    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile(" +");

    private CellVariants() {}

    // --- numbers

    /** The unit of the mark of a numeric cell, or null when it carries none. */
    static @Nullable BigDecimal unit(Kind kind, @Nullable Object value) {
        BigDecimal v = decimal(value);
        if (v == null || v.signum() == 0) {
            return null;
        }
        int leading = v.precision() - v.scale() - 1;
        return switch (kind) {
            case DECIMAL -> BigDecimal.ONE.scaleByPowerOfTen(leading - 5);
            case WHOLE -> leading >= 4 ? BigDecimal.ONE.scaleByPowerOfTen(Math.max(0, leading - 4)) : null;
            case COUNT -> BigDecimal.ONE;
            default -> null;
        };
    }

    /** The variants of a numeric cell, the released value's rounding first among equals at index {@code spread}. */
    static List<BigDecimal> numberVariants(Kind kind, Object value) {
        BigDecimal unit = unit(kind, value);
        BigDecimal v = decimal(value);
        if (unit == null || v == null) {
            return List.of();
        }
        int spread = kind == Kind.COUNT ? 1 : NUMBER_SPREAD;
        BigDecimal base = v.divide(unit, 0, RoundingMode.HALF_EVEN).multiply(unit);
        List<BigDecimal> out = new ArrayList<>();
        for (int d = -spread; d <= spread; d++) {
            BigDecimal variant = base.add(unit.multiply(BigDecimal.valueOf(d)));
            if (kind == Kind.COUNT && variant.signum() < 0) {
                continue;
            }
            out.add(kind == Kind.DECIMAL ? variant.setScale(Math.max(0, -unitExponent(unit)), RoundingMode.UNNECESSARY)
                    : variant.setScale(0, RoundingMode.UNNECESSARY));
        }
        return out;
    }

    private static int unitExponent(BigDecimal unit) {
        return unit.precision() - unit.scale() - 1;
    }

    /** The number a cell holds, parsed leniently from a leaked file (spaces, thousands separators, full-width digits). */
    static @Nullable BigDecimal decimal(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return Double.isFinite(n.doubleValue()) ? BigDecimal.valueOf(n.doubleValue()) : null;
        }
        String s = Normalizer.normalize(value.toString(), Normalizer.Form.NFKC).strip().replace(" ", "")
                .replace("\u00A0", "");
        if (GROUPED.matcher(s).matches()) {
            s = s.replace(",", "");
        }
        if (!NUMBER.matcher(s).matches()) {
            return null;
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // --- text

    /** A cell's text as a leaked file carries it, with invisible characters and outer or repeated spaces removed. */
    static String light(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String s = INVISIBLE.matcher(text).replaceAll("");
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    /** A text with every variant folded back to its base form (NFKC, look-alikes, spaces): what all variants share. */
    public static String fold(@Nullable String text) {
        String s = Normalizer.normalize(light(text), Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(BASE.getOrDefault(c, c));
        }
        return BLANKS.matcher(out).replaceAll(" ").strip();
    }
}
