package org.pdao.authorization.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actor;
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
@RequestMapping("/api/v1")
@Tag(name = "selection", description = "授权运营公告、申请、资格审查、专家评审、政府审定、公示与结果 / operator selection")
class SelectionController {

    record AnnouncementRequest(@Nullable @Size(max = 40) String model, @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 8000) String conditions,
            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 40) String> zoneCodes,
            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 200) String> scenarios,
            @Nullable @Size(max = 40) String tenderMode, @NotNull LocalDate closesOn, @Nullable UUID planId) {}

    record ApplicationRequest(@NotBlank @Size(max = 8000) String proposal) {}

    record Qualification(@NotNull Boolean qualified, @NotBlank @Size(max = 4000) String note) {}

    record ExpertRequest(@NotNull UUID userId, @NotBlank @Size(max = 100) String username,
            @Nullable UUID organizationId) {}

    record Declaration(@NotNull Boolean conflict, @NotBlank @Size(max = 2000) String statement) {}

    record Score(@NotNull @Min(0) @Max(100) Integer score, @NotBlank @Size(max = 4000) String comment) {}

    record Proposal(@NotNull UUID applicationId) {}

    record Approval(@NotBlank @Size(max = 200) String reference) {}

    record Result(@Nullable @Size(max = 200) String collectiveDecision) {}

    record ObjectionRequest(@NotBlank @Size(max = 4000) String text) {}

    record Resolution(@NotNull Boolean upheld, @NotBlank @Size(max = 4000) String resolution) {}

    record Reason(@NotBlank @Size(max = 1000) String reason) {}

    record ApplicationView(UUID id, UUID announcementId, UUID applicantOrganizationId, String applicantName,
            String proposal, SelectionApplicationState state, @Nullable String qualification,
            List<OnboardingController.MaterialView> materials, List<OnboardingController.CheckView> admissionChecks,
            List<OperatorSelection.Review> reviews, Instant createdAt) {}

    record AnnouncementView(OperatorSelection.Announcement announcement, List<OperatorSelection.Expert> experts,
            List<OperatorSelection.Objection> objections, long applications) {}

    private final OperatorSelection selection;

    SelectionController(OperatorSelection selection) {
        this.selection = selection;
    }

    @PostMapping("/announcements")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Draft an announcement (授权运营公告) with its conditions; JL needs a tender mode")
    AnnouncementView announce(@Valid @RequestBody AnnouncementRequest r) {
        return view(selection.announce(new OperatorSelection.NewAnnouncement(r.model(), r.title(), r.conditions(),
                r.zoneCodes() == null ? List.of() : r.zoneCodes(), r.scenarios() == null ? List.of() : r.scenarios(),
                r.tenderMode(), r.closesOn(), r.planId()), Actors.required()));
    }

    @GetMapping("/announcements")
    @PreAuthorize("hasAuthority('SELECTION_READ')")
    @Operation(summary = "Published announcements (and one's own drafts), paged")
    Page<AnnouncementView> announcements(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Page<OperatorSelection.Announcement> found = selection.announcements(page, size, Actors.required());
        return new Page<>(found.items().stream().map(this::view).toList(), found.page(), found.size(), found.total());
    }

    @GetMapping("/announcements/{id}")
    @PreAuthorize("hasAuthority('SELECTION_READ')")
    @Operation(summary = "One announcement with its experts and objections")
    AnnouncementView announcement(@PathVariable UUID id) {
        return view(selection.visibleAnnouncement(id, Actors.required()));
    }

    @PostMapping("/announcements/{id}/publication")
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Publish the announcement (SY: one per model and year)")
    AnnouncementView publish(@PathVariable UUID id) {
        return view(selection.publish(id, Actors.required()));
    }

    @PostMapping("/announcements/{id}/closure")
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Close applications after the closing day")
    AnnouncementView close(@PathVariable UUID id) {
        return view(selection.close(id, Actors.required()));
    }

    @PostMapping("/announcements/{id}/cancellation")
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Cancel the selection")
    AnnouncementView cancel(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return view(selection.cancel(id, r.reason(), Actors.required()));
    }

    @PostMapping("/announcements/{id}/experts")
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Assign an expert (a user with the expert role) to the review panel")
    List<OperatorSelection.Expert> assign(@PathVariable UUID id, @Valid @RequestBody ExpertRequest r) {
        return selection.assignExpert(id, r.userId(), r.username(), r.organizationId(), Actors.required());
    }

    @PostMapping("/announcements/{id}/proposal")
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Propose the candidate after qualification and expert review")
    AnnouncementView propose(@PathVariable UUID id, @Valid @RequestBody Proposal r) {
        return view(selection.propose(id, r.applicationId(), Actors.required()));
    }

    @PostMapping("/announcements/{id}/approval")
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Record the government's approval of the candidate by its reference (文号)")
    AnnouncementView approve(@PathVariable UUID id, @Valid @RequestBody Approval r) {
        return view(selection.approve(id, r.reference(), Actors.required()));
    }

    @PostMapping("/announcements/{id}/publicity")
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Start publicity (公示) for the profile's period, where the profile requires it")
    AnnouncementView publicize(@PathVariable UUID id) {
        return view(selection.publicize(id, Actors.required()));
    }

    @PostMapping("/announcements/{id}/objections")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SELECTION_OBJECT')")
    @Operation(summary = "Raise an objection during publicity")
    OperatorSelection.Objection object(@PathVariable UUID id, @Valid @RequestBody ObjectionRequest r) {
        return selection.object(id, r.text(), Actors.required());
    }

    @PostMapping("/objections/{id}/resolution")
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Answer an objection; an upheld one sends the selection back to review")
    OperatorSelection.Objection resolve(@PathVariable UUID id, @Valid @RequestBody Resolution r) {
        return selection.resolve(id, r.upheld(), r.resolution(), Actors.required());
    }

    @PostMapping("/announcements/{id}/result")
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Publish the result (after publicity without objection; JL: with the 三重一大 decision)")
    AnnouncementView result(@PathVariable UUID id, @Valid @RequestBody Result r) {
        return view(selection.publishResult(id, r.collectiveDecision(), Actors.required()));
    }

    @GetMapping("/announcements/{id}/applications")
    @PreAuthorize("hasAuthority('SELECTION_READ')")
    @Operation(summary = "The applications to an announcement the caller may see, paged")
    Page<ApplicationView> applications(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Actor actor = Actors.required();
        selection.visibleAnnouncement(id, actor);
        return AgreementController.slice(selection.applications(id).stream().filter(a -> selection.mayRead(a, actor))
                .map(this::view).toList(), page, size);
    }

    @PostMapping("/announcements/{id}/applications")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SELECTION_APPLY')")
    @Operation(summary = "Apply to an open announcement as an operator")
    ApplicationView apply(@PathVariable UUID id, @Valid @RequestBody ApplicationRequest r) {
        return view(selection.apply(id, r.proposal(), Actors.required()));
    }

    @GetMapping("/selection-applications/{id}")
    @PreAuthorize("hasAuthority('SELECTION_READ')")
    @Operation(summary = "One application with materials, admission checks and expert reviews")
    ApplicationView application(@PathVariable UUID id) {
        return view(selection.visibleApplication(id, Actors.required()));
    }

    @PostMapping(path = "/selection-applications/{id}/materials", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SELECTION_APPLY')")
    @Operation(summary = "Upload one material; type checked by content, stored SM4-encrypted")
    OnboardingController.MaterialView upload(@PathVariable UUID id, @RequestParam("kind") String kind,
            @RequestParam("file") MultipartFile file) {
        try {
            return OnboardingController.material(selection.addMaterial(id, kind, file.getOriginalFilename() == null
                    ? "material" : file.getOriginalFilename(), file.getBytes(), Actors.required()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PostMapping("/selection-applications/{id}/submission")
    @PreAuthorize("hasAuthority('SELECTION_APPLY')")
    @Operation(summary = "Submit the application (materials complete, admission checks pass)")
    ApplicationView submit(@PathVariable UUID id) {
        return view(selection.submit(id, Actors.required()));
    }

    @PostMapping("/selection-applications/{id}/qualification")
    @PreAuthorize("hasAuthority('SELECTION_MANAGE')")
    @Operation(summary = "Qualification review (资格审查) by the publisher")
    ApplicationView qualify(@PathVariable UUID id, @Valid @RequestBody Qualification r) {
        return view(selection.qualify(id, r.qualified(), r.note(), Actors.required()));
    }

    @PostMapping("/selection-applications/{id}/declarations")
    @PreAuthorize("hasAuthority('SELECTION_REVIEW')")
    @Operation(summary = "An assigned expert declares a conflict of interest or none")
    OperatorSelection.Review declare(@PathVariable UUID id, @Valid @RequestBody Declaration r) {
        return selection.declare(id, r.conflict(), r.statement(), Actors.required());
    }

    @PostMapping("/selection-applications/{id}/scores")
    @PreAuthorize("hasAuthority('SELECTION_REVIEW')")
    @Operation(summary = "An assigned expert without a conflict scores (0-100) with a comment")
    OperatorSelection.Review score(@PathVariable UUID id, @Valid @RequestBody Score r) {
        return selection.score(id, r.score(), r.comment(), Actors.required());
    }

    private AnnouncementView view(OperatorSelection.Announcement a) {
        return new AnnouncementView(a, selection.experts(a.id()), selection.objections(a.id()),
                selection.applications(a.id()).size());
    }

    private ApplicationView view(OperatorSelection.Application app) {
        return new ApplicationView(app.id(), app.announcementId(), app.applicantId(), app.applicantName(),
                app.proposal(), app.state(), app.qualification(), selection.materialsOf(app.id()).stream()
                        .map(OnboardingController::material).toList(),
                app.state().isFinal() ? List.of() : selection.admissionChecks(app).stream()
                        .map(c -> new OnboardingController.CheckView(c.key(), c.passed(), c.rule().id(),
                                c.rule().articleZh(), c.code())).toList(),
                selection.reviews(app.id()), app.createdAt());
    }
}
