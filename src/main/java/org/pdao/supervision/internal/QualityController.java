package org.pdao.supervision.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.jurisdiction.ListItem;
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
@RequestMapping("/api/v1/supervision/quality")
@Tag(name = "data quality", description = "数据质量问题与整改 / quality issues and rectification (TZ-17, TZM-12, NJ-20)")
class QualityController {

    record Report(@NotNull UUID resourceId, @NotBlank @Size(max = 30) String dimension,
            @NotBlank @Size(max = 2000) String description) {}

    record Note(@Nullable @Size(max = 1000) String note) {}

    record Reason(@NotBlank @Size(max = 1000) String reason) {}

    private final QualityDesk desk;
    private final QualityRules rules;

    QualityController(QualityDesk desk, QualityRules rules) {
        this.desk = desk;
        this.rules = rules;
    }

    @GetMapping("/dimensions")
    @PreAuthorize("hasAuthority('QUALITY_READ')")
    @Operation(summary = "The quality dimensions of the active profile")
    List<ListItem> dimensions() {
        return rules.dimensions();
    }

    @PostMapping("/issues")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('QUALITY_REPORT')")
    @Operation(summary = "Raise a quality issue against a resource: a governance request to the data authority")
    QualityIssue report(@Valid @RequestBody Report r) {
        return desk.report(Actors.required(), r.resourceId(), r.dimension(), r.description());
    }

    @GetMapping("/issues")
    @PreAuthorize("hasAuthority('QUALITY_READ')")
    Page<QualityIssue> list(@RequestParam(required = false) @Nullable UUID sourceUnitId,
            @RequestParam(required = false) @Nullable UUID resourceId,
            @RequestParam(required = false) @Nullable IssueState state,
            @RequestParam(required = false) @Nullable String dimension,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return desk.page(Actors.required(), new QualityIssues.Filter(sourceUnitId, resourceId, state, dimension), page,
                size);
    }

    @GetMapping("/issues/{id}")
    @PreAuthorize("hasAuthority('QUALITY_READ')")
    QualityDesk.IssueView show(@PathVariable UUID id) {
        return desk.show(Actors.required(), id);
    }

    @PostMapping("/issues/{id}/dispatch")
    @PreAuthorize("hasAuthority('QUALITY_DISPATCH')")
    @Operation(summary = "Dispatch a rectification task to the resource's source unit (due per TZM-12)")
    QualityDesk.IssueView dispatch(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Note n) {
        return desk.dispatch(Actors.required(), id, n == null ? null : n.note());
    }

    @PostMapping("/issues/{id}/dismissal")
    @PreAuthorize("hasAuthority('QUALITY_DISPATCH')")
    QualityDesk.IssueView dismiss(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return desk.dismiss(Actors.required(), id, r.reason());
    }

    @PostMapping("/issues/{id}/rectification")
    @PreAuthorize("hasAuthority('QUALITY_RECTIFY')")
    @Operation(summary = "The source unit reports the correction")
    QualityDesk.IssueView rectify(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return desk.rectify(Actors.required(), id, r.reason());
    }

    @PostMapping("/issues/{id}/confirmation")
    @PreAuthorize("hasAuthority('QUALITY_REPORT')")
    @Operation(summary = "The reporter confirms the correction (the authority for automatic issues)")
    QualityDesk.IssueView confirm(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Note n) {
        return desk.confirm(Actors.required(), id, n == null ? null : n.note());
    }

    @PostMapping("/issues/{id}/reopening")
    @PreAuthorize("hasAuthority('QUALITY_REPORT')")
    @Operation(summary = "The reporter reopens: a new rectification task goes to the source unit")
    QualityDesk.IssueView reopen(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return desk.reopen(Actors.required(), id, r.reason());
    }
}
