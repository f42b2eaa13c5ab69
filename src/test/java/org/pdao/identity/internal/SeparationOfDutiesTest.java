package org.pdao.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.pdao.identity.OrganizationType;
import org.pdao.identity.Role;
import org.pdao.shared.ProblemException;

class SeparationOfDutiesTest {

    @Test
    void refusesCombiningTwoAdministratorRoles() {
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> SeparationOfDuties.check(
                EnumSet.of(Role.SYSADMIN, Role.AUDITADMIN), OrganizationType.PLATFORM));
        assertThat(refused.rule().id()).isEqualTo("NJ-22");
        assertThat(refused.code()).isEqualTo("identity.separation-of-duties");
    }

    @Test
    void refusesAnAuditAdministratorWithABusinessRole() {
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> SeparationOfDuties.check(
                EnumSet.of(Role.AUDITADMIN, Role.PRODUCT_USER), OrganizationType.PLATFORM));
        assertThat(refused.code()).isEqualTo("identity.separation-of-duties");
    }

    @Test
    void refusesARoleOutsideItsKindOfOrganization() {
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> SeparationOfDuties.check(
                EnumSet.of(Role.DEVELOPER), OrganizationType.OPERATOR));
        assertThat(refused.code()).isEqualTo("identity.role-organization-mismatch");
    }

    @Test
    void allowsOneAdministratorRoleAlone() {
        assertThatCode(() -> SeparationOfDuties.check(EnumSet.of(Role.SECADMIN), OrganizationType.PLATFORM))
                .doesNotThrowAnyException();
    }

    @Test
    void auditAdministratorMayOnlyReadAndVerifyTheAuditLog() {
        assertThat(Role.AUDITADMIN.permissions()).extracting(Enum::name)
                .containsExactlyInAnyOrder("AUDIT_READ", "AUDIT_VERIFY");
    }
}
