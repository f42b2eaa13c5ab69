package org.pdao.dataspace.internal.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.web.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workspaces/{workspaceId}/queries")
@Tag(name = "governed queries", description = "受控查询：解析校验、血缘约束、小单元格抑制、噪声与出域 / governed SQL on a workspace")
class QueryController {

    record QueryBody(@NotNull @Size(max = 20000) String sql) {}

    private final GovernedQueries queries;
    private final ProblemWriter problems;

    QueryController(GovernedQueries queries, ProblemWriter problems) {
        this.queries = queries;
        this.problems = problems;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('WORKSPACE_USE')")
    @Operation(summary = "Run a governed query; the result goes through the output gate (rows only when released)")
    GovernedQueries.QueryView submit(@PathVariable UUID workspaceId, @Valid @RequestBody QueryBody body) {
        return queries.submit(Actors.required(), workspaceId, body.sql());
    }

    @PostMapping("/dry-run")
    @PreAuthorize("hasAuthority('WORKSPACE_USE')")
    @Operation(summary = "Analyse a query without executing it: refusals, lineage and disclosure per output column")
    GovernedQueries.DryRun dryRun(@PathVariable UUID workspaceId, @Valid @RequestBody QueryBody body) {
        return queries.dryRun(Actors.required(), workspaceId, body.sql());
    }

    @GetMapping
    @PreAuthorize("hasAuthority('WORKSPACE_USE')")
    @Operation(summary = "The organization's queries on the workspace, newest first, paged")
    Page<GovernedQueries.QueryView> list(@PathVariable UUID workspaceId, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return queries.list(Actors.required(), workspaceId, page, size);
    }

    @GetMapping("/{queryId}")
    @PreAuthorize("hasAuthority('WORKSPACE_USE')")
    @Operation(summary = "One query: state at the output gate, and its rows when released")
    GovernedQueries.QueryView get(@PathVariable UUID workspaceId, @PathVariable UUID queryId) {
        return queries.get(Actors.required(), workspaceId, queryId);
    }

    /** A refusal names every refused part: column, rule, reason and position (never a value). */
    @ExceptionHandler(QueryRefused.class)
    ProblemDetail refused(QueryRefused e, HttpServletRequest request) {
        ProblemDetail problem = problems.problem(e.status(), e.code(), e.args(), e.rule(), request.getRequestURI());
        problem.setProperty("refusals", queries.render(e.refusals()));
        return problem;
    }
}
