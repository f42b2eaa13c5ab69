package org.pdao.identity.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pdao.shared.ProblemException;

class PasswordPolicyTest {

    @Test
    void acceptsALongMixedPassword() {
        assertThatCode(() -> PasswordPolicy.check("alice", "Tz-Data#2026x", false)).doesNotThrowAnyException();
    }

    @Test
    void refusesShortSimpleOrWellKnownPasswords() {
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "Ab1!", false)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("identity.password-length");
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "abcdefghij", false))
                .hasMessageContaining("identity.password-classes");
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "Alice#20261", false))
                .hasMessageContaining("identity.password-contains-username");
        assertThatThrownBy(() -> PasswordPolicy.check("alice", "P@ssw0rd", false))
                .hasMessageContaining("identity.password-well-known");
    }

    @Test
    void acceptsTheDemoPasswordOnlyInDemoMode() {
        assertThatCode(() -> PasswordPolicy.check("developer", PasswordPolicy.DEMO_PASSWORD, true))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> PasswordPolicy.check("developer", PasswordPolicy.DEMO_PASSWORD, false))
                .hasMessageContaining("identity.password-demo-only");
    }
}
