package org.pdao;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pdao.identity.Permission;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every endpoint of the platform checks a permission on the server, and names only ones that exist. */
@SpringBootTest
class EndpointPermissionTest {

    /** Endpoints open before sign-in: the login, and product calls (authenticated by their product key). */
    private static final Set<String> PUBLIC = Set.of("AuthController.login", "ProductCallController.call");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyPlatformEndpointDeclaresItsPermission() {
        List<String> unguarded = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Set<String> permissions = Arrays.stream(Permission.values()).map(Enum::name).collect(Collectors.toSet());
        Pattern authority = Pattern.compile("hasAuthority\\('([A-Z_]+)'\\)");
        for (HandlerMethod method : mappings.getHandlerMethods().values()) {
            if (!method.getBeanType().getPackageName().startsWith("org.pdao")) {
                continue;
            }
            String name = method.getBeanType().getSimpleName() + "." + method.getMethod().getName();
            PreAuthorize guard = method.getMethodAnnotation(PreAuthorize.class);
            if (guard == null) {
                guard = method.getBeanType().getAnnotation(PreAuthorize.class);
            }
            if (guard == null) {
                if (!PUBLIC.contains(name)) {
                    unguarded.add(name);
                }
                continue;
            }
            Matcher m = authority.matcher(guard.value());
            while (m.find()) {
                if (!permissions.contains(m.group(1))) {
                    unknown.add(name + " -> " + m.group(1));
                }
            }
        }
        assertThat(unguarded).as("endpoints without @PreAuthorize").isEmpty();
        assertThat(unknown).as("endpoints naming a permission that does not exist").isEmpty();
    }
}
