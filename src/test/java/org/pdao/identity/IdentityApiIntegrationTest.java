package org.pdao.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pdao.identity.internal.DemoCredentials;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;
import org.pdao.support.TestData;

class IdentityApiIntegrationTest extends ApiTest {

    private static final List<String> DEMO_USERS = List.of("authority", "regulator", "agency", "sourceunit",
            "operator", "developer", "consumer", "expert", "supervisor", "sysadmin", "secadmin", "auditadmin");

    @Test
    void everyDemoAccountSignsInWithTheDemoPassword() {
        for (String user : DEMO_USERS) {
            String token = login(user);
            Api.Response me = api.get("/api/v1/auth/me", token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.text("username")).isEqualTo(user);
        }
    }

    @Test
    void privilegedRolesNeedTheirSecondFactor() {
        Api.Response missing = api.post("/api/v1/auth/login", null,
                Map.of("username", "sysadmin", "password", DemoCredentials.PASSWORD));
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.text("code")).isEqualTo("identity.otp-required");

        Api.Response wrong = api.post("/api/v1/auth/login", null,
                Map.of("username", "secadmin", "password", DemoCredentials.PASSWORD, "otp", "000000"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("code")).isIn("identity.otp-invalid");
    }

    @Test
    void locksAnAccountAfterRepeatedFailedLogins() {
        String sysadmin = login("sysadmin");
        String username = TestData.username("locky");
        createDeveloper(sysadmin, username);
        for (int i = 0; i < 4; i++) {
            Api.Response failed = api.post("/api/v1/auth/login", null, Map.of("username", username, "password", "Wrong#2026x"));
            assertThat(failed.status()).isEqualTo(401);
        }
        Api.Response fifth = api.post("/api/v1/auth/login", null, Map.of("username", username, "password", "Wrong#2026x"));
        assertThat(fifth.status()).isEqualTo(423);
        Api.Response rightButLocked = api.post("/api/v1/auth/login", null,
                Map.of("username", username, "password", "Start#Pass2026"));
        assertThat(rightButLocked.status()).isEqualTo(423);
        assertThat(rightButLocked.text("code")).isEqualTo("identity.account-locked");
    }

    @Test
    void refusesAnEndpointWithoutItsPermission() {
        String developer = login("developer");
        Api.Response refused = api.get("/api/v1/users", developer);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("identity.permission-refused");
        assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at org.");
    }

    @Test
    void refusesAnInvalidUsccInEnglishAndRegistersNothing() {
        String sysadmin = login("sysadmin");
        long before = api.get("/api/v1/organizations?size=1", sysadmin).json().path("total").asLong();
        Api.Response refused = api.inEnglish().post("/api/v1/organizations", sysadmin,
                Map.of("name", "Bad Code Ltd", "uscc", "91310000MA1FL3L45K", "type", "DEVELOPER"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("detail")).startsWith("The unified social credit code fails GB 32100-2015");
        assertThat(refused.json().path("status").asInt()).isEqualTo(400);
        long after = api.get("/api/v1/organizations?size=1", sysadmin).json().path("total").asLong();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void answersInChineseByDefault() {
        Api.Response refused = api.post("/api/v1/auth/login", null,
                Map.of("username", "nobody", "password", "Whatever#2026"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("detail")).isEqualTo("用户名或密码错误");
    }

    @Test
    void refusesCombiningAdministratorRolesNamingTheRule() {
        String sysadmin = login("sysadmin");
        String platform = organizationIdOf(sysadmin, "PLATFORM");
        String username = TestData.username("twohats");
        Api.Response refused = api.post("/api/v1/users", sysadmin, Map.of("username", username, "displayName", "Two Hats",
                "organizationId", platform, "roles", List.of("SYSADMIN", "AUDITADMIN"), "initialPassword", "Start#Pass2026"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("rule")).isEqualTo("NJ-22");
        assertThat(refused.text("article")).contains("第二十二条");
        Api.Response list = api.get("/api/v1/users?size=200", sysadmin);
        assertThat(list.body()).doesNotContain(username);
    }

    @Test
    void suspendingAnOrganizationEndsItsSessionsAtOnce() {
        String sysadmin = login("sysadmin");
        Api.Response org = api.post("/api/v1/organizations", sysadmin,
                Map.of("name", "临时开发公司", "uscc", TestData.uscc(), "type", "DEVELOPER"));
        assertThat(org.status()).isEqualTo(201);
        String username = TestData.username("dev");
        Api.Response created = api.post("/api/v1/users", sysadmin, Map.of("username", username, "displayName", "Dev",
                "organizationId", org.text("id"), "roles", List.of("DEVELOPER"), "initialPassword", "Start#Pass2026"));
        assertThat(created.status()).isEqualTo(201);
        String token = api.post("/api/v1/auth/login", null, Map.of("username", username, "password", "Start#Pass2026"))
                .text("token");
        assertThat(api.get("/api/v1/auth/me", token).status()).isEqualTo(200);

        Api.Response suspended = api.post("/api/v1/organizations/" + org.text("id") + "/suspension", sysadmin,
                Map.of("reason", "协议撤销"));
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.text("status")).isEqualTo("SUSPENDED");

        Api.Response after = api.get("/api/v1/auth/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.text("code")).isEqualTo("identity.session-revoked");
        Api.Response relogin = api.post("/api/v1/auth/login", null,
                Map.of("username", username, "password", "Start#Pass2026"));
        assertThat(relogin.status()).isEqualTo(403);
        assertThat(relogin.text("code")).isEqualTo("identity.organization-suspended");
    }

    @Test
    void recordsCreditEntriesThatAdmissionChecksRead() {
        String sysadmin = login("sysadmin");
        Api.Response org = api.post("/api/v1/organizations", sysadmin,
                Map.of("name", "失信测试公司", "uscc", TestData.uscc(), "type", "DEVELOPER"));
        String authority = login("authority");
        Api.Response entry = api.post("/api/v1/organizations/" + org.text("id") + "/credit-entries", authority,
                Map.of("listType", "DISHONEST_JUDGMENT_DEBTOR", "source", "信用中国", "listedOn", "2026-03-02"));
        assertThat(entry.status()).isEqualTo(201);
        Api.Response standing = api.get("/api/v1/organizations/" + org.text("id") + "/standing", authority);
        assertThat(standing.json().path("creditEntries").get(0).path("listType").asString())
                .isEqualTo("DISHONEST_JUDGMENT_DEBTOR");
        assertThat(standing.json().path("creditEntries").get(0).path("source").asString()).isEqualTo("信用中国");
    }

    @Test
    void answersBadInputWithAProblemDetail() {
        String sysadmin = login("sysadmin");
        Api.Response unreadable = api.post("/api/v1/organizations", sysadmin, "{not json");
        assertThat(unreadable.status()).as(unreadable.body()).isEqualTo(400);
        assertThat(unreadable.text("code")).as(unreadable.body()).isEqualTo("problem.unreadable-body");
        Api.Response missing = api.post("/api/v1/organizations", sysadmin, Map.of("name", ""));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").isArray()).isTrue();
        Api.Response notFound = api.get("/api/v1/organizations/00000000-0000-0000-0000-000000000000", sysadmin);
        assertThat(notFound.status()).isEqualTo(404);
        Api.Response badId = api.get("/api/v1/organizations/not-a-uuid", sysadmin);
        assertThat(badId.status()).isEqualTo(400);
        Api.Response unauthenticated = api.get("/api/v1/organizations", null);
        assertThat(unauthenticated.status()).isEqualTo(401);
    }

    private void createDeveloper(String sysadmin, String username) {
        String developerOrg = organizationIdOf(sysadmin, "DEVELOPER");
        Api.Response created = api.post("/api/v1/users", sysadmin, Map.of("username", username, "displayName", "Locky",
                "organizationId", developerOrg, "roles", List.of("DEVELOPER"), "initialPassword", "Start#Pass2026"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private String organizationIdOf(String token, String type) {
        return api.get("/api/v1/organizations?type=" + type, token).json().path("items").get(0).path("id").asString();
    }
}
