package org.pdao.dataspace.internal.access;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.internal.query.ColumnTreatment;
import org.pdao.shared.ProblemException;

/**
 * The desensitization methods a rule may apply (TZ-15, NJ-14): Apache Ranger's masks, keyed
 * pseudonymisation with HMAC-SM3 under the grant's key, generalisation, suppression, bounded noise, and
 * keeping a numeric grade ≥ 3 value raw for aggregates inside the space only. Each method names its
 * parameters with their defaults and the value types it applies to.
 */
enum DesensitizationMethod {
    /** Shows the first {@code n} characters, masks the rest with {@code mask} (Ranger MASK_SHOW_FIRST_4). */
    MASK_SHOW_FIRST_N(ColumnTreatment.DESENSITIZED, EnumSet.of(ValueType.TEXT), Map.of("n", "4", "mask", "*")),
    /** Shows the last {@code n} characters, masks the rest (Ranger MASK_SHOW_LAST_4). */
    MASK_SHOW_LAST_N(ColumnTreatment.DESENSITIZED, EnumSet.of(ValueType.TEXT), Map.of("n", "4", "mask", "*")),
    /** Upper-case letters to X, lower-case to x, digits to n, other letters (汉字) to * (Ranger MASK). */
    MASK_REDACT(ColumnTreatment.DESENSITIZED, EnumSet.of(ValueType.TEXT), Map.of()),
    /** SM3 of the value salted with the grant's key, hex (Ranger MASK_HASH, salted so no dictionary reverses it). */
    MASK_HASH(ColumnTreatment.PSEUDONYM, EnumSet.allOf(ValueType.class), Map.of()),
    /** Every value null (Ranger MASK_NULL). */
    MASK_NULL(ColumnTreatment.DESENSITIZED, EnumSet.allOf(ValueType.class), Map.of()),
    /** A date with month and day set to 1 January (Ranger MASK_DATE_SHOW_YEAR). */
    MASK_DATE_SHOW_YEAR(ColumnTreatment.DESENSITIZED, EnumSet.of(ValueType.DATE), Map.of()),
    /** HMAC-SM3 under the grant's key, {@code hex} or {@code base64}: links within one grant, never across grants. */
    PSEUDONYMISE_HMAC_SM3(ColumnTreatment.PSEUDONYM, EnumSet.allOf(ValueType.class), Map.of("encoding", "hex")),
    /** Age at the day of materialisation in bands of {@code width} years, e.g. {@code 30-39}. */
    GENERALISE_AGE_BAND(ColumnTreatment.DESENSITIZED, EnumSet.of(ValueType.DATE), Map.of("width", "10")),
    /** A date to its month ({@code 1990-05}) or year ({@code 1990}). */
    GENERALISE_DATE(ColumnTreatment.DESENSITIZED, EnumSet.of(ValueType.DATE), Map.of("level", "MONTH")),
    /** A GB/T 2260 region code to its prefecture ({@code CITY}, 321202 → 321200) or province (→ 320000). */
    GENERALISE_REGION(ColumnTreatment.DESENSITIZED, EnumSet.of(ValueType.TEXT), Map.of("level", "CITY")),
    /** The column is absent from workspaces. */
    SUPPRESS(ColumnTreatment.DESENSITIZED, EnumSet.allOf(ValueType.class), Map.of()),
    /** Adds noise ({@code UNIFORM} or {@code LAPLACE}, {@code scale}) clamped to ±{@code clamp}, seeded per grant and row. */
    NOISE_BOUNDED(ColumnTreatment.DESENSITIZED, EnumSet.of(ValueType.NUMBER),
            Map.of("distribution", "LAPLACE", "scale", "100", "clamp", "500", "decimals", "2")),
    /** A numeric value kept raw inside the space: it leaves only inside an aggregate over enough persons. */
    KEEP_RAW_AGGREGATE_ONLY(ColumnTreatment.AGGREGATE_ONLY, EnumSet.of(ValueType.NUMBER), Map.of());

    private final ColumnTreatment treatment;
    private final Set<ValueType> appliesTo;
    private final Map<String, String> defaults;

    DesensitizationMethod(ColumnTreatment treatment, Set<ValueType> appliesTo, Map<String, String> defaults) {
        this.treatment = treatment;
        this.appliesTo = appliesTo;
        this.defaults = defaults;
    }

    ColumnTreatment treatment() {
        return treatment;
    }

    boolean appliesTo(ValueType type) {
        return appliesTo.contains(type);
    }

    boolean removesColumn() {
        return this == SUPPRESS;
    }

    /** The DuckDB type of the column after this method, for a source column of {@code type}. */
    String outputType(ValueType type) {
        return switch (this) {
            case MASK_NULL, KEEP_RAW_AGGREGATE_ONLY, MASK_DATE_SHOW_YEAR -> type.sqlType();
            case NOISE_BOUNDED -> "DOUBLE";
            default -> "VARCHAR";
        };
    }

    /**
     * The parameters with defaults filled in, checked: unknown names, bad values or a method that does not
     * apply to the column's values are bad requests.
     */
    Map<String, String> validate(@Nullable Map<String, String> given, ValueType type) {
        if (!appliesTo(type)) {
            throw ProblemException.badRequest("workspace.rule.method-type", name(), type.name());
        }
        Map<String, String> params = new TreeMap<>(defaults);
        if (given != null) {
            for (Map.Entry<String, String> e : given.entrySet()) {
                if (!defaults.containsKey(e.getKey()) || e.getValue() == null) {
                    throw ProblemException.badRequest("workspace.rule.param-unknown", e.getKey());
                }
                params.put(e.getKey(), e.getValue().trim());
            }
        }
        switch (this) {
            case MASK_SHOW_FIRST_N, MASK_SHOW_LAST_N -> {
                integer(params, "n", 0, 32);
                String mask = params.get("mask");
                if (mask.codePointCount(0, mask.length()) != 1 || mask.equals(";") || mask.equals("=")) {
                    throw ProblemException.badRequest("workspace.rule.param-invalid", "mask");
                }
            }
            case PSEUDONYMISE_HMAC_SM3 -> oneOf(params, "encoding", Set.of("hex", "base64"));
            case GENERALISE_AGE_BAND -> integer(params, "width", 1, 50);
            case GENERALISE_DATE -> oneOf(params, "level", Set.of("MONTH", "YEAR"));
            case GENERALISE_REGION -> oneOf(params, "level", Set.of("CITY", "PROVINCE"));
            case NOISE_BOUNDED -> {
                oneOf(params, "distribution", Set.of("UNIFORM", "LAPLACE"));
                double scale = positive(params, "scale");
                double clamp = positive(params, "clamp");
                if (clamp < scale / 100) {
                    throw ProblemException.badRequest("workspace.rule.param-invalid", "clamp");
                }
                integer(params, "decimals", 0, 6);
            }
            default -> { }
        }
        return params;
    }

    /** How the method and its parameters are shown on a workspace column, e.g. {@code MASK_SHOW_LAST_N(mask=*,n=4)}. */
    String label(Map<String, String> params) {
        if (params.isEmpty()) {
            return name();
        }
        return name() + new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", "(", ")"));
    }

    static Map<String, String> parseParams(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text.isBlank()) {
            return params;
        }
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return params;
    }

    static String formatParams(Map<String, String> params) {
        return new TreeMap<>(params).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    private static void integer(Map<String, String> params, String name, int min, int max) {
        try {
            int value = Integer.parseInt(params.get(name));
            if (value < min || value > max) {
                throw ProblemException.badRequest("workspace.rule.param-invalid", name);
            }
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("workspace.rule.param-invalid", name);
        }
    }

    private static double positive(Map<String, String> params, String name) {
        try {
            double value = Double.parseDouble(params.get(name));
            if (!(value > 0) || Double.isInfinite(value)) {
                throw ProblemException.badRequest("workspace.rule.param-invalid", name);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("workspace.rule.param-invalid", name);
        }
    }

    private static void oneOf(Map<String, String> params, String name, Set<String> allowed) {
        if (!allowed.contains(params.get(name))) {
            throw ProblemException.badRequest("workspace.rule.param-invalid", name);
        }
    }
}
