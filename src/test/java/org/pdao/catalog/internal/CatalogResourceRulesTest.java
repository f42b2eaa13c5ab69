package org.pdao.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a resource entry must state (TZM-8, TZM-14, TZM-16). */
class CatalogResourceRulesTest {

    private static ResourceInput input(String sharing, String opening, String legalBasis, Integer grade) {
        return new ResourceInput("社保", "描述", null, "社会保障", "社保", "MONTHLY", sharing, opening, legalBasis,
                List.of(), List.of(new FieldInput("a", "甲", "varchar", grade, "个人标识", true)));
    }

    @Test
    void conditionalSharingWithoutLegalBasisNamesTzm14() {
        assertThat(ResourceRules.check(input("CONDITIONAL", "UNCONDITIONAL", "", 1), TestProfiles.taizhou()))
                .extracting(v -> v.rule().id()).containsExactly("TZM-14");
    }

    @Test
    void notOpenWithoutLegalBasisNamesTzm16() {
        assertThat(ResourceRules.check(input("UNCONDITIONAL", "NOT_OPEN", null, 1), TestProfiles.taizhou()))
                .extracting(v -> v.rule().id()).containsExactly("TZM-16");
    }

    @Test
    void refusesAGradeOutsideOneToFour() {
        assertThat(ResourceRules.check(input("UNCONDITIONAL", "UNCONDITIONAL", null, 5), TestProfiles.taizhou()))
                .extracting(Violation::code).containsExactly("catalog.field.bad-grade");
        assertThat(ResourceRules.check(input("UNCONDITIONAL", "UNCONDITIONAL", null, null), TestProfiles.taizhou()))
                .extracting(Violation::code).containsExactly("catalog.field.bad-grade");
    }

    @Test
    void citesNoTaizhouArticleWhereTheActiveProfileHasNone() {
        assertThat(ResourceRules.check(input("CONDITIONAL", "UNCONDITIONAL", "", 1), TestProfiles.jilin()))
                .extracting(Violation::code, Violation::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("catalog.resource.sharing-needs-legal-basis", null));
    }

    @Test
    void acceptsACompleteEntryWithGradeNames() {
        ResourceInput ok = input("NOT_SHARED", "CONDITIONAL", "《社会保险法》", 4);
        assertThat(ResourceRules.check(ok, TestProfiles.taizhou())).isEmpty();
        ValidResource valid = ResourceRules.valid(ok);
        assertThat(valid.fields().get(0).gradeNameZh()).isEqualTo("重要/核心");
        assertThat(valid.sharing()).isEqualTo(SharingAttribute.NOT_SHARED);
    }
}
