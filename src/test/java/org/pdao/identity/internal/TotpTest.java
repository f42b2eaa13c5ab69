package org.pdao.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    /** The SHA-1 test vectors of RFC 6238 Appendix B. */
    @ParameterizedTest
    @CsvSource({"59,94287082", "1111111109,07081804", "1111111111,14050471", "1234567890,89005924",
            "2000000000,69279037", "20000000000,65353130"})
    void matchesRfc6238TestVectors(long seconds, String expected) {
        assertThat(Totp.code(RFC_KEY, seconds / 30, 8, "HmacSHA1")).isEqualTo(expected);
    }

    @Test
    void acceptsTheCurrentCodeAndOneStepOfDriftButNotMore() {
        String secret = new Base32().encodeToString(RFC_KEY);
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        assertThat(Totp.verify(secret, Totp.codeAt(secret, now), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.codeAt(secret, now.minusSeconds(30)), now)).isTrue();
        assertThat(Totp.verify(secret, Totp.codeAt(secret, now.minusSeconds(90)), now)).isFalse();
        assertThat(Totp.verify(secret, "12345", now)).isFalse();
        assertThat(Totp.verify(secret, "abcdef", now)).isFalse();
    }
}
