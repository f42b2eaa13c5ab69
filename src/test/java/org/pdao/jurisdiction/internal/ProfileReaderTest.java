package org.pdao.jurisdiction.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pdao.jurisdiction.LimitUnit;
import org.pdao.jurisdiction.TimeLimit;

/** A malformed profile stops startup with a message naming the file and the key. */
class ProfileReaderTest {

    private static final String HEAD = """
            id: XX
            version: 1
            name: {zh: 测试, en: test}
            level: CITY
            sources:
              - {code: TZ, file: 000.txt, title: {zh: 测试办法, en: Test Measures}, status: DRAFT}
            entries:
            """;

    private static String entry(String key, String value, String rule) {
        return "  - key: " + key + "\n    type: limit\n    value: " + value + "\n" + rule;
    }

    private static final String RULE = "    rule: TZ-9\n    articleZh: 《测试办法》第九条\n    articleEn: Test Measures, Art. 9\n";

    @Test
    void readsAWellFormedProfile() {
        ProfileFile file = ProfileReader.read("ok.yaml", HEAD + entry("onboarding.decision.deadline",
                "{amount: 5, unit: WORKING_DAYS}", RULE));
        assertThat(file.entries().get("onboarding.decision.deadline").value())
                .isEqualTo(new TimeLimit(5, LimitUnit.WORKING_DAYS));
        assertThat(file.entries().get("onboarding.decision.deadline").rule().articleZh()).isEqualTo("《测试办法》第九条");
    }

    @Test
    void refusesAnUnknownUnit() {
        assertThatThrownBy(() -> ProfileReader.read("bad-unit.yaml", HEAD + entry("onboarding.decision.deadline",
                "{amount: 5, unit: FORTNIGHTS}", RULE)))
                .isInstanceOf(MalformedProfile.class)
                .hasMessageContaining("bad-unit.yaml").hasMessageContaining("onboarding.decision.deadline")
                .hasMessageContaining("FORTNIGHTS");
    }

    @Test
    void refusesAnEntryWithoutRuleId() {
        assertThatThrownBy(() -> ProfileReader.read("no-rule.yaml", HEAD + entry("onboarding.filing.deadline",
                "{amount: 5, unit: WORKING_DAYS}", "    articleZh: 《测试办法》第九条\n    articleEn: Art. 9\n")))
                .isInstanceOf(MalformedProfile.class)
                .hasMessageContaining("no-rule.yaml").hasMessageContaining("onboarding.filing.deadline")
                .hasMessageContaining("missing rule id");
    }

    @Test
    void refusesAnEntryWithoutChineseArticle() {
        assertThatThrownBy(() -> ProfileReader.read("no-article.yaml", HEAD + entry("renewal.reapply.lead",
                "{amount: 3, unit: MONTHS}", "    rule: TZ-11\n    articleEn: Art. 11\n")))
                .isInstanceOf(MalformedProfile.class)
                .hasMessageContaining("no-article.yaml").hasMessageContaining("renewal.reapply.lead")
                .hasMessageContaining("Chinese article");
    }

    @Test
    void refusesAnEntryWithoutEnglishArticle() {
        assertThatThrownBy(() -> ProfileReader.read("no-en.yaml", HEAD + entry("renewal.reapply.lead",
                "{amount: 3, unit: MONTHS}", "    rule: TZ-11\n    articleZh: 《测试办法》第十一条\n")))
                .isInstanceOf(MalformedProfile.class).hasMessageContaining("English article");
    }

    @Test
    void refusesARuleOfAnotherJurisdiction() {
        assertThatThrownBy(() -> ProfileReader.read("foreign.yaml", HEAD + entry("agreement.term.max",
                "{amount: 5, unit: YEARS}", RULE.replace("TZ-9", "NJ-12"))))
                .isInstanceOf(MalformedProfile.class).hasMessageContaining("agreement.term.max")
                .hasMessageContaining("NJ-12");
    }

    @Test
    void refusesADuplicateKey() {
        String twice = entry("agreement.term.max", "{amount: 3, unit: YEARS}", RULE)
                + entry("agreement.term.max", "{amount: 5, unit: YEARS}", RULE);
        assertThatThrownBy(() -> ProfileReader.read("twice.yaml", HEAD + twice))
                .isInstanceOf(MalformedProfile.class)
                .hasMessageContaining("twice.yaml").hasMessageContaining("agreement.term.max")
                .hasMessageContaining("duplicate key");
    }

    @Test
    void refusesADuplicateMappingKeyInsideAnEntry() {
        assertThatThrownBy(() -> ProfileReader.read("dup-field.yaml", HEAD + entry("agreement.term.max",
                "{amount: 3, amount: 5, unit: YEARS}", RULE)))
                .isInstanceOf(MalformedProfile.class).hasMessageContaining("dup-field.yaml");
    }

    @Test
    void refusesAnUnknownTypeAndAMissingValue() {
        assertThatThrownBy(() -> ProfileReader.read("type.yaml", HEAD + entry("agreement.term.max",
                "{amount: 3, unit: YEARS}", RULE).replace("type: limit", "type: duration")))
                .isInstanceOf(MalformedProfile.class).hasMessageContaining("unknown type 'duration'");
        assertThatThrownBy(() -> ProfileReader.read("neg.yaml", HEAD + entry("agreement.term.max",
                "{amount: -3, unit: YEARS}", RULE)))
                .isInstanceOf(MalformedProfile.class).hasMessageContaining("agreement.term.max");
    }

    @Test
    void refusesAPlatformDefaultThatPretendsToBeARule() {
        String platform = "platform:\n  - key: query.group-size.min\n    type: number\n    value: 10\n    rule: TZ-9\n";
        assertThatThrownBy(() -> ProfileReader.read("platform.yaml", HEAD + entry("agreement.term.max",
                "{amount: 3, unit: YEARS}", RULE) + platform))
                .isInstanceOf(MalformedProfile.class).hasMessageContaining("query.group-size.min");
    }

    @Test
    void refusesTheSameKeyFromTwoCombinedProfiles() {
        ProfileFile a = ProfileReader.read("a.yaml", HEAD.replace("id: XX", "id: AA")
                + entry("agreement.term.max", "{amount: 3, unit: YEARS}", RULE));
        ProfileFile b = ProfileReader.read("b.yaml", HEAD.replace("id: XX", "id: BB")
                + entry("agreement.term.max", "{amount: 5, unit: YEARS}", RULE));
        ProfileFile both = ProfileReader.read("both.yaml", """
                id: AB
                version: 1
                name: {zh: 合并, en: both}
                level: CITY
                combines: [AA, BB]
                """);
        assertThatThrownBy(() -> ProfileCatalog.assemble(List.of(a, b, both)))
                .isInstanceOf(MalformedProfile.class).hasMessageContaining("both.yaml")
                .hasMessageContaining("agreement.term.max");
    }
}
