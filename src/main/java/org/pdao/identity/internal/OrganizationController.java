package org.pdao.identity.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.identity.AuthorityLevel;
import org.pdao.identity.CreditListType;
import org.pdao.identity.OrganizationStanding;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
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
@RequestMapping("/api/v1/organizations")
@Tag(name = "organizations", description = "组织、统一社会信用代码、信用记录、安全事件 / organizations, USCC, credit, incidents")
class OrganizationController {

    record Registration(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 18) String uscc,
            @NotNull OrganizationType type, @Nullable AuthorityLevel authorityLevel,
            @Nullable @Size(max = 12) String regionCode, @Nullable UUID parentId, @Nullable Integer mlpsLevel) {}

    record CreditEntryRequest(@NotNull CreditListType listType, @NotBlank @Size(max = 200) String source,
            @NotNull LocalDate listedOn, @Nullable LocalDate removedOn, @Nullable @Size(max = 1000) String note) {}

    record IncidentRequest(@NotNull LocalDate occurredOn, @NotBlank @Size(max = 40) String category,
            @NotBlank @Size(max = 2000) String description, @NotBlank @Size(max = 200) String source,
            boolean publiclyReported) {}

    record Reason(@NotBlank @Size(max = 500) String reason) {}

    private final OrganizationRegistry registry;
    private final Organizations organizations;

    OrganizationController(OrganizationRegistry registry, Organizations organizations) {
        this.registry = registry;
        this.organizations = organizations;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('ORG_READ')")
    @Operation(summary = "List organizations, filtered by type and name, paged")
    Page<OrganizationSummary> list(@RequestParam(required = false) @Nullable OrganizationType type,
            @RequestParam(required = false) @Nullable String name, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        return new Page<>(organizations.page(type, name, p * s, s), p, s, organizations.count(type, name));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('ORG_MANAGE')")
    @Operation(summary = "Register an organization; its USCC must pass the GB 32100-2015 check")
    OrganizationSummary register(@Valid @RequestBody Registration r) {
        return registry.register(r.name(), r.uscc(), r.type(), r.authorityLevel(), r.regionCode(), r.parentId(),
                r.mlpsLevel());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('ORG_READ')")
    OrganizationSummary show(@PathVariable UUID id) {
        return registry.require(id);
    }

    @GetMapping("/{id}/standing")
    @PreAuthorize("hasAuthority('ORG_READ')")
    @Operation(summary = "Credit-list entries and security incidents that admission checks read")
    OrganizationStanding standing(@PathVariable UUID id) {
        return registry.standing(id);
    }

    @PostMapping("/{id}/credit-entries")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CREDIT_RECORD')")
    @Operation(summary = "Record a credit-list entry (失信被执行人, 重大税收违法案件当事人, 严重失信主体名单) with source and date")
    OrganizationStanding.CreditEntry recordCredit(@PathVariable UUID id, @Valid @RequestBody CreditEntryRequest r) {
        return registry.recordCreditEntry(id, r.listType(), r.source(), r.listedOn(), r.removedOn(), r.note());
    }

    @PostMapping("/{id}/incidents")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('INCIDENT_RECORD')")
    @Operation(summary = "Record a cyber or data security incident with source and date")
    OrganizationStanding.Incident recordIncident(@PathVariable UUID id, @Valid @RequestBody IncidentRequest r) {
        return registry.recordIncident(id, r.occurredOn(), r.category(), r.description(), r.source(),
                r.publiclyReported());
    }

    @PostMapping("/{id}/suspension")
    @PreAuthorize("hasAuthority('ORG_MANAGE')")
    @Operation(summary = "Suspend an organization: every session of its users ends at once")
    OrganizationSummary suspend(@PathVariable UUID id, @Valid @RequestBody Reason reason) {
        registry.suspendOrganization(id, reason.reason());
        return registry.require(id);
    }

    @PostMapping("/{id}/reinstatement")
    @PreAuthorize("hasAuthority('ORG_MANAGE')")
    OrganizationSummary reinstate(@PathVariable UUID id, @Valid @RequestBody Reason reason) {
        registry.reinstate(id, reason.reason());
        return registry.require(id);
    }
}
