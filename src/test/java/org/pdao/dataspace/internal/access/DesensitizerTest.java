package org.pdao.dataspace.internal.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.pdao.dataspace.internal.query.ColumnTreatment;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.Sm3;

class DesensitizerTest {

    private static final byte[] GRANT_A = "grant-key-a-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);
    private static final byte[] GRANT_B = "grant-key-b-0123456789abcdef0123".getBytes(StandardCharsets.UTF_8);
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private static final String ID = "32120219900307123X";

    private static @Nullable Object apply(DesensitizationMethod method, Map<String, String> params, String value,
            ValueType type) {
        return apply(method, params, value, type, GRANT_A, "row-1");
    }

    private static @Nullable Object apply(DesensitizationMethod method, Map<String, String> params, String value,
            ValueType type, byte[] key, String row) {
        Map<String, String> checked = method.validate(params, type);
        return Desensitizer.apply(method, checked, value, type,
                new Desensitizer.Context(key, Sm3.hmac(key, row.getBytes(StandardCharsets.UTF_8)), TODAY));
    }

    @Test
    void showFirstNKeepsTheFirstCharactersAndMasksTheRest() {
        assertThat(apply(DesensitizationMethod.MASK_SHOW_FIRST_N, Map.of("n", "1"), "王小明", ValueType.TEXT))
                .isEqualTo("王**");
        assertThat(apply(DesensitizationMethod.MASK_SHOW_FIRST_N, Map.of(), "13812345678", ValueType.TEXT))
                .isEqualTo("1381*******");
        assertThat(apply(DesensitizationMethod.MASK_SHOW_FIRST_N, Map.of("n", "2", "mask", "x"), "abcd", ValueType.TEXT))
                .isEqualTo("abxx");
    }

    @Test
    void showLastNKeepsTheLastCharactersAndMasksTheRest() {
        assertThat(apply(DesensitizationMethod.MASK_SHOW_LAST_N, Map.of(), "13812345678", ValueType.TEXT))
                .isEqualTo("*******5678");
        assertThat(apply(DesensitizationMethod.MASK_SHOW_LAST_N, Map.of("n", "0"), "王小明", ValueType.TEXT))
                .isEqualTo("***");
    }

    @Test
    void redactMapsLettersAndDigitsLikeRangerAndHidesChineseCharacters() {
        assertThat(apply(DesensitizationMethod.MASK_REDACT, Map.of(), "Ab-12 泰州", ValueType.TEXT))
                .isEqualTo("Xx-nn **");
    }

    @Test
    void hashIsSaltedPerGrantSoNoDictionaryReversesIt() {
        Object a = apply(DesensitizationMethod.MASK_HASH, Map.of(), ID, ValueType.TEXT);
        assertThat(a).isEqualTo(apply(DesensitizationMethod.MASK_HASH, Map.of(), ID, ValueType.TEXT));
        assertThat(a).isNotEqualTo(Sm3.hex(ID)).isNotEqualTo(
                apply(DesensitizationMethod.MASK_HASH, Map.of(), ID, ValueType.TEXT, GRANT_B, "row-1"));
        assertThat((String) a).hasSize(64);
        assertThat(DesensitizationMethod.MASK_HASH.treatment()).isEqualTo(ColumnTreatment.PSEUDONYM);
    }

    @Test
    void nullMasksEveryValue() {
        assertThat(apply(DesensitizationMethod.MASK_NULL, Map.of(), "anything", ValueType.TEXT)).isNull();
        assertThat(DesensitizationMethod.MASK_NULL.outputType(ValueType.NUMBER)).isEqualTo("DOUBLE");
    }

    @Test
    void dateShowYearKeepsOnlyTheYear() {
        assertThat(apply(DesensitizationMethod.MASK_DATE_SHOW_YEAR, Map.of(), "1990-03-07", ValueType.DATE))
                .isEqualTo(LocalDate.of(1990, 1, 1));
        assertThat(apply(DesensitizationMethod.MASK_DATE_SHOW_YEAR, Map.of(), "not a date", ValueType.DATE)).isNull();
    }

    @Test
    void pseudonymsLinkWithinAGrantAndNeverAcrossGrants() {
        Object a1 = apply(DesensitizationMethod.PSEUDONYMISE_HMAC_SM3, Map.of(), ID, ValueType.TEXT, GRANT_A, "r1");
        Object a2 = apply(DesensitizationMethod.PSEUDONYMISE_HMAC_SM3, Map.of(), ID, ValueType.TEXT, GRANT_A, "r2");
        Object b = apply(DesensitizationMethod.PSEUDONYMISE_HMAC_SM3, Map.of(), ID, ValueType.TEXT, GRANT_B, "r1");
        assertThat(a1).isEqualTo(a2).isNotEqualTo(b);
        assertThat((String) a1).hasSize(64).doesNotContain(ID);
        Object base64 = apply(DesensitizationMethod.PSEUDONYMISE_HMAC_SM3, Map.of("encoding", "base64"), ID,
                ValueType.TEXT);
        assertThat((String) base64).hasSize(43);
    }

    @Test
    void ageBandsGeneraliseBirthDates() {
        assertThat(apply(DesensitizationMethod.GENERALISE_AGE_BAND, Map.of(), "1990-03-07", ValueType.DATE))
                .isEqualTo("30-39");
        assertThat(apply(DesensitizationMethod.GENERALISE_AGE_BAND, Map.of("width", "5"), "19901207", ValueType.DATE))
                .isEqualTo("35-39");
        assertThat(apply(DesensitizationMethod.GENERALISE_AGE_BAND, Map.of(), "2030-01-01", ValueType.DATE)).isNull();
    }

    @Test
    void datesGeneraliseToMonthOrYear() {
        assertThat(apply(DesensitizationMethod.GENERALISE_DATE, Map.of(), "2025-09-30", ValueType.DATE))
                .isEqualTo("2025-09");
        assertThat(apply(DesensitizationMethod.GENERALISE_DATE, Map.of("level", "YEAR"), "2025-09-30", ValueType.DATE))
                .isEqualTo("2025");
    }

    @Test
    void regionCodesGeneraliseToCityOrProvince() {
        assertThat(apply(DesensitizationMethod.GENERALISE_REGION, Map.of(), "321202", ValueType.TEXT))
                .isEqualTo("321200");
        assertThat(apply(DesensitizationMethod.GENERALISE_REGION, Map.of("level", "PROVINCE"), "321202",
                ValueType.TEXT)).isEqualTo("320000");
        assertThat(apply(DesensitizationMethod.GENERALISE_REGION, Map.of(), "32120", ValueType.TEXT)).isNull();
    }

    @Test
    void suppressionRemovesTheColumn() {
        assertThat(DesensitizationMethod.SUPPRESS.removesColumn()).isTrue();
        assertThat(apply(DesensitizationMethod.SUPPRESS, Map.of(), "x", ValueType.TEXT)).isNull();
    }

    @Test
    void boundedNoiseStaysWithinTheClampAndIsStablePerGrantAndRow() {
        Map<String, String> params = Map.of("scale", "100", "clamp", "250");
        Set<Double> seen = new HashSet<>();
        for (int row = 0; row < 500; row++) {
            Double noised = (Double) apply(DesensitizationMethod.NOISE_BOUNDED, params, "5000", ValueType.NUMBER,
                    GRANT_A, "row-" + row);
            assertThat(noised).isBetween(4750.0, 5250.0);
            seen.add(noised);
            assertThat(apply(DesensitizationMethod.NOISE_BOUNDED, params, "5000", ValueType.NUMBER, GRANT_A,
                    "row-" + row)).isEqualTo(noised);
        }
        assertThat(seen).hasSizeGreaterThan(400);
        Double uniform = (Double) apply(DesensitizationMethod.NOISE_BOUNDED,
                Map.of("distribution", "UNIFORM", "scale", "10", "clamp", "10"), "100", ValueType.NUMBER);
        assertThat(uniform).isBetween(90.0, 110.0);
        assertThat(apply(DesensitizationMethod.NOISE_BOUNDED, params, "5000", ValueType.NUMBER, GRANT_B, "row-1"))
                .isNotEqualTo(apply(DesensitizationMethod.NOISE_BOUNDED, params, "5000", ValueType.NUMBER, GRANT_A,
                        "row-1"));
    }

    @Test
    void keepRawAggregateOnlyKeepsNumbersRawForAggregatesInsideTheSpace() {
        assertThat(apply(DesensitizationMethod.KEEP_RAW_AGGREGATE_ONLY, Map.of(), "1234.5", ValueType.NUMBER))
                .isEqualTo(1234.5);
        assertThat(DesensitizationMethod.KEEP_RAW_AGGREGATE_ONLY.treatment()).isEqualTo(ColumnTreatment.AGGREGATE_ONLY);
    }

    @Test
    void parametersAreCheckedAndMethodsApplyOnlyToTheirValueTypes() {
        assertThatThrownBy(() -> DesensitizationMethod.GENERALISE_AGE_BAND.validate(Map.of(), ValueType.TEXT))
                .isInstanceOf(ProblemException.class).hasMessageContaining("workspace.rule.method-type");
        assertThatThrownBy(() -> DesensitizationMethod.MASK_SHOW_LAST_N.validate(Map.of("n", "-1"), ValueType.TEXT))
                .hasMessageContaining("workspace.rule.param-invalid");
        assertThatThrownBy(() -> DesensitizationMethod.MASK_SHOW_LAST_N.validate(Map.of("mask", "**"), ValueType.TEXT))
                .hasMessageContaining("workspace.rule.param-invalid");
        assertThatThrownBy(() -> DesensitizationMethod.MASK_REDACT.validate(Map.of("n", "1"), ValueType.TEXT))
                .hasMessageContaining("workspace.rule.param-unknown");
        assertThatThrownBy(() -> DesensitizationMethod.NOISE_BOUNDED.validate(Map.of("scale", "0"), ValueType.NUMBER))
                .hasMessageContaining("workspace.rule.param-invalid");
        assertThatThrownBy(() -> DesensitizationMethod.GENERALISE_DATE.validate(Map.of("level", "DAY"), ValueType.DATE))
                .hasMessageContaining("workspace.rule.param-invalid");
        Map<String, String> params = DesensitizationMethod.NOISE_BOUNDED.validate(Map.of(), ValueType.NUMBER);
        assertThat(DesensitizationMethod.parseParams(DesensitizationMethod.formatParams(params))).isEqualTo(params);
    }

    @Test
    void everyMethodHasATest() {
        // keeps this class honest when a method is added
        assertThat(EnumSet.allOf(DesensitizationMethod.class)).hasSize(13);
    }
}
