package org.pdao.dataspace.internal.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
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

@RestController
@RequestMapping("/api/v1/desensitization-rules")
@Tag(name = "desensitization-rules", description = "脱敏规则（运营机构制定、数据主管部门审核） / desensitization rules (TZ-15)")
class DesensitizationRuleController {

    record RuleRequest(@NotNull UUID zoneId, @NotBlank @Size(max = 63) String dataset,
            @NotBlank @Size(max = 63) String column, @NotNull DesensitizationMethod method,
            @Nullable Map<String, String> params) {}

    record Reason(@Nullable @Size(max = 1000) String reason) {}

    private final DesensitizationRules rules;

    DesensitizationRuleController(DesensitizationRules rules) {
        this.rules = rules;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('DESENSITIZATION_RULE_WRITE')")
    @Operation(summary = "Write a rule for one column of a zone dataset (operator of the zone), as a draft")
    DesensitizationRule write(@Valid @RequestBody RuleRequest r) {
        return rules.write(Actors.required(), new DesensitizationRules.Draft(r.zoneId(), r.dataset(), r.column(),
                r.method(), r.params()));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('DESENSITIZATION_RULE_READ')")
    @Operation(summary = "The rules of a zone, paged, optionally by state")
    Page<DesensitizationRule> list(@RequestParam UUID zoneId, @RequestParam(required = false) @Nullable RuleState state,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return rules.list(Actors.required(), zoneId, state, page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('DESENSITIZATION_RULE_READ')")
    DesensitizationRule show(@PathVariable UUID id) {
        DesensitizationRule rule = rules.require(id);
        rules.list(Actors.required(), rule.zoneId(), null, 0, 1);
        return rule;
    }

    @PostMapping("/{id}/submission")
    @PreAuthorize("hasAuthority('DESENSITIZATION_RULE_WRITE')")
    @Operation(summary = "Submit a draft rule to the authority")
    DesensitizationRule submit(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return rules.transition(Actors.required(), id, RuleState.SUBMITTED, reason(r));
    }

    @PostMapping("/{id}/approval")
    @PreAuthorize("hasAuthority('DESENSITIZATION_RULE_APPROVE')")
    @Operation(summary = "Approve a submitted rule (the zone's supervising authority); it supersedes the column's earlier rule")
    DesensitizationRule approve(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return rules.transition(Actors.required(), id, RuleState.APPROVED, reason(r));
    }

    @PostMapping("/{id}/rejection")
    @PreAuthorize("hasAuthority('DESENSITIZATION_RULE_APPROVE')")
    @Operation(summary = "Reject a submitted rule with reasons")
    DesensitizationRule reject(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return rules.transition(Actors.required(), id, RuleState.REJECTED, reason(r));
    }

    @PostMapping("/{id}/revision")
    @PreAuthorize("hasAuthority('DESENSITIZATION_RULE_WRITE')")
    @Operation(summary = "Take a rejected rule back to draft")
    DesensitizationRule revise(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return rules.transition(Actors.required(), id, RuleState.DRAFT, reason(r));
    }

    @PostMapping("/{id}/retirement")
    @PreAuthorize("hasAuthority('DESENSITIZATION_RULE_WRITE')")
    @Operation(summary = "Retire a draft or approved rule; workspaces prepared afterwards no longer apply it")
    DesensitizationRule retire(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Reason r) {
        return rules.transition(Actors.required(), id, RuleState.RETIRED, reason(r));
    }

    private static @Nullable String reason(@Nullable Reason r) {
        return r == null ? null : r.reason();
    }
}
