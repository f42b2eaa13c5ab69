package org.pdao.authorization.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actors;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/agreements/{agreementId}/supplements")
@Tag(name = "amendments", description = "生效协议的补充协议（变更）：新版本双方重新 SM2 签署，旧版本留存 / amendments of agreements in force")
class AmendmentController {

    record ClauseRequest(@NotBlank @Size(max = 60) String key, @NotBlank @Size(max = 200) String title,
            @NotNull @Size(max = 8000) String body) {}

    record ClauseBody(@NotBlank @Size(max = 200) String title, @NotNull @Size(max = 8000) String body) {}

    record AmendmentRequest(@NotBlank @Size(max = 1000) String reason, @Nullable @Size(max = 200) String title,
            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 200) String> scenarios,
            @Nullable @Size(max = 20) List<UUID> zoneIds,
            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 40) String> zoneCodes,
            @Nullable LocalDate validFrom, @Nullable LocalDate validUntil,
            @Nullable @Size(max = 60) List<@Valid ClauseRequest> clauses) {}

    record SignatureRequest(@Positive int version, @NotBlank @Size(max = 64) String textSm3,
            @NotBlank @Size(max = 400) String signature) {}

    record Reason(@NotBlank @Size(max = 1000) String reason) {}

    record ClauseView(String key, int position, String title, String body) {}

    record AmendmentView(UUID id, UUID agreementId, int version, AmendmentState state, String reason, String title,
            List<String> scenarios, List<UUID> zoneIds, List<String> zoneCodes, LocalDate validFrom,
            LocalDate validUntil, List<ClauseView> clauses, String createdBy, Instant createdAt, Instant updatedAt) {}

    private final AgreementAmendments amendments;

    AmendmentController(AgreementAmendments amendments) {
        this.amendments = amendments;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('AGREEMENT_DRAFT')")
    @Operation(summary = "Draft an amendment of an agreement in force (the next version; clauses copied unless given)")
    AmendmentView draft(@PathVariable UUID agreementId, @Valid @RequestBody AmendmentRequest r) {
        List<AgreementLifecycle.ClauseText> clauses = r.clauses() == null ? null : r.clauses().stream()
                .map(c -> new AgreementLifecycle.ClauseText(c.key(), c.title(), c.body())).toList();
        return view(amendments.draft(agreementId, r.reason(), new AgreementAmendments.Changes(r.title(), r.scenarios(),
                r.zoneIds(), r.zoneCodes(), r.validFrom(), r.validUntil(), clauses), Actors.required()));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "The agreement's amendments, oldest first")
    List<AmendmentView> list(@PathVariable UUID agreementId) {
        return amendments.of(agreementId, Actors.required()).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "One amendment with its clauses")
    AmendmentView get(@PathVariable UUID agreementId, @PathVariable UUID id) {
        return view(amendments.require(agreementId, id, Actors.required()));
    }

    @PutMapping("/{id}/clauses/{key}")
    @PreAuthorize("hasAuthority('AGREEMENT_DRAFT')")
    @Operation(summary = "Write a clause of a draft amendment")
    AmendmentView putClause(@PathVariable UUID agreementId, @PathVariable UUID id, @PathVariable String key,
            @Valid @RequestBody ClauseBody r) {
        amendments.putClause(agreementId, id, new AgreementLifecycle.ClauseText(key, r.title(), r.body()),
                Actors.required());
        return view(amendments.require(agreementId, id, Actors.required()));
    }

    @GetMapping("/{id}/signing-text")
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "The canonical text of the amended agreement (the next version) and its SM3 digest, to sign")
    AgreementLifecycle.SigningText signingText(@PathVariable UUID agreementId, @PathVariable UUID id) {
        return amendments.signingText(agreementId, id, Actors.required());
    }

    @PostMapping("/{id}/signatures")
    @PreAuthorize("hasAuthority('AGREEMENT_SIGN')")
    @Operation(summary = "Sign the amendment with SM2; the second signature adopts it")
    AmendmentView sign(@PathVariable UUID agreementId, @PathVariable UUID id, @Valid @RequestBody SignatureRequest r) {
        return view(amendments.sign(agreementId, id, r.version(), r.textSm3(), r.signature(), Actors.required()));
    }

    @PostMapping("/{id}/cancellation")
    @PreAuthorize("hasAuthority('AGREEMENT_DRAFT')")
    @Operation(summary = "Cancel an amendment not yet adopted (the agreement stays as it is)")
    AmendmentView cancel(@PathVariable UUID agreementId, @PathVariable UUID id, @Valid @RequestBody Reason r) {
        return view(amendments.cancel(agreementId, id, r.reason(), Actors.required()));
    }

    private AmendmentView view(AgreementAmendments.Amendment m) {
        return new AmendmentView(m.id(), m.agreementId(), m.version(), m.state(), m.reason(), m.title(), m.scenarios(),
                m.zoneIds(), m.zoneCodes(), m.validFrom(), m.validUntil(), amendments.clauses(m.id()).stream()
                        .map(c -> new ClauseView(c.key(), c.position(), c.title(), c.body())).toList(),
                m.createdBy(), m.createdAt(), m.updatedAt());
    }
}
