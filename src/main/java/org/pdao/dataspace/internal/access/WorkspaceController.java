package org.pdao.dataspace.internal.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workspaces")
@Tag(name = "workspaces", description = "开发者工作空间（沙箱）、配额、封存与销毁 / developer workspaces, quotas, sealing and destruction")
class WorkspaceController {

    record CreateBody(@NotNull UUID grantId) {}

    record Reason(@NotBlank @Size(max = 1000) String reason) {}

    private final Workspaces workspaces;

    WorkspaceController(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('WORKSPACE_USE')")
    @Operation(summary = "Create the workspace of a grant in force; it is prepared in the background (progress in GET)")
    Workspaces.WorkspaceView create(@Valid @RequestBody CreateBody body) {
        return workspaces.create(Actors.required(), body.grantId());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('WORKSPACE_USE')")
    @Operation(summary = "The workspace's tables, columns, treatments and methods (no values), after every check of use")
    Workspaces.WorkspaceView show(@PathVariable UUID id) {
        return workspaces.show(Actors.required(), id);
    }

    @PostMapping("/{id}/refresh")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('WORKSPACE_USE')")
    @Operation(summary = "Prepare the workspace again (current rules and consents)")
    Workspaces.WorkspaceView refresh(@PathVariable UUID id) {
        return workspaces.refresh(Actors.required(), id);
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('WORKSPACE_USE', 'WORKSPACE_OVERSEE')")
    @Operation(summary = "Workspaces of the organization, or of the zones it operates or supervises, paged")
    Page<Workspaces.WorkspaceView> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return workspaces.list(Actors.required(), page, size);
    }

    @GetMapping("/{id}/oversight")
    @PreAuthorize("hasAuthority('WORKSPACE_OVERSEE')")
    @Operation(summary = "A workspace as its zone's operator or supervisor oversees it")
    Workspaces.WorkspaceView oversee(@PathVariable UUID id) {
        return workspaces.oversee(Actors.required(), id);
    }

    @GetMapping("/{id}/usage")
    @PreAuthorize("hasAnyAuthority('WORKSPACE_USE', 'WORKSPACE_OVERSEE')")
    @Operation(summary = "Metered use of the workspace per party and per bearer of the cost (SY-17)")
    List<Workspaces.UsageByParty> usage(@PathVariable UUID id) {
        return workspaces.usage(Actors.required(), id);
    }

    @PostMapping("/{id}/seal")
    @PreAuthorize("hasAuthority('WORKSPACE_SEAL')")
    @Operation(summary = "Seal (封存) a workspace: frozen, nothing runs on it")
    Workspaces.WorkspaceView seal(@PathVariable UUID id, @Valid @RequestBody Reason body) {
        return workspaces.seal(Actors.required(), id, body.reason());
    }

    @PostMapping("/{id}/destruction")
    @PreAuthorize("hasAuthority('WORKSPACE_DESTROY')")
    @Operation(summary = "Destroy (销毁) a workspace: its file deleted and verified gone; returns the destruction certificate")
    Workspaces.DestructionCertificate destroy(@PathVariable UUID id, @Valid @RequestBody Reason body) {
        return workspaces.destroy(Actors.required(), id, body.reason());
    }
}
