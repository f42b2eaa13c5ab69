package org.pdao.dataspace.internal.gate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Output review (出域审核) for reviewers of a zone's operator: held results, their rows, decisions. */
@RestController
@RequestMapping("/api/v1/output-reviews")
@Tag(name = "output-reviews", description = "出域审核：待审结果、审核决定 / output review: held results and decisions")
class OutputReviewController {

    /** Why a result was held, as a code and its message. */
    record Reason(String code, String message) {}

    /** A result at the gate as its reviewer sees it; {@code rows} only in the single view. */
    record ReviewView(UUID resultId, UUID queryId, UUID workspaceId, ResultState state, boolean aggregateOnly,
            int rowCount, int columnCount, List<Reason> holdReasons, List<String> notes, @Nullable String rule,
            Instant submittedAt, @Nullable LocalDate reviewDueOn, @Nullable Instant decidedAt,
            @Nullable String decidedBy, @Nullable String decisionReason, @Nullable String decisionChange,
            @Nullable List<ResultColumn> columns, @Nullable List<List<Object>> rows, @Nullable String sql) {}

    record ChangeBody(@Nullable List<String> dropColumns, @Nullable List<Integer> suppressRows,
            @Nullable Integer roundTo) {}

    record DecisionBody(@Nullable String decision, @Nullable @Size(max = 2000) String reason,
            @Nullable ChangeBody change) {}

    private final GatedResults gate;
    private final org.pdao.dataspace.internal.gate.watermark.IssuedMarks marks;
    private final MessageSource messages;

    OutputReviewController(GatedResults gate, org.pdao.dataspace.internal.gate.watermark.IssuedMarks marks,
            MessageSource messages) {
        this.gate = gate;
        this.marks = marks;
        this.messages = messages;
    }

    @GetMapping("/{resultId}/trail")
    @PreAuthorize("hasAuthority('OUTPUT_REVIEW')")
    @Operation(summary = "A result's history (who, when, why, rule) and every issue of it: who downloaded it, when, how")
    GatedResults.Trail trail(@PathVariable UUID resultId) {
        return gate.trail(Actors.required(), resultId, marks);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('OUTPUT_REVIEW')")
    @Operation(summary = "Results of the reviewer's zones in a state (default PENDING_REVIEW), oldest first, paged")
    Page<ReviewView> list(@RequestParam(defaultValue = "PENDING_REVIEW") String state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        ResultState s = state(state);
        Page<StoredResult> found = gate.reviews(Actors.required(), s, page, size);
        return new Page<>(found.items().stream().map(r -> view(r, null, null)).toList(), found.page(), found.size(),
                found.total());
    }

    @GetMapping("/{resultId}")
    @PreAuthorize("hasAuthority('OUTPUT_REVIEW')")
    @Operation(summary = "A result with its held rows and SQL, to a reviewer of the workspace's operator only")
    ReviewView show(@PathVariable UUID resultId) {
        GatedResults.Held held = gate.held(Actors.required(), resultId);
        return view(held.result(), held.table(), held.sql());
    }

    @PostMapping("/{resultId}/decisions")
    @PreAuthorize("hasAuthority('OUTPUT_REVIEW')")
    @Operation(summary = "Approve, approve with a change (drop columns, suppress rows, round) or reject, with a reason")
    ReviewView decide(@PathVariable UUID resultId, @RequestBody DecisionBody body) {
        GatedResults.Decision decision;
        try {
            decision = GatedResults.Decision.valueOf(body.decision() == null ? "" : body.decision().strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("gate.decision.unknown");
        }
        ReviewChange change = body.change() == null ? null
                : new ReviewChange(body.change().dropColumns(), body.change().suppressRows(), body.change().roundTo());
        StoredResult decided = gate.decide(Actors.required(), resultId, decision, body.reason(), change);
        return view(decided, null, null);
    }

    private static ResultState state(String text) {
        try {
            return ResultState.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("gate.state.unknown", text.length() > 40 ? text.substring(0, 40) : text);
        }
    }

    private ReviewView view(StoredResult r, ResultCodec.@Nullable Table table, @Nullable String sql) {
        List<Reason> reasons = r.holdReasons().stream().map(code -> new Reason(code,
                messages.getMessage(code, null, code, LocaleContextHolder.getLocale()))).toList();
        return new ReviewView(r.id(), r.queryId(), r.workspaceId(), r.state(), r.aggregateOnly(), r.rowCount(),
                r.columnCount(), reasons, r.notes(), r.policyRule(), r.submittedAt(), r.reviewDueOn(), r.decidedAt(),
                r.decidedBy(), r.decisionReason(), r.decisionChange(), table == null ? null : table.columns(),
                table == null ? null : table.rows(), sql);
    }
}
