package org.pdao.dataspace.internal.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.internal.query.ColumnTreatment;

class ColumnPlanTest {

    private static DesensitizationRule rule(DesensitizationMethod method, Map<String, String> params) {
        return new DesensitizationRule(UUID.randomUUID(), UUID.randomUUID(), "residents", "c", method, params,
                RuleState.APPROVED, method.label(params), "operator", Instant.now(), "authority", Instant.now(), null);
    }

    @Test
    void thePersonKeyIsAlwaysPseudonymised() {
        ColumnPlan plan = ColumnPlan.of("id_number", 4, ValueType.TEXT, true, true,
                rule(DesensitizationMethod.MASK_SHOW_LAST_N, Map.of("n", "4", "mask", "*")), false, 3).orElseThrow();
        assertThat(plan.treatment()).isEqualTo(ColumnTreatment.PERSON_PSEUDONYM);
        assertThat(plan.label()).isEqualTo("HMAC_SM3");
    }

    @Test
    void otherPersonalIdentifiersArePseudonymised() {
        assertThat(ColumnPlan.of("legal_person_id", 3, ValueType.TEXT, false, true, null, false, 3).orElseThrow()
                .treatment()).isEqualTo(ColumnTreatment.PSEUDONYM);
    }

    @Test
    void gradeThreeAndAboveWithoutAnApprovedRuleIsAbsent() {
        assertThat(ColumnPlan.of("address", 3, ValueType.TEXT, false, false, null, false, 3)).isEmpty();
        assertThat(ColumnPlan.of("icd10", 4, ValueType.TEXT, false, false, null, true, 3)).isEmpty();
    }

    @Test
    void rawGrantsKeepNumericGradeThreeValuesForAggregatesOnly() {
        assertThat(ColumnPlan.of("cost", 3, ValueType.NUMBER, false, false, null, true, 3).orElseThrow().treatment())
                .isEqualTo(ColumnTreatment.AGGREGATE_ONLY);
        assertThat(ColumnPlan.of("cost", 3, ValueType.NUMBER, false, false, null, false, 3)).isEmpty();
    }

    @Test
    void approvedRulesApplyAndSuppressionRemovesTheColumn() {
        ColumnPlan masked = ColumnPlan.of("phone", 4, ValueType.TEXT, false, false,
                rule(DesensitizationMethod.MASK_SHOW_LAST_N, Map.of("n", "4", "mask", "*")), false, 3).orElseThrow();
        assertThat(masked.treatment()).isEqualTo(ColumnTreatment.DESENSITIZED);
        assertThat(masked.label()).isEqualTo("MASK_SHOW_LAST_N(mask=*,n=4)");
        assertThat(ColumnPlan.of("gender", 2, ValueType.TEXT, false, false,
                rule(DesensitizationMethod.SUPPRESS, Map.of()), false, 3)).isEmpty();
    }

    @Test
    void lowGradesWithoutARuleAreClear() {
        ColumnPlan clear = ColumnPlan.of("region_code", 1, ValueType.TEXT, false, false, null, false, 3).orElseThrow();
        assertThat(clear.treatment()).isEqualTo(ColumnTreatment.CLEAR);
        assertThat(clear.method()).isNull();
    }

    @Test
    void noGradeThreeColumnIsEverClear() {
        for (int grade = 3; grade <= 4; grade++) {
            for (ValueType type : ValueType.values()) {
                for (boolean raw : new boolean[] {false, true}) {
                    ColumnPlan.of("c", grade, type, false, false, null, raw, 3)
                            .ifPresent(p -> assertThat(p.treatment()).isNotEqualTo(ColumnTreatment.CLEAR));
                    for (DesensitizationMethod method : DesensitizationMethod.values()) {
                        if (method.appliesTo(type)) {
                            ColumnPlan.of("c", grade, type, false, false, rule(method, method.validate(null, type)),
                                    raw, 3).ifPresent(p -> assertThat(p.treatment()).isNotEqualTo(ColumnTreatment.CLEAR));
                        }
                    }
                }
            }
        }
    }
}
