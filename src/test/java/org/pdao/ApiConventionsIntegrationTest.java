package org.pdao;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pdao.support.Api;
import org.pdao.support.ApiTest;

/** Health, OpenAPI and Swagger UI are served without sign-in; unknown paths get a problem detail. */
class ApiConventionsIntegrationTest extends ApiTest {

    @Test
    void servesHealthWithoutSignIn() {
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
    }

    @Test
    void servesTheOpenApiDescriptionOfTheVersionedApi() {
        Api.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("info").path("title").asString()).contains("PDAO");
        assertThat(docs.json().path("paths").has("/api/v1/auth/login")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/organizations")).isTrue();
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void answersAnUnknownEndpointWithAProblemDetail() {
        String token = login("developer");
        Api.Response missing = api.get("/api/v1/no-such-thing", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text("code")).isEqualTo("problem.no-such-endpoint");
    }
}
