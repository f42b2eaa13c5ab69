package org.pdao.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.pdao.identity.internal.DemoCredentials;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of end-to-end tests: the whole application on a random port, with the demo city loaded,
 * on H2 or PostgreSQL as the test pass chooses ({@code -Dtest.db=postgres}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    @LocalServerPort
    protected int port;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /** Signs in a demo account (with its TOTP code where the role needs one) and returns the token. */
    protected String login(String username) {
        Api.Response response = api.post("/api/v1/auth/login", null, loginBody(username));
        assertThat(response.status()).as("login of %s: %s", username, response.body()).isEqualTo(200);
        return response.text("token");
    }

    protected static Map<String, @Nullable Object> loginBody(String username) {
        return Map.of("username", username, "password", DemoCredentials.PASSWORD, "otp",
                DemoCredentials.otpFor(username));
    }
}
