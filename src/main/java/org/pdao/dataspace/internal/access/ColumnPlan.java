package org.pdao.dataspace.internal.access;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.internal.query.ColumnTreatment;

/**
 * What becomes of one granted column in a workspace: its treatment, the method applied and the DuckDB type.
 * The decision ({@link #of}) is the heart of NJ-14: the person key is always pseudonymised with the grant's
 * key, other personal identifiers too; a column with an approved rule gets its method; a grade ≥ 3 column
 * without one is absent — unless the grant is for raw data and the values are numeric, then they stay raw
 * for aggregates inside the space only. Nothing of grade ≥ 3 is ever CLEAR.
 */
record ColumnPlan(String column, int grade, ValueType sourceType, ColumnTreatment treatment,
        @Nullable DesensitizationMethod method, Map<String, String> params, String sqlType, @Nullable String label) {

    ColumnPlan {
        params = Map.copyOf(params);
    }

    static final String PERSON_KEY_LABEL = "HMAC_SM3";

    static Optional<ColumnPlan> of(String column, int grade, ValueType type, boolean personKey, boolean identifier,
            @Nullable DesensitizationRule rule, boolean rawGrant, int desensitizeFrom) {
        if (personKey || identifier) {
            Map<String, String> params = Map.of("encoding", "hex");
            return Optional.of(new ColumnPlan(column, grade, type,
                    personKey ? ColumnTreatment.PERSON_PSEUDONYM : ColumnTreatment.PSEUDONYM,
                    DesensitizationMethod.PSEUDONYMISE_HMAC_SM3, params, "VARCHAR", PERSON_KEY_LABEL));
        }
        if (rule != null && rule.method().appliesTo(type)) {
            if (rule.method().removesColumn()) {
                return Optional.empty();
            }
            return Optional.of(new ColumnPlan(column, grade, type, rule.method().treatment(), rule.method(),
                    rule.params(), rule.method().outputType(type), rule.method().label(rule.params())));
        }
        if (grade >= desensitizeFrom) {
            if (rawGrant && type == ValueType.NUMBER) {
                DesensitizationMethod keep = DesensitizationMethod.KEEP_RAW_AGGREGATE_ONLY;
                return Optional.of(new ColumnPlan(column, grade, type, keep.treatment(), keep, Map.of(),
                        keep.outputType(type), keep.label(Map.of())));
            }
            return Optional.empty();
        }
        return Optional.of(new ColumnPlan(column, grade, type, ColumnTreatment.CLEAR, null, Map.of(), type.sqlType(),
                null));
    }
}
