package org.pdao.catalog.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

/** Data supply: demands (TZM-11), sharing requests and arbitration (TZM-15), unmet catalog needs (TZ-13). */
@RestController
@RequestMapping("/api/v1/catalog")
@Tag(name = "data supply", description = "数据需求、共享申请、仲裁、开发目录未满足需求 / demands, sharing, arbitration, unmet needs")
class SupplyController {

    record DemandRequest(@NotNull UUID sourceUnitId, @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 4000) String description, @NotBlank @Size(max = 1000) String purpose) {}

    record Answer(@NotBlank @Size(max = 1000) String answer) {}

    record Refusal(@NotBlank @Size(max = 1000) String reason, @Nullable @Size(max = 1000) String legalBasis) {}

    record Delivery(@Nullable UUID resourceId, @Nullable @Size(max = 1000) String note) {}

    record Note(@Nullable @Size(max = 1000) String note) {}

    record SharingBody(@NotNull UUID resourceId, @NotBlank @Size(max = 1000) String purpose,
            @NotBlank @Size(max = 1000) String legalDuty) {}

    record RulingBody(@NotNull ArbitrationItem.Ruling ruling, @NotBlank @Size(max = 1000) String reason,
            @Nullable @Size(max = 1000) String legalBasis) {}

    record NeedBody(@Nullable UUID operatorId, @NotBlank @Size(max = 1000) String scenario,
            @NotBlank @Size(max = 2000) String dataWanted, @Nullable UUID entryId) {}

    record Response(@NotBlank @Size(max = 2000) String response) {}

    /** An arbitration item with what it concerns. */
    record ArbitrationView(ArbitrationItem item, @Nullable DataDemand demand, @Nullable SharingRequest sharingRequest) {}

    private final DemandDesk demands;
    private final SharingDesk sharing;
    private final ArbitrationDesk arbitration;
    private final NeedDesk needs;

    SupplyController(DemandDesk demands, SharingDesk sharing, ArbitrationDesk arbitration, NeedDesk needs) {
        this.demands = demands;
        this.sharing = sharing;
        this.arbitration = arbitration;
        this.needs = needs;
    }

    // data demands (TZM-11)

    @PostMapping("/demands")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('DEMAND_SUBMIT')")
    @Operation(summary = "Demand data not yet collected from a source unit; answer due in the profile's working days")
    DataDemand submitDemand(@Valid @RequestBody DemandRequest r) {
        return demands.submit(Actors.required(),
                new DemandDesk.Submission(r.sourceUnitId(), r.title(), r.description(), r.purpose()));
    }

    @GetMapping("/demands")
    @PreAuthorize("hasAuthority('SUPPLY_READ')")
    @Operation(summary = "Demands the organization made or received (the authority: all)")
    Page<DataDemand> demands(@RequestParam(required = false) @Nullable DemandState state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return demands.page(Actors.required(), state, page, size);
    }

    @GetMapping("/demands/{id}")
    @PreAuthorize("hasAuthority('SUPPLY_READ')")
    DataDemand demand(@PathVariable UUID id) {
        return demands.show(Actors.required(), id);
    }

    @PostMapping("/demands/{id}/agreement")
    @PreAuthorize("hasAuthority('DEMAND_ANSWER')")
    @Operation(summary = "The addressed source unit agrees; delivery due in the profile's working days")
    DataDemand agree(@PathVariable UUID id, @Valid @RequestBody Answer a) {
        return demands.agree(Actors.required(), id, a.answer());
    }

    @PostMapping("/demands/{id}/refusal")
    @PreAuthorize("hasAuthority('DEMAND_ANSWER')")
    @Operation(summary = "The addressed source unit refuses, citing the legal basis (TZM-11)")
    DataDemand refuseDemand(@PathVariable UUID id, @Valid @RequestBody Refusal r) {
        return demands.refuse(Actors.required(), id, r.reason(), r.legalBasis());
    }

    @PostMapping("/demands/{id}/delivery")
    @PreAuthorize("hasAuthority('DEMAND_ANSWER')")
    @Operation(summary = "The addressed source unit records the delivery (optionally the catalog resource now holding the data)")
    DataDemand deliver(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Delivery d) {
        return demands.deliver(Actors.required(), id, d == null ? null : d.resourceId(), d == null ? null : d.note());
    }

    @PostMapping("/demands/{id}/withdrawal")
    @PreAuthorize("hasAuthority('DEMAND_SUBMIT')")
    DataDemand withdrawDemand(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Note n) {
        return demands.withdraw(Actors.required(), id, n == null ? null : n.note());
    }

    // sharing requests (TZM-15)

    @PostMapping("/sharing-requests")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('SHARING_REQUEST')")
    @Operation(summary = "Request sharing of a resource for a statutory duty; review due in the profile's working days")
    SharingRequest submitSharing(@Valid @RequestBody SharingBody b) {
        return sharing.submit(Actors.required(), new SharingDesk.Submission(b.resourceId(), b.purpose(), b.legalDuty()));
    }

    @GetMapping("/sharing-requests")
    @PreAuthorize("hasAuthority('SUPPLY_READ')")
    Page<SharingRequest> sharingRequests(@RequestParam(required = false) @Nullable SharingState state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return sharing.page(Actors.required(), state, page, size);
    }

    @GetMapping("/sharing-requests/{id}")
    @PreAuthorize("hasAuthority('SUPPLY_READ')")
    SharingRequest sharingRequest(@PathVariable UUID id) {
        return sharing.show(Actors.required(), id);
    }

    @PostMapping("/sharing-requests/{id}/approval")
    @PreAuthorize("hasAuthority('SHARING_REVIEW')")
    SharingRequest approveSharing(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Note n) {
        return sharing.approve(Actors.required(), id, n == null ? null : n.note());
    }

    @PostMapping("/sharing-requests/{id}/refusal")
    @PreAuthorize("hasAuthority('SHARING_REVIEW')")
    @Operation(summary = "Refuse a sharing request; it goes to the data authority for arbitration (TZM-15)")
    SharingRequest refuseSharing(@PathVariable UUID id, @Valid @RequestBody Refusal r) {
        return sharing.refuse(Actors.required(), id, r.reason(), r.legalBasis());
    }

    @PostMapping("/sharing-requests/{id}/withdrawal")
    @PreAuthorize("hasAuthority('SHARING_REQUEST')")
    SharingRequest withdrawSharing(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Note n) {
        return sharing.withdraw(Actors.required(), id, n == null ? null : n.note());
    }

    // arbitration (TZM-15)

    @GetMapping("/arbitrations")
    @PreAuthorize("hasAuthority('SUPPLY_ARBITRATE')")
    @Operation(summary = "The data authority's arbitration items: refused or late sharing reviews, unanswered demands")
    Page<ArbitrationItem> arbitrations(@RequestParam(required = false) @Nullable ArbitrationState state,
            @RequestParam(required = false) ArbitrationItem.@Nullable Subject subject,
            @RequestParam(required = false) @Nullable UUID subjectId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return arbitration.page(state, subject, subjectId, page, size);
    }

    @GetMapping("/arbitrations/{id}")
    @PreAuthorize("hasAuthority('SUPPLY_ARBITRATE')")
    ArbitrationView arbitrationItem(@PathVariable UUID id) {
        ArbitrationItem item = arbitration.require(id);
        boolean demand = item.subjectType() == ArbitrationItem.Subject.DATA_DEMAND;
        return new ArbitrationView(item, demand ? demands.require(item.subjectId()) : null,
                demand ? null : sharing.require(item.subjectId()));
    }

    @PostMapping("/arbitrations/{id}/ruling")
    @PreAuthorize("hasAuthority('SUPPLY_ARBITRATE')")
    @Operation(summary = "Rule: SUPPLY (share / deliver) or NO_SUPPLY (with legal basis for a demand)")
    ArbitrationItem rule(@PathVariable UUID id, @Valid @RequestBody RulingBody b) {
        return arbitration.rule(Actors.required(), id, b.ruling(), b.reason(), b.legalBasis());
    }

    // unmet development-catalog needs (TZ-13)

    @PostMapping("/unmet-needs")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('NEED_RECORD')")
    @Operation(summary = "Record a scenario's data need the development catalog does not meet (developers name the operator)")
    UnmetNeed recordNeed(@Valid @RequestBody NeedBody b) {
        return needs.record(Actors.required(),
                new NeedDesk.Recording(b.operatorId(), b.scenario(), b.dataWanted(), b.entryId()));
    }

    @GetMapping("/unmet-needs")
    @PreAuthorize("hasAuthority('SUPPLY_READ')")
    Page<UnmetNeed> unmetNeeds(@RequestParam(required = false) @Nullable NeedState state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return needs.page(Actors.required(), state, page, size);
    }

    @PostMapping("/need-submissions")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('NEED_SUBMIT')")
    @Operation(summary = "Gather all recorded needs of the operator into one submission to the data authority")
    UnmetNeeds.Submission submitNeeds(@Valid @RequestBody(required = false) @Nullable Note n) {
        return needs.submit(Actors.required(), n == null ? null : n.note());
    }

    @GetMapping("/need-submissions")
    @PreAuthorize("hasAuthority('SUPPLY_READ')")
    Page<UnmetNeeds.Submission> needSubmissions(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return needs.submissions(Actors.required(), page, size);
    }

    @GetMapping("/need-submissions/{id}")
    @PreAuthorize("hasAuthority('SUPPLY_READ')")
    UnmetNeeds.Submission needSubmission(@PathVariable UUID id) {
        return needs.showSubmission(Actors.required(), id);
    }

    @PostMapping("/need-submissions/{id}/response")
    @PreAuthorize("hasAuthority('NEED_ANSWER')")
    UnmetNeeds.Submission answerNeeds(@PathVariable UUID id, @Valid @RequestBody Response r) {
        return needs.answer(Actors.required(), id, r.response());
    }
}
