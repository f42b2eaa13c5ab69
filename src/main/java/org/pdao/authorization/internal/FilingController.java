package org.pdao.authorization.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/filings")
@Tag(name = "filings", description = "备案：实施方案、授权运营协议、入驻审核、数据需求审核的逐级备案与回执 / filing records")
class FilingController {

    record Submission(@Nullable UUID filedWithOrganizationId, @Nullable @Size(max = 4000) String note,
            @Nullable @Size(max = 1000) String lateReason) {}

    record Aggregate(@NotEmpty @Size(max = 200) List<UUID> filingIds, @Nullable @Size(max = 4000) String note,
            @Nullable @Size(max = 1000) String lateReason) {}

    record Receipt(@Nullable @Size(max = 100) String receiptNumber) {}

    record Reason(@NotBlank @Size(max = 4000) String reason) {}

    record FilingView(UUID id, String profileId, String subjectType, UUID subjectId, String subjectTitle, String chain,
            String rule, String article, UUID filedByOrganizationId, @Nullable UUID filedWithOrganizationId,
            @Nullable LocalDate dueOn, boolean overdue, FilingState state, @Nullable UUID previousStepId,
            @Nullable UUID aggregateId, @Nullable LocalDate filedOn, @Nullable String filedBy,
            @Nullable String lateReason, @Nullable String note, @Nullable String receiptNumber,
            @Nullable String receivedBy, @Nullable LocalDate receivedOn, @Nullable String returnReason,
            List<UUID> members, Instant createdAt, Instant updatedAt) {}

    record HistoryView(@Nullable String from, String to, String actor, @Nullable String reason, @Nullable String rule,
            Instant at) {}

    private final Filings filings;

    FilingController(Filings filings) {
        this.filings = filings;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('FILING_READ')")
    @Operation(summary = "Filing records the organization files or receives (authorities and supervisors: all), filtered and paged")
    Page<FilingView> list(@RequestParam(required = false) @Nullable FilingState state,
            @RequestParam(required = false) @Nullable String subjectType,
            @RequestParam(required = false) @Nullable UUID subjectId,
            @RequestParam(required = false) @Nullable UUID filedWith,
            @RequestParam(required = false) @Nullable UUID filedBy,
            @RequestParam(defaultValue = "false") boolean overdue,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page<Filing> found = filings.list(new Filings.Filter(state, subjectType, subjectId, filedWith, filedBy, overdue),
                page, size, Actors.required());
        return new Page<>(found.items().stream().map(this::view).toList(), found.page(), found.size(), found.total());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('FILING_READ')")
    @Operation(summary = "One filing record with its deadline, filer, recipient and receipt")
    FilingView get(@PathVariable UUID id) {
        return view(filings.require(id, Actors.required()));
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAuthority('FILING_READ')")
    @Operation(summary = "The filing's transitions with who, when, why and the rule")
    List<HistoryView> history(@PathVariable UUID id) {
        filings.require(id, Actors.required());
        return filings.history(id).stream().map(e -> new HistoryView(e.from(), e.to(), e.actor(), e.reason(),
                e.ruleId(), e.at())).toList();
    }

    @PostMapping("/{id}/submission")
    @PreAuthorize("hasAuthority('FILING_SUBMIT')")
    @Operation(summary = "File it with the authority (after the deadline only with a lateReason)")
    FilingView file(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Submission r) {
        return view(filings.file(id, r == null ? null : r.filedWithOrganizationId(), r == null ? null : r.note(),
                r == null ? null : r.lateReason(), Actors.required()));
    }

    @PostMapping("/aggregates")
    @PreAuthorize("hasAuthority('FILING_SUBMIT')")
    @Operation(summary = "A city authority files several steps with the province as one aggregate (汇总后统一报送)")
    FilingView aggregate(@Valid @RequestBody Aggregate r) {
        return view(filings.fileAggregate(r.filingIds(), r.note(), r.lateReason(), Actors.required()));
    }

    @PostMapping("/{id}/receipt")
    @PreAuthorize("hasAuthority('FILING_RECEIVE')")
    @Operation(summary = "The receiving authority acknowledges the filing (the next step up the chain opens)")
    FilingView receive(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Receipt r) {
        return view(filings.receive(id, r == null ? null : r.receiptNumber(), Actors.required()));
    }

    @PostMapping("/{id}/return")
    @PreAuthorize("hasAuthority('FILING_RECEIVE')")
    @Operation(summary = "The receiving authority returns the filing for correction, with reasons")
    FilingView returnForCorrection(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return view(filings.returnForCorrection(id, r.reason(), Actors.required()));
    }

    private FilingView view(Filing f) {
        var rule = filings.rule(f);
        List<UUID> members = f.subjectType().equals(Filing.BATCH)
                ? filings.members(f.id()).stream().map(Filing::id).toList() : List.of();
        return new FilingView(f.id(), f.profileId(), f.subjectType(), f.subjectId(), f.subjectTitle(), f.chain(),
                rule.id(), rule.articleZh(), f.filedById(), f.filedWithId(), f.dueOn(), f.overdueOn(filings.today()),
                f.state(), f.previousStepId(), f.batchId(), f.filedOn(), f.filedBy(), f.lateReason(), f.note(),
                f.receiptNumber(), f.receivedBy(), f.receivedOn(), f.returnReason(), members, f.createdAt(),
                f.updatedAt());
    }
}
