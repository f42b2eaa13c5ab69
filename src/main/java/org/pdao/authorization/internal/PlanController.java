package org.pdao.authorization.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.identity.AuthorityLevel;
import org.pdao.shared.Actors;
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
@RequestMapping("/api/v1/plans")
@Tag(name = "plans", description = "实施方案：编制、本级政府审议、一个月内逐级备案、变更重新审议（JL-plan）/ implementation plans")
class PlanController {

    record SectionRequest(@NotBlank @Size(max = 60) String key, @NotBlank @Size(max = 200) String title,
            @NotNull @Size(max = 8000) String body) {}

    record SectionBody(@NotBlank @Size(max = 200) String title, @NotNull @Size(max = 8000) String body) {}

    record DraftRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 40) String model,
            @Nullable @Size(max = 200) String domain, @Nullable @Size(max = 20) List<@NotBlank @Size(max = 200) String> scenarios,
            @Nullable UUID authorityOrganizationId, @Nullable UUID agencyOrganizationId,
            @Nullable @Size(max = 40) List<@Valid SectionRequest> sections) {}

    record Approval(@NotNull AuthorityLevel governmentLevel, @Nullable @Size(max = 200) String governmentReference,
            @Nullable @Size(max = 200) String collectiveDecision) {}

    record Revision(@NotBlank @Size(max = 2000) String reason, @Nullable @Size(max = 200) String title,
            @Nullable @Size(max = 40) String model, @Nullable @Size(max = 200) String domain,
            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 200) String> scenarios) {}

    record Reason(@NotBlank @Size(max = 2000) String reason) {}

    record SectionView(String key, String title, String body, boolean required) {}

    record PlanView(UUID id, UUID planKey, int version, String profileId, String title, String model,
            @Nullable String domain, List<String> scenarios, UUID drafterOrganizationId, UUID authorityOrganizationId,
            AuthorityLevel level, @Nullable UUID agencyOrganizationId, PlanState state, boolean inEffect,
            @Nullable UUID supersedesId, @Nullable String changeReason, @Nullable String governmentReference,
            @Nullable String collectiveDecision, @Nullable LocalDate approvedOn, @Nullable LocalDate filedOn,
            List<SectionView> sections, List<String> missingSections, String createdBy, Instant createdAt,
            Instant updatedAt) {}

    record HistoryView(@Nullable String from, String to, String actor, @Nullable String reason, @Nullable String rule,
            Instant at) {}

    private final ImplementationPlans plans;
    private final org.pdao.jurisdiction.JurisdictionProfiles profiles;

    PlanController(ImplementationPlans plans, org.pdao.jurisdiction.JurisdictionProfiles profiles) {
        this.plans = plans;
        this.profiles = profiles;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('PLAN_DRAFT')")
    @Operation(summary = "Draft an implementation plan (model, domain or scenarios, the contents the profile requires)")
    PlanView draft(@Valid @RequestBody DraftRequest r) {
        List<ImplementationPlans.Section> sections = r.sections() == null ? List.of() : r.sections().stream()
                .map(s -> new ImplementationPlans.Section(s.key(), s.title(), s.body())).toList();
        return view(plans.draft(new ImplementationPlans.Draft(r.title(), r.model(), r.domain(),
                r.scenarios() == null ? List.of() : r.scenarios(), r.authorityOrganizationId(),
                r.agencyOrganizationId(), sections), Actors.required()));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('PLAN_READ')")
    @Operation(summary = "Implementation plans, filtered by state and model, paged")
    Page<PlanView> list(@RequestParam(required = false) @Nullable PlanState state,
            @RequestParam(required = false) @Nullable String model, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Page<ImplementationPlan> found = plans.list(state, model, page, size, Actors.required());
        return new Page<>(found.items().stream().map(this::view).toList(), found.page(), found.size(), found.total());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('PLAN_READ')")
    @Operation(summary = "One version of a plan with its sections")
    PlanView get(@PathVariable UUID id) {
        return view(plans.require(id, Actors.required()));
    }

    @GetMapping("/{id}/versions")
    @PreAuthorize("hasAuthority('PLAN_READ')")
    @Operation(summary = "Every version of the plan, oldest first (superseded versions are kept)")
    List<PlanView> versions(@PathVariable UUID id) {
        ImplementationPlan p = plans.require(id, Actors.required());
        return plans.versions(p.planKey()).stream().map(this::view).toList();
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAuthority('PLAN_READ')")
    @Operation(summary = "The plan version's transitions with who, when, why and the rule")
    List<HistoryView> history(@PathVariable UUID id) {
        plans.require(id, Actors.required());
        return plans.history(id).stream().map(e -> new HistoryView(e.from(), e.to(), e.actor(), e.reason(), e.ruleId(),
                e.at())).toList();
    }

    @PutMapping("/{id}/sections/{key}")
    @PreAuthorize("hasAuthority('PLAN_DRAFT')")
    @Operation(summary = "Write one section of a draft plan")
    List<SectionView> putSection(@PathVariable UUID id, @PathVariable String key, @Valid @RequestBody SectionBody r) {
        plans.putSection(id, new ImplementationPlans.Section(key, r.title(), r.body()), Actors.required());
        return view(plans.require(id, Actors.required())).sections();
    }

    @PostMapping("/{id}/submission")
    @PreAuthorize("hasAuthority('PLAN_DRAFT')")
    @Operation(summary = "Submit the plan to the government of its level (every required section present)")
    PlanView submit(@PathVariable UUID id) {
        return view(plans.submit(id, Actors.required()));
    }

    @PostMapping("/{id}/withdrawal")
    @PreAuthorize("hasAuthority('PLAN_DRAFT')")
    @Operation(summary = "Withdraw a draft plan")
    PlanView withdraw(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return view(plans.withdraw(id, r.reason(), Actors.required()));
    }

    @PostMapping("/{id}/return")
    @PreAuthorize("hasAuthority('PLAN_APPROVE')")
    @Operation(summary = "Return a submitted plan to draft, with reasons")
    PlanView returnToDraft(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return view(plans.returnToDraft(id, r.reason(), Actors.required()));
    }

    @PostMapping("/{id}/approval")
    @PreAuthorize("hasAuthority('PLAN_APPROVE')")
    @Operation(summary = "Record the approval by the government of the plan's level (三重一大); opens the filing chain")
    PlanView approve(@PathVariable UUID id, @Valid @RequestBody Approval r) {
        return view(plans.approve(id, r.governmentLevel(), r.governmentReference(), r.collectiveDecision(),
                Actors.required()));
    }

    @PostMapping("/{id}/revisions")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('PLAN_DRAFT')")
    @Operation(summary = "Change an approved plan: a new version that must be approved again (the old one is kept)")
    PlanView revise(@PathVariable UUID id, @Valid @RequestBody Revision r) {
        return view(plans.revise(id, r.reason(), new ImplementationPlans.Changes(r.title(), r.model(), r.domain(),
                r.scenarios()), Actors.required()));
    }

    private PlanView view(ImplementationPlan p) {
        var profile = profiles.require(p.profileId());
        List<String> required = profile.has("plan.contents.required")
                ? profile.items("plan.contents.required").value().stream().map(org.pdao.jurisdiction.ListItem::key).toList()
                : List.of();
        List<ImplementationPlans.Section> sections = plans.sections(p.id());
        List<String> missing = required.stream().filter(k -> sections.stream()
                .noneMatch(s -> s.key().equals(k) && !s.body().isBlank())).toList();
        return new PlanView(p.id(), p.planKey(), p.version(), p.profileId(), p.title(), p.model(), p.domain(),
                p.scenarios(), p.drafterId(), p.authorityId(), p.level(), p.agencyId(), p.state(), p.inEffect(),
                p.supersedesId(), p.changeReason(), p.governmentReference(), p.collectiveDecision(), p.approvedOn(),
                p.filedOn(), sections.stream().map(s -> new SectionView(s.key(), s.title(), s.body(),
                        required.contains(s.key()))).toList(), missing, p.createdBy(), p.createdAt(), p.updatedAt());
    }
}
