package org.pdao.catalog.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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
@RequestMapping("/api/v1/catalog/development-entries")
@Tag(name = "development catalog", description = "开发数据目录 / development catalog (TZ-13)")
class DevelopmentController {

    record ConsentRequest(@NotBlank @Size(max = 200) String grantedBy, @NotNull LocalDate grantedOn,
            @NotBlank @Size(max = 200) String documentRef) {}

    record CompileRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 4000) String description,
            @NotNull UUID resourceId, @NotEmpty List<@NotBlank String> fields, @Valid @Nullable ConsentRequest consent) {}

    record Reason(@Nullable @Size(max = 1000) String reason) {}

    private final DevelopmentCatalog catalog;

    DevelopmentController(DevelopmentCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('CATALOG_READ')")
    @Operation(summary = "List development-catalog entries; developers see published ones only")
    Page<DevelopmentEntry> list(@RequestParam(required = false) @Nullable DevelopmentState state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return catalog.page(Actors.required(), state, page, size);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('DEV_CATALOG_COMPILE')")
    @Operation(summary = "Compile an entry from a resource; restricted, not shared or not open data is refused")
    DevelopmentEntry compile(@Valid @RequestBody CompileRequest r) {
        ConsentRequest c = r.consent();
        return catalog.compile(Actors.required(), new DevelopmentCatalog.Compilation(r.title(), r.description(),
                r.resourceId(), r.fields(), c == null ? null : new Consent(c.grantedBy(), c.grantedOn(), c.documentRef())));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('CATALOG_READ')")
    DevelopmentEntry show(@PathVariable UUID id) {
        return catalog.show(Actors.required(), id);
    }

    @PostMapping("/{id}/submission")
    @PreAuthorize("hasAuthority('DEV_CATALOG_COMPILE')")
    DevelopmentEntry submit(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return catalog.transition(Actors.required(), id, DevelopmentState.SUBMITTED, reason(r));
    }

    @PostMapping("/{id}/approval")
    @PreAuthorize("hasAuthority('DEV_CATALOG_APPROVE')")
    @Operation(summary = "Approve a submitted entry; its resource gets a registration number")
    DevelopmentEntry approve(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return catalog.transition(Actors.required(), id, DevelopmentState.APPROVED, reason(r));
    }

    @PostMapping("/{id}/rejection")
    @PreAuthorize("hasAuthority('DEV_CATALOG_APPROVE')")
    @Operation(summary = "Reject a submitted entry with reasons")
    DevelopmentEntry reject(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return catalog.transition(Actors.required(), id, DevelopmentState.REJECTED, reason(r));
    }

    @PostMapping("/{id}/revision")
    @PreAuthorize("hasAuthority('DEV_CATALOG_COMPILE')")
    @Operation(summary = "Take a rejected entry back to draft")
    DevelopmentEntry revise(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return catalog.transition(Actors.required(), id, DevelopmentState.DRAFT, reason(r));
    }

    @PostMapping("/{id}/publication")
    @PreAuthorize("hasAuthority('DEV_CATALOG_COMPILE')")
    @Operation(summary = "Publish an approved entry; it appears in search at once")
    DevelopmentEntry publish(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return catalog.transition(Actors.required(), id, DevelopmentState.PUBLISHED, reason(r));
    }

    @PostMapping("/{id}/withdrawal")
    @PreAuthorize("hasAuthority('DEV_CATALOG_COMPILE')")
    DevelopmentEntry withdraw(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return catalog.transition(Actors.required(), id, DevelopmentState.WITHDRAWN, reason(r));
    }

    private static @Nullable String reason(@Nullable Reason r) {
        return r == null ? null : r.reason();
    }
}
