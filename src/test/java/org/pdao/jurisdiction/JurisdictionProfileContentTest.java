package org.pdao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The shipped profiles: every entry cites its rule and article, and the key numbers match the original texts. */
@SpringBootTest
class JurisdictionProfileContentTest {

    @Autowired
    JurisdictionProfiles profiles;

    @Autowired
    WorkingDayCalendar calendar;

    @Test
    void deadlinesComeFromTheProfileWithTheirRule() {
        Deadline onboarding = calendar.deadline(LocalDate.of(2025, 9, 26),
                profiles.active().timeLimit("onboarding.decision.deadline"));
        assertThat(onboarding.due()).isEqualTo(LocalDate.of(2025, 10, 10));
        assertThat(onboarding.rule().id()).isEqualTo("TZ-9");
        Deadline planFiling = calendar.deadline(LocalDate.of(2026, 1, 31),
                profiles.require("JL").timeLimit("plan.filing.deadline"));
        assertThat(planFiling.due()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(planFiling.rule().id()).isEqualTo("JL-plan");
        Deadline reapply = calendar.before(LocalDate.of(2026, 5, 31),
                profiles.require("TZ").timeLimit("renewal.reapply.lead"));
        assertThat(reapply.due()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(reapply.rule().articleZh()).isEqualTo("《泰州市公共数据授权运营管理办法》第十一条");
    }

    @Test
    void loadsAllProfilesWithTaizhouActiveByDefault() {
        assertThat(profiles.all()).extracting(JurisdictionProfile::id)
                .containsExactlyInAnyOrder("TZ", "SY", "NJ", "TZM", "JL", "TAIZHOU");
        assertThat(profiles.active().id()).isEqualTo("TAIZHOU");
    }

    @Test
    void everyRegulationEntryHasARuleIdAndAChineseArticle() {
        for (JurisdictionProfile p : profiles.all()) {
            assertThat(p.entries()).as(p.id()).isNotEmpty();
            p.entries().values().forEach(e -> {
                assertThat(e.rule()).as(p.id() + " " + e.key()).isNotNull();
                assertThat(e.rule().id()).as(p.id() + " " + e.key()).matches("[A-Z]+-[A-Za-z0-9]+");
                assertThat(e.rule().articleZh()).as(p.id() + " " + e.key()).startsWith("《").contains("》");
                assertThat(e.rule().articleEn()).as(p.id() + " " + e.key()).isNotBlank();
            });
            p.platform().values().forEach(e -> assertThat(e.rule()).as(p.id() + " platform " + e.key()).isNull());
        }
    }

    @Test
    void termCapsAreThreeYearsForTaizhouExactlyTwoForShiyanFiveForNanjingAndJilin() {
        assertThat(profiles.require("TZ").timeLimit("agreement.term.max").value())
                .isEqualTo(new TimeLimit(3, LimitUnit.YEARS));
        assertThat(profiles.require("TZ").timeLimit("agreement.term.max").rule().id()).isEqualTo("TZ-11");
        assertThat(profiles.require("SY").timeLimit("agreement.term.exact").value())
                .isEqualTo(new TimeLimit(2, LimitUnit.YEARS));
        assertThat(profiles.require("NJ").timeLimit("agreement.term.max").value())
                .isEqualTo(new TimeLimit(5, LimitUnit.YEARS));
        assertThat(profiles.require("JL").timeLimit("agreement.term.max").value())
                .isEqualTo(new TimeLimit(5, LimitUnit.YEARS));
        assertThat(profiles.require("TZ").has("agreement.term.exact")).isFalse();
    }

    @Test
    void taizhouAppliesBothTaizhouTexts() {
        JurisdictionProfile taizhou = profiles.require("TAIZHOU");
        assertThat(taizhou.workingDays("onboarding.decision.deadline")).satisfies(r -> {
            assertThat(r.value()).isEqualTo(5);
            assertThat(r.rule().articleZh()).isEqualTo("《泰州市公共数据授权运营管理办法》第九条");
        });
        assertThat(taizhou.workingDays("quality.rectification.deadline").value()).isEqualTo(7);
        assertThat(taizhou.workingDays("quality.rectification.deadline").rule().id()).isEqualTo("TZM-12");
        assertThat(taizhou.workingDays("sharing.review.deadline").value()).isEqualTo(3);
        assertThat(taizhou.workingDays("demand.answer.deadline").value()).isEqualTo(5);
        assertThat(taizhou.timeLimit("renewal.reapply.lead").value()).isEqualTo(new TimeLimit(3, LimitUnit.MONTHS));
        assertThat(taizhou.sources()).extracting(SourceText::code).containsExactly("TZ", "TZM");
    }

    @Test
    void nanjingRecordsItsValidityAndItsNumbers() {
        JurisdictionProfile nj = profiles.require("NJ");
        assertThat(nj.sources().get(0).effectiveFrom()).isEqualTo(LocalDate.of(2024, 5, 24));
        assertThat(nj.sources().get(0).effectiveUntil()).isEqualTo(LocalDate.of(2026, 5, 23));
        assertThat(nj.count("admission.mlps.level.min").value()).isEqualTo(3);
        assertThat(nj.count("evaluation.poor.consecutive-for-termination").value()).isEqualTo(2);
        assertThat(nj.timeLimit("admission.incident.lookback").value()).isEqualTo(new TimeLimit(3, LimitUnit.YEARS));
        assertThat(nj.flag("admission.incident.publicly-reported-only").value()).isFalse();
        assertThat(profiles.require("TZ").flag("admission.incident.publicly-reported-only").value()).isTrue();
    }

    @Test
    void jilinFilesWithinOneMonthAndKeepsLogsFiveYears() {
        JurisdictionProfile jl = profiles.require("JL");
        assertThat(jl.timeLimit("plan.filing.deadline").value()).isEqualTo(new TimeLimit(1, LimitUnit.MONTHS));
        assertThat(jl.timeLimit("agreement.filing.deadline").value()).isEqualTo(new TimeLimit(1, LimitUnit.MONTHS));
        assertThat(jl.timeLimit("log.retention.min").value()).isEqualTo(new TimeLimit(5, LimitUnit.YEARS));
        assertThat(jl.approvalChain("plan-filing").value()).extracting(ListItem::key)
                .containsExactly("AUTHORITY_COUNTY", "AUTHORITY_CITY", "AUTHORITY_PROVINCE");
        assertThat(jl.items("authorization.models").value()).extracting(ListItem::key)
                .containsExactly("WHOLE", "PER_DOMAIN", "PER_SCENARIO");
    }

    @Test
    void evaluationConsequencesFollowShiyanAndNanjing() {
        assertThat(profiles.require("SY").items("evaluation.consequences").value()).extracting(ListItem::key)
                .contains("FAILING_SUSPEND_DATA_ACCESS", "NOT_RECTIFIED_TERMINATION");
        assertThat(profiles.require("NJ").items("evaluation.consequences").value()).extracting(ListItem::key)
                .contains("POOR_REMINDER_OR_INTERVIEW", "POOR_TWICE_TERMINATION", "EXCELLENT_SUPPORT");
    }

    @Test
    void aKeyTheTextIsSilentOnIsRefusedClearly() {
        assertThatThrownBy(() -> profiles.require("SY").timeLimit("renewal.reapply.lead"))
                .isInstanceOfSatisfying(MissingProfileEntry.class, e -> {
                    assertThat(e.code()).isEqualTo("jurisdiction.entry-missing");
                    assertThat(e.args()).containsExactly("SY", "renewal.reapply.lead");
                });
        assertThatThrownBy(() -> profiles.require("JL").workingDays("log.retention.min"))
                .isInstanceOf(MissingProfileEntry.class);
    }

    @Test
    void platformDefaultsAreKeptApartFromRegulationNumbers() {
        assertThat(profiles.active().platformDefault("query.group-size.min"))
                .isEqualTo(new EntryValue.Count(10));
        assertThat(profiles.active().has("query.group-size.min")).isFalse();
    }
}
