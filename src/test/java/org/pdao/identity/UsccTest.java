package org.pdao.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {"914403001922038216", "91330100799655058B", "91350100M000100Y43", "91110000802100433B"})
    void acceptsRealCodes(String code) {
        assertThat(Uscc.isValid(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"914403001922038217", "91310000MA1FL3L45K", "9144030019220382", "91440300192203821I",
            "9144AB001922038216", ""})
    void refusesCodesFailingTheCheck(String code) {
        assertThat(Uscc.problemWith(code)).isPresent();
        assertThatThrownBy(() -> new Uscc(code)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void composesValidCodesWithTheOrganizationCodeCheck() {
        Uscc code = Uscc.compose('9', '1', "321200", "MA1W6X7Y");
        assertThat(Uscc.isValid(code.value())).isTrue();
        assertThat(code.value()).startsWith("91321200MA1W6X7Y");
    }

    @Test
    void computesTheGb11714CheckOfAnOrganizationCode() {
        // 19220382 is the organization code body of 914403001922038216, whose check character is 1
        assertThat(Uscc.organizationCodeCheck("19220382")).isEqualTo('1');
    }
}
