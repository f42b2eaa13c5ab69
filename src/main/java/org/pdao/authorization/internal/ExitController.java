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
import org.pdao.authorization.RetainedDataDestroyed;
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
@RequestMapping("/api/v1/exits")
@Tag(name = "exits", description = "退出：退出情形、权限关闭、留存数据封存销毁、日志保存、服务交接（TZ-27、JL-exit）/ exits")
class ExitController {

    record ExitRequest(@NotNull UUID agreementId, @NotBlank @Size(max = 60) String cause,
            @NotBlank @Size(max = 4000) String reason) {}

    record HandoverRequest(@NotNull UUID successorOrganizationId, @NotBlank @Size(max = 4000) String services,
            @Nullable @Size(max = 4000) String data) {}

    record Confirmation(@Nullable @Size(max = 2000) String note) {}

    record EndedView(UUID agreementId, String endedAs) {}

    record HandoverView(UUID id, UUID successorOrganizationId, String services, @Nullable String data,
            String recordedBy, Instant recordedAt, boolean confirmed, @Nullable String confirmedBy,
            @Nullable Instant confirmedAt, @Nullable String confirmNote) {}

    record ExitView(UUID id, String profileId, UUID agreementId, UUID partyOrganizationId, UUID grantorOrganizationId,
            String cause, String rule, String reason, ExitState state, String openedBy, LocalDate openedOn,
            LocalDate logsKeptUntil, String logRule, @Nullable Instant destructionOrderedAt,
            @Nullable Instant destructionCertifiedAt, @Nullable LocalDate completedOn, List<EndedView> agreementsEnded,
            List<RetainedDataDestroyed.Certificate> destructionCertificates, List<HandoverView> handovers,
            Instant createdAt, Instant updatedAt) {}

    record HistoryView(@Nullable String from, String to, String actor, @Nullable String reason, @Nullable String rule,
            Instant at) {}

    private final Exits exits;

    ExitController(Exits exits) {
        this.exits = exits;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('EXIT_MANAGE')")
    @Operation(summary = "Open an exit with a cause of the profile: the party's agreements with the grantor end at once and the destruction of its retained data is ordered")
    ExitView open(@Valid @RequestBody ExitRequest r) {
        return view(exits.open(r.agreementId(), r.cause(), r.reason(), Actors.required()));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('EXIT_READ')")
    @Operation(summary = "Exits the organization is involved in (authorities and supervisors: all), paged")
    Page<ExitView> list(@RequestParam(required = false) @Nullable ExitState state,
            @RequestParam(required = false) @Nullable UUID partyOrganizationId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page<Exits.Exit> found = exits.list(state, partyOrganizationId, page, size, Actors.required());
        return new Page<>(found.items().stream().map(this::view).toList(), found.page(), found.size(), found.total());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('EXIT_READ')")
    @Operation(summary = "One exit with the agreements it ended, the destruction certificates and the hand-overs")
    ExitView get(@PathVariable UUID id) {
        return view(exits.require(id, Actors.required()));
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAuthority('EXIT_READ')")
    @Operation(summary = "The exit's transitions with who, when, why and the rule")
    List<HistoryView> history(@PathVariable UUID id) {
        exits.require(id, Actors.required());
        return exits.history(id).stream().map(e -> new HistoryView(e.from(), e.to(), e.actor(), e.reason(), e.ruleId(),
                e.at())).toList();
    }

    @PostMapping("/{id}/destruction-order")
    @PreAuthorize("hasAuthority('EXIT_MANAGE')")
    @Operation(summary = "Order the destruction of the party's retained data again (until it is certified)")
    ExitView reorder(@PathVariable UUID id) {
        return view(exits.reorder(id, Actors.required()));
    }

    @PostMapping("/{id}/handovers")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('EXIT_MANAGE')")
    @Operation(summary = "Record the hand-over of services to a successor (who, what), to be confirmed by the successor")
    HandoverView handover(@PathVariable UUID id, @Valid @RequestBody HandoverRequest r) {
        return view(exits.recordHandover(id, r.successorOrganizationId(), r.services(), r.data(), Actors.required()));
    }

    @PostMapping("/{id}/handovers/{handoverId}/confirmation")
    @PreAuthorize("hasAuthority('HANDOVER_CONFIRM')")
    @Operation(summary = "The successor confirms it took the services over")
    ExitView confirm(@PathVariable UUID id, @PathVariable UUID handoverId,
            @Valid @RequestBody(required = false) @Nullable Confirmation r) {
        return view(exits.confirmHandover(id, handoverId, r == null ? null : r.note(), Actors.required()));
    }

    private static HandoverView view(Exits.Handover h) {
        return new HandoverView(h.id(), h.successorId(), h.services(), h.data(), h.recordedBy(), h.recordedAt(),
                h.confirmedAt() != null, h.confirmedBy(), h.confirmedAt(), h.confirmNote());
    }

    private ExitView view(Exits.Exit e) {
        return new ExitView(e.id(), e.profileId(), e.agreementId(), e.partyId(), e.grantorId(), e.cause(), e.ruleId(),
                e.reason(), e.state(), e.openedBy(), e.openedOn(), e.logsKeptUntil(), e.logRule(),
                e.destructionOrderedAt(), e.destructionCertifiedAt(), e.completedOn(),
                exits.ended(e.id()).stream().map(x -> new EndedView(x.agreementId(), x.endedAs())).toList(),
                exits.certificates(e.id()), exits.handovers(e.id()).stream().map(ExitController::view).toList(),
                e.createdAt(), e.updatedAt());
    }
}
