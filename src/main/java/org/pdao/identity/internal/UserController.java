package org.pdao.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.identity.Role;
import org.pdao.shared.Page;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "users", description = "账号、角色、三权分立 / accounts, roles, separation of duties")
class UserController {

    record NewUser(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 100) String displayName,
            @NotNull UUID organizationId, @NotEmpty Set<Role> roles, @NotBlank String initialPassword) {}

    record RoleAssignment(@NotEmpty Set<Role> roles) {}

    record Reason(@NotBlank @Size(max = 500) String reason) {}

    record UserView(UUID id, String username, String displayName, UUID organizationId, List<String> roles,
            boolean enabled, boolean locked, boolean secondFactorEnrolled, @Nullable Instant lastLoginAt) {}

    record CreatedUser(UserView user, @Nullable String totpSecret, @Nullable String totpUri) {}

    private final UserAdministration administration;
    private final UserAccounts users;

    UserController(UserAdministration administration, UserAccounts users) {
        this.administration = administration;
        this.users = users;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('USER_READ')")
    Page<UserView> list(@RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        return new Page<>(users.page(organizationId, p * s, s).stream().map(UserController::view).toList(), p, s,
                users.count(organizationId));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    @Operation(summary = "Create an account; privileged roles get a TOTP secret, shown only in this answer")
    CreatedUser create(@Valid @RequestBody NewUser n) {
        UserAdministration.Created created = administration.create(n.username(), n.displayName(), n.organizationId(),
                n.roles(), n.initialPassword(), null);
        return new CreatedUser(view(created.account()), created.totpSecret(), created.totpUri());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('USER_READ')")
    UserView show(@PathVariable UUID id) {
        return view(administration.account(id));
    }

    @PutMapping("/{id}/roles")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    @Operation(summary = "Replace a user's roles; the three administrator roles cannot be combined (三权分立)")
    UserView assignRoles(@PathVariable UUID id, @Valid @RequestBody RoleAssignment assignment) {
        return view(administration.assignRoles(id, assignment.roles()));
    }

    @PostMapping("/{id}/unlock")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    UserView unlock(@PathVariable UUID id) {
        administration.unlock(id);
        return view(administration.account(id));
    }

    @PostMapping("/{id}/disable")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    UserView disable(@PathVariable UUID id, @Valid @RequestBody Reason reason) {
        administration.setEnabled(id, false, reason.reason());
        return view(administration.account(id));
    }

    @PostMapping("/{id}/enable")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    UserView enable(@PathVariable UUID id, @Valid @RequestBody Reason reason) {
        administration.setEnabled(id, true, reason.reason());
        return view(administration.account(id));
    }

    @PostMapping("/{id}/second-factor")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    @Operation(summary = "Issue a new TOTP secret (shown once); the user's sessions end")
    CreatedUser resetSecondFactor(@PathVariable UUID id) {
        UserAdministration.Created created = administration.resetSecondFactor(id);
        return new CreatedUser(view(created.account()), created.totpSecret(), created.totpUri());
    }

    static UserView view(UserAccount u) {
        return new UserView(u.id(), u.username(), u.displayName(), u.organizationId(),
                u.roles().stream().map(Enum::name).sorted().toList(), u.enabled(), u.lockedAt(Instant.now()),
                u.sealedTotpSecret() != null, u.lastLoginAt());
    }
}
