package org.pdao.authorization.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.pdao.identity.DemoOrganizations;
import org.pdao.shared.crypto.Sm2;
import org.pdao.support.Api;
import org.pdao.support.TestData;
import tools.jackson.databind.JsonNode;

/** Fresh organizations and users, and the onboarding of a developer, through the API. */
final class AuthorizationFixtures {

    static final String PASSWORD = "Start#Pass2026";
    static final List<String> MATERIALS = List.of("APPLICATION_FORM", "AUDIT_REPORT", "FINANCIAL_REPORT",
            "RISK_SELF_ASSESSMENT");

    record Developer(UUID orgId, String token, byte[] privateKey) {}

    private final Api api;
    private final String sysadmin;

    AuthorizationFixtures(Api api, String sysadminToken) {
        this.api = api;
        this.sysadmin = sysadminToken;
    }

    /** A new developer organization with a user signed in and an SM2 key registered; not yet admitted. */
    Developer developer() {
        UUID org = organization("DEVELOPER");
        String token = user(org, "DEVELOPER");
        Sm2.KeyPair pair = Sm2.generate();
        Api.Response key = api.post("/api/v1/signing-keys", token, Map.of("publicKey", Sm2.toPem(pair.publicKey())));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return new Developer(org, token, pair.privateKey());
    }

    UUID organization(String type) {
        return organization(type, null);
    }

    UUID organization(String type, @org.jspecify.annotations.Nullable Integer mlpsLevel) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "测试" + type + TestData.username("org"),
                "uscc", TestData.uscc(), "type", type));
        if (mlpsLevel != null) {
            body.put("mlpsLevel", mlpsLevel);
        }
        Api.Response org = api.post("/api/v1/organizations", sysadmin, body);
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        return UUID.fromString(org.text("id"));
    }

    record Account(UUID orgId, String username, String token) {}

    /** A user of the organization with the role, signed in. */
    Account account(UUID org, String role) {
        String username = TestData.username(role.toLowerCase(Locale.ROOT));
        String token = create(org, role, username);
        return new Account(org, username, token);
    }

    /** TOTP secrets of the users created here whose role needs a second factor. */
    private static final Map<String, String> SECRETS = new java.util.concurrent.ConcurrentHashMap<>();

    String relogin(String username) {
        return relogin(username, java.time.Instant.now());
    }

    /** Signs in again while the platform clock reads {@code platformNow} (TOTP codes for that time). */
    String relogin(String username, java.time.Instant platformNow) {
        String secret = SECRETS.get(username);
        Api.Response login = api.post("/api/v1/auth/login", null, Map.of("username", username, "password", PASSWORD,
                "otp", secret == null ? "" : ShiftedLogin.code(secret, platformNow)));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.text("token");
    }

    String user(UUID org, String role) {
        return create(org, role, TestData.username(role.toLowerCase(Locale.ROOT)));
    }

    private String create(UUID org, String role, String username) {
        Api.Response user = api.post("/api/v1/users", sysadmin, Map.of("username", username, "displayName",
                username, "organizationId", org.toString(), "roles", List.of(role), "initialPassword", PASSWORD));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        String secret = user.json().path("totpSecret").asString("");
        if (!secret.isEmpty()) {
            SECRETS.put(username, secret);
        }
        return relogin(username);
    }

    /** A draft application of the developer to the demo operator. */
    String apply(Developer dev) {
        Api.Response a = api.post("/api/v1/onboarding-applications", dev.token(), Map.of("operatorOrganizationId",
                DemoOrganizations.OPERATOR.toString(), "scenarios", List.of("普惠金融企业经营状况评估"),
                "description", "申请入驻开展普惠金融分析"));
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.text("id");
    }

    Api.Response upload(Developer dev, String applicationId, String kind, byte[] content) {
        return api.multipart("/api/v1/onboarding-applications/" + applicationId + "/materials", dev.token(),
                Map.of("kind", kind), kind.toLowerCase(Locale.ROOT) + ".pdf", content);
    }

    /** Applies with every material and submits; returns the application id. */
    String submitted(Developer dev) {
        String id = apply(dev);
        for (String kind : MATERIALS) {
            Api.Response m = upload(dev, id, kind, DemoDocuments.pdf(kind));
            assertThat(m.status()).as(m.body()).isEqualTo(201);
        }
        Api.Response s = api.post("/api/v1/onboarding-applications/" + id + "/submission", dev.token(), null);
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        return id;
    }

    /** The developer applied, was approved by the demo operator and filed: it may now sign an agreement. */
    Developer admitted(String operatorToken) {
        Developer dev = developer();
        String id = submitted(dev);
        JsonNode approved = api.post("/api/v1/onboarding-applications/" + id + "/approval", operatorToken,
                Map.of("reason", "符合条件")).json();
        assertThat(approved.path("state").asString()).isEqualTo("APPROVED");
        assertThat(api.post("/api/v1/onboarding-applications/" + id + "/filing", operatorToken, Map.of()).text("state"))
                .isEqualTo("FILED");
        return dev;
    }
}
