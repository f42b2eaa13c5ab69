package org.pdao.dataspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResidentIdNumberTest {

    @Test
    void acceptsRealCheckCharacters() {
        assertThat(ResidentIdNumber.isValid("11010519491231002X")).isTrue();
        assertThat(ResidentIdNumber.isValid("440524188001010014")).isTrue();
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
    }

    @Test
    void rejectsWrongCheckDatesAndShapes() {
        assertThat(ResidentIdNumber.isValid("110105194912310021")).isFalse();
        assertThat(ResidentIdNumber.isValid("11010519491231002x")).isFalse();
        assertThat(ResidentIdNumber.isValid("110105194902300020")).isFalse();
        assertThat(ResidentIdNumber.isValid("11010519491231002")).isFalse();
        assertThat(ResidentIdNumber.isValid("1101051949123100２X")).isFalse();
        assertThat(ResidentIdNumber.isValid((String) null)).isFalse();
    }

    @Test
    void judgesTheBytesOfAValueAsItsText() {
        for (String candidate : new String[] {"11010519491231002X", "440524188001010014", "110105194912310021",
                "11010519491231002x", "110105194902300020", "11010519491231002", "1101051949123100２X", "",
                "1101051949123100\u00e9X"}) {
            assertThat(ResidentIdNumber.isValid(candidate.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .as(candidate).isEqualTo(ResidentIdNumber.isValid(candidate));
        }
    }

    @Test
    void genderIsTheParityOfThe17thDigit() {
        assertThat(ResidentIdNumber.isMale("11010519491231002X")).isFalse();
        assertThat(ResidentIdNumber.isMale("440524188001010014")).isTrue();
    }
}
