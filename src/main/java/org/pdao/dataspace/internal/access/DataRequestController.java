package org.pdao.dataspace.internal.access;

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
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "data-requests", description = "数据申请与授权（场景驱动） / scenario-driven data requests and grants (TZ-14, SY-16)")
class DataRequestController {

    record TableBody(@NotBlank @Size(max = 63) String dataset, @NotEmpty @Size(max = 200) List<@NotBlank String> columns) {}

    record RequestBody_(@NotNull UUID zoneId, @NotNull UUID agreementId, @NotBlank @Size(max = 200) String scenario,
            @NotBlank @Size(max = 2000) String scenarioDescription, @NotBlank @Size(max = 2000) String feasibility,
            @NotBlank @Size(max = 2000) String value, @NotBlank @Size(max = 2000) String purpose,
            @NotNull LocalDate validFrom, @NotNull LocalDate validUntil, boolean rawData, boolean consentRequired,
            @NotEmpty @Size(max = 50) List<@Valid TableBody> tables) {}

    record Reason(@Nullable @Size(max = 1000) String reason) {}

    record ConsentBody(@NotNull DataRequests.ConsentParty party, @Nullable @Size(max = 1000) String note) {}

    private final DataRequests requests;
    private final Grants grants;

    DataRequestController(DataRequests requests, Grants grants) {
        this.requests = requests;
        this.grants = grants;
    }

    @PostMapping("/api/v1/data-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('DATA_REQUEST_SUBMIT')")
    @Operation(summary = "Draft a data request for one scenario of the requester's agreement in force")
    DataRequest create(@Valid @RequestBody RequestBody_ r) {
        return requests.create(Actors.required(), new DataRequests.NewRequest(r.zoneId(), r.agreementId(), r.scenario(),
                r.scenarioDescription(), r.feasibility(), r.value(), r.purpose(), r.validFrom(), r.validUntil(),
                r.rawData(), r.consentRequired(),
                r.tables().stream().map(t -> new DataRequests.TableRequest(t.dataset(), t.columns())).toList()));
    }

    @GetMapping("/api/v1/data-requests")
    @PreAuthorize("hasAuthority('DATA_REQUEST_READ')")
    @Operation(summary = "Requests the organization made or decides on, paged")
    Page<DataRequest> list(@RequestParam(required = false) @Nullable RequestState state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return requests.list(Actors.required(), state, page, size);
    }

    @GetMapping("/api/v1/data-requests/{id}")
    @PreAuthorize("hasAuthority('DATA_REQUEST_READ')")
    DataRequest show(@PathVariable UUID id) {
        return requests.show(Actors.required(), id);
    }

    @PostMapping("/api/v1/data-requests/{id}/submission")
    @PreAuthorize("hasAuthority('DATA_REQUEST_SUBMIT')")
    @Operation(summary = "Submit a draft request (requester)")
    DataRequest submit(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return requests.transition(Actors.required(), id, RequestState.SUBMITTED, reason(r));
    }

    @PostMapping("/api/v1/data-requests/{id}/withdrawal")
    @PreAuthorize("hasAuthority('DATA_REQUEST_SUBMIT')")
    DataRequest withdraw(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return requests.transition(Actors.required(), id, RequestState.WITHDRAWN, reason(r));
    }

    @PostMapping("/api/v1/data-requests/{id}/operator-approval")
    @PreAuthorize("hasAuthority('DATA_REQUEST_REVIEW')")
    @Operation(summary = "Approve a developer's request (operator of the zone); it is then filed with the authority")
    DataRequest approve(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return requests.transition(Actors.required(), id, RequestState.OPERATOR_APPROVED, reason(r));
    }

    @PostMapping("/api/v1/data-requests/{id}/rejection")
    @PreAuthorize("hasAnyAuthority('DATA_REQUEST_REVIEW', 'DATA_REQUEST_FILE')")
    @Operation(summary = "Reject a request with reasons (operator for developers' requests, authority otherwise)")
    DataRequest reject(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return requests.transition(Actors.required(), id, RequestState.REJECTED, reason(r));
    }

    @PostMapping("/api/v1/data-requests/{id}/filing")
    @PreAuthorize("hasAuthority('DATA_REQUEST_FILE')")
    @Operation(summary = "File an approved developer request with the authority (zone supervisor); the grant comes into force")
    DataRequest file(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return requests.transition(Actors.required(), id, RequestState.FILED, reason(r));
    }

    @PostMapping("/api/v1/data-requests/{id}/authority-approval")
    @PreAuthorize("hasAuthority('DATA_REQUEST_FILE')")
    @Operation(summary = "Approve an operator's own request (authority, with the source unit's consent recorded)")
    DataRequest authorityApprove(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return requests.transition(Actors.required(), id, RequestState.AUTHORITY_APPROVED, reason(r));
    }

    @PostMapping("/api/v1/data-requests/{id}/consents")
    @PreAuthorize("hasAuthority('DATA_REQUEST_CONSENT')")
    @Operation(summary = "Record the authority's or the source unit's consent to a request (raw data, operators' requests)")
    DataRequest consent(@PathVariable UUID id, @Valid @RequestBody ConsentBody body) {
        return requests.consent(Actors.required(), id, body.party(), body.note());
    }

    @GetMapping("/api/v1/grants")
    @PreAuthorize("hasAuthority('DATA_REQUEST_READ')")
    @Operation(summary = "Grants of the organization (party, or operator/supervisor of the zone), paged")
    Page<Grant> grants(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return grants.list(Actors.required(), page, size);
    }

    @GetMapping("/api/v1/grants/{id}")
    @PreAuthorize("hasAuthority('DATA_REQUEST_READ')")
    Grant grant(@PathVariable UUID id) {
        Actor actor = Actors.required();
        Grant grant = grants.require(id);
        if (!grants.visibleTo(actor, grant)) {
            throw ProblemException.notFound("grant", id);
        }
        return grant;
    }

    private static @Nullable String reason(@Nullable Reason r) {
        return r == null ? null : r.reason();
    }
}
