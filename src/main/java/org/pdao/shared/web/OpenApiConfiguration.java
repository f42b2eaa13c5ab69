package org.pdao.shared.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description served at /v3/api-docs: title, and bearer tokens from /api/v1/auth/login. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI pdaoOpenApi() {
        return new OpenAPI()
                .info(new Info().title("PDAO 公共数据授权运营平台 API").version("v1")
                        .description("Public data authorized operation platform. Sign in with POST /api/v1/auth/login "
                                + "and send the token as 'Authorization: Bearer <token>'. Errors are RFC 9457 problem "
                                + "details in Chinese (default) or English (Accept-Language: en).")
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
