package org.pdao.authorization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.pdao.identity.internal.DemoCredentials;
import org.pdao.support.Api;

/** Signs in demo accounts while the platform clock is shifted: TOTP codes computed for the platform's time. */
final class ShiftedLogin {

    private ShiftedLogin() {}

    static String login(Api api, String username, Instant platformNow) {
        String otp = DemoCredentials.otpFor(username).isEmpty() ? ""
                : code(DemoCredentials.totpSecretOf(username), platformNow);
        Api.Response r = api.post("/api/v1/auth/login", null, Map.of("username", username, "password",
                DemoCredentials.PASSWORD, "otp", otp));
        assertThat(r.status()).as("login of %s: %s", username, r.body()).isEqualTo(200);
        return r.text("token");
    }

    static String code(String base32Secret, Instant at) {
        try {
            byte[] key = new Base32().decode(base32Secret);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
            int offset = h[h.length - 1] & 0x0F;
            int binary = ((h[offset] & 0x7F) << 24) | ((h[offset + 1] & 0xFF) << 16) | ((h[offset + 2] & 0xFF) << 8)
                    | (h[offset + 3] & 0xFF);
            return String.format("%06d", binary % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
