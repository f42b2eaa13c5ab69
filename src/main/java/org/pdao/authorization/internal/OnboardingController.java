package org.pdao.authorization.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1/onboarding-applications")
@Tag(name = "onboarding", description = "二级开发主体入驻申请、审核与备案（TZ-9）/ developer onboarding")
class OnboardingController {

    record ApplicationRequest(@NotNull UUID operatorOrganizationId,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 200) String> scenarios,
            @NotBlank @Size(max = 4000) String description) {}

    record Decision(@Nullable @Size(max = 4000) String reason, @Nullable @Size(max = 1000) String lateReason) {}

    record Rejection(@Nullable @Size(max = 4000) String reasons, @Nullable @Size(max = 1000) String lateReason) {}

    record Filing(@Nullable @Size(max = 1000) String lateReason) {}

    record Reason(@NotBlank @Size(max = 1000) String reason) {}

    record CheckView(String key, boolean passed, String rule, String article, String code) {}

    record MaterialView(UUID id, String kind, String fileName, String contentType, long sizeBytes, String contentSm3,
            String uploadedBy, Instant uploadedAt) {}

    record ApplicationView(UUID id, String profileId, UUID applicantOrganizationId, String applicantName,
            UUID operatorOrganizationId, List<String> scenarios, String description, OnboardingState state,
            @Nullable LocalDate submittedOn, @Nullable LocalDate decisionDue, @Nullable LocalDate decidedOn,
            @Nullable String decisionReason, @Nullable String decisionLateReason, @Nullable LocalDate filingDue,
            @Nullable LocalDate filedOn, @Nullable UUID filedWithOrganizationId, @Nullable String filingLateReason,
            boolean overdue, List<MaterialView> materials, List<String> missingMaterials,
            List<CheckView> admissionChecks, Instant createdAt, Instant updatedAt) {}

    record HistoryView(@Nullable String from, String to, String actor, @Nullable String reason, @Nullable String rule,
            Instant at) {}

    private final DeveloperOnboarding onboarding;

    OnboardingController(DeveloperOnboarding onboarding) {
        this.onboarding = onboarding;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('ONBOARDING_APPLY')")
    @Operation(summary = "Apply to an operator for onboarding as a developer (draft; upload materials, then submit)")
    ApplicationView apply(@Valid @RequestBody ApplicationRequest r) {
        return view(onboarding.apply(r.operatorOrganizationId(), r.scenarios(), r.description(), Actors.required()));
    }

    @PostMapping(path = "/{id}/materials", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('ONBOARDING_APPLY')")
    @Operation(summary = "Upload one material (kind from the profile's application.materials); type checked by content, stored SM4-encrypted")
    MaterialView upload(@PathVariable UUID id, @RequestParam("kind") String kind,
            @RequestParam("file") MultipartFile file) {
        try {
            return material(onboarding.addMaterial(id, kind, file.getOriginalFilename() == null ? "material"
                    : file.getOriginalFilename(), file.getBytes(), Actors.required()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PostMapping("/{id}/submission")
    @PreAuthorize("hasAuthority('ONBOARDING_APPLY')")
    @Operation(summary = "Submit: materials complete, admission checks pass; starts the operator's decision deadline")
    ApplicationView submit(@PathVariable UUID id) {
        return view(onboarding.submit(id, Actors.required()));
    }

    @PostMapping("/{id}/withdrawal")
    @PreAuthorize("hasAuthority('ONBOARDING_APPLY')")
    @Operation(summary = "Withdraw an application not yet decided")
    ApplicationView withdraw(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return view(onboarding.withdraw(id, r.reason(), Actors.required()));
    }

    @PostMapping("/{id}/approval")
    @PreAuthorize("hasAuthority('ONBOARDING_DECIDE')")
    @Operation(summary = "Approve (operator of the application; never one's own); after the deadline a lateReason is required")
    ApplicationView approve(@PathVariable UUID id, @Valid @RequestBody Decision r) {
        return view(onboarding.approve(id, r.reason(), r.lateReason(), Actors.required()));
    }

    @PostMapping("/{id}/rejection")
    @PreAuthorize("hasAuthority('ONBOARDING_DECIDE')")
    @Operation(summary = "Reject with the reasons given to the applicant (TZ-9)")
    ApplicationView reject(@PathVariable UUID id, @Valid @RequestBody Rejection r) {
        return view(onboarding.reject(id, r.reasons(), r.lateReason(), Actors.required()));
    }

    @PostMapping("/{id}/filing")
    @PreAuthorize("hasAuthority('ONBOARDING_DECIDE')")
    @Operation(summary = "File the approval with the data authority (备案)")
    ApplicationView file(@PathVariable UUID id, @Valid @RequestBody Filing r) {
        return view(onboarding.file(id, r.lateReason(), Actors.required()));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('ONBOARDING_READ')")
    @Operation(summary = "Applications the organization is involved in (authorities: all), paged")
    Page<ApplicationView> list(@RequestParam(required = false) @Nullable OnboardingState state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page<OnboardingApplication> found = onboarding.list(state, page, size, Actors.required());
        return new Page<>(found.items().stream().map(this::view).toList(), found.page(), found.size(), found.total());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('ONBOARDING_READ')")
    @Operation(summary = "One application with its deadlines, materials and admission checks")
    ApplicationView get(@PathVariable UUID id) {
        return view(onboarding.require(id, Actors.required()));
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAuthority('ONBOARDING_READ')")
    @Operation(summary = "The application's transitions with who, when, why and the rule, paged")
    Page<HistoryView> history(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        onboarding.require(id, Actors.required());
        return AgreementController.slice(onboarding.history(id).stream().map(e -> new HistoryView(e.from(), e.to(),
                e.actor(), e.reason(), e.ruleId(), e.at())).toList(), page, size);
    }

    private ApplicationView view(OnboardingApplication a) {
        LocalDate today = onboarding.today();
        boolean overdue = (a.state() == OnboardingState.SUBMITTED && a.decisionDue() != null
                && today.isAfter(a.decisionDue()))
                || (a.state() == OnboardingState.APPROVED && a.filingDue() != null && today.isAfter(a.filingDue()));
        List<CheckView> checks = a.state().isFinal() ? List.of() : onboarding.admissionChecks(a).stream()
                .map(c -> new CheckView(c.key(), c.passed(), c.rule().id(), c.rule().articleZh(), c.code())).toList();
        return new ApplicationView(a.id(), a.profileId(), a.applicantId(), a.applicantName(), a.operatorId(),
                a.scenarios(), a.description(), a.state(), a.submittedOn(), a.decisionDue(), a.decidedOn(),
                a.decisionReason(), a.decisionLateReason(), a.filingDue(), a.filedOn(), a.filedWithId(),
                a.filingLateReason(), overdue, onboarding.materialsOf(a.id()).stream().map(OnboardingController::material)
                        .toList(), onboarding.missingMaterials(a), checks, a.createdAt(), a.updatedAt());
    }

    static MaterialView material(Materials.Material m) {
        return new MaterialView(m.id(), m.kind(), m.fileName(), m.contentType(), m.sizeBytes(), m.contentSm3(),
                m.uploadedBy(), m.uploadedAt());
    }
}
