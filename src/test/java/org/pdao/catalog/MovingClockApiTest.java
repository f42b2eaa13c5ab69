package org.pdao.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.pdao.identity.internal.DemoCredentials;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.pdao.support.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * End-to-end tests that move the platform clock to chosen days in China (holidays, deadlines). All
 * such tests share this one application context. Sign-ins compute TOTP codes at the moved time.
 * The scheduled deadline checks are held back; tests run them explicitly.
 */
@Import(MovingClockConfiguration.class)
@TestPropertySource(properties = {"pdao.catalog.deadline-check.initial-delay=PT10H",
        "pdao.supervision.check.initial-delay=PT10H"})
public abstract class MovingClockApiTest extends ApiTest {

    protected static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    protected TestClock clock;

    /** Moves the platform clock to this local time in China (forwards or backwards). */
    protected void moveTo(String localDateTime) {
        Instant target = LocalDateTime.parse(localDateTime).atZone(CHINA).toInstant();
        clock.advance(Duration.between(clock.instant(), target));
    }

    @Override
    protected String login(String username) {
        String otp = DemoCredentials.otpFor(username).isEmpty() ? ""
                : code(DemoCredentials.totpSecretOf(username), clock.instant());
        Api.Response r = api.post("/api/v1/auth/login", null,
                Map.of("username", username, "password", DemoCredentials.PASSWORD, "otp", otp));
        assertThat(r.status()).as("login of %s: %s", username, r.body()).isEqualTo(200);
        return r.text("token");
    }

    private static String code(String secret, Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
            int o = h[h.length - 1] & 0x0f;
            int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
            return String.format("%06d", bin % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
