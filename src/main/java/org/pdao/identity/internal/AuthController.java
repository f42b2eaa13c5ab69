package org.pdao.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth", description = "登录、第二因素、会话 / login, second factor, sessions")
class AuthController {

    record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password,
            @Nullable @Size(max = 10) String otp) {}

    record LoginResponse(String token, String tokenType, Instant expiresAt, long idleTimeoutSeconds, Me user) {}

    record Me(UUID id, String username, String displayName, UUID organizationId, List<String> roles,
            List<String> permissions) {}

    record PasswordChange(@NotBlank String currentPassword, @NotBlank String newPassword) {}

    private final LoginService logins;
    private final UserAdministration administration;

    AuthController(LoginService logins, UserAdministration administration) {
        this.logins = logins;
        this.administration = administration;
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in with password (and TOTP for privileged roles); returns a bearer token")
    LoginResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        LoginService.LoginResult result = logins.login(request.username(), request.password(), request.otp(),
                http.getRemoteAddr());
        return new LoginResponse(result.token(), "Bearer", result.expiresAt(), result.idleTimeoutSeconds(),
                me(result.user()));
    }

    @PostMapping("/logout")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "End this session")
    void logout(HttpServletRequest http) {
        logins.logout(http.getHeader("Authorization").substring(7).trim(), Actors.required());
    }

    @GetMapping("/me")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "The signed-in user with roles and permissions")
    Me me() {
        Actor actor = Actors.required();
        return me(administration.account(actor.userId()));
    }

    @PostMapping("/password")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Change one's own password (policy applies; other sessions end)")
    void changePassword(@Valid @RequestBody PasswordChange change) {
        administration.changeOwnPassword(Actors.required(), change.currentPassword(), change.newPassword());
    }

    static Me me(UserAccount user) {
        return new Me(user.id(), user.username(), user.displayName(), user.organizationId(),
                user.roles().stream().map(Enum::name).sorted().toList(),
                user.roles().stream().flatMap(r -> r.permissions().stream()).map(Enum::name).distinct().sorted().toList());
    }
}
