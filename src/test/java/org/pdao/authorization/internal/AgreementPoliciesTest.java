package org.pdao.authorization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.pdao.jurisdiction.LimitUnit;
import org.pdao.jurisdiction.TimeLimit;

/** Term arithmetic: a term of N years whose first day is D ends the day before D + N years. */
class AgreementPoliciesTest {

    @Test
    void aThreeYearTermFromNewYearEndsOnTheLastDayOfTheThirdYear() {
        assertThat(AgreementPolicies.lastDay(LocalDate.of(2026, 1, 1), new TimeLimit(3, LimitUnit.YEARS)))
                .isEqualTo(LocalDate.of(2028, 12, 31));
    }

    @Test
    void aTermFromTheTwentyNinthOfFebruaryEndsOnTheTwentyEighth() {
        assertThat(AgreementPolicies.lastDay(LocalDate.of(2028, 2, 29), new TimeLimit(2, LimitUnit.YEARS)))
                .isEqualTo(LocalDate.of(2030, 2, 28));
    }

    @Test
    void aTwoYearTermFromTheFirstOfMarchBeforeALeapYearEndsOnTheTwentyNinth() {
        assertThat(AgreementPolicies.lastDay(LocalDate.of(2026, 3, 1), new TimeLimit(2, LimitUnit.YEARS)))
                .isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void mapsTheCreditChinaListToTheIdentityListType() {
        assertThat(AgreementPolicies.creditList("CREDIT_CHINA_SERIOUS")).hasValue(
                org.pdao.identity.CreditListType.SERIOUS_DISHONESTY);
        assertThat(AgreementPolicies.creditList("DISHONEST_JUDGMENT_DEBTOR")).hasValue(
                org.pdao.identity.CreditListType.DISHONEST_JUDGMENT_DEBTOR);
        assertThat(AgreementPolicies.creditList("UNKNOWN")).isEmpty();
    }
}
