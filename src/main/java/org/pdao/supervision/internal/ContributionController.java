package org.pdao.supervision.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.Actors;
import org.pdao.shared.ProblemException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/supervision/contributions")
@Tag(name = "contribution", description = "数源单位数据贡献评估 / source units' contribution (TZ-19)")
class ContributionController {

    private final ContributionAssessment assessment;
    private final QualityRules rules;

    ContributionController(ContributionAssessment assessment, QualityRules rules) {
        this.assessment = assessment;
        this.rules = rules;
    }

    @GetMapping("/{sourceUnitId}")
    @PreAuthorize("hasAuthority('CONTRIBUTION_READ')")
    @Operation(summary = "Monthly contribution series (quantity, quality, use); default: the last 12 months")
    ContributionAssessment.Series series(@PathVariable UUID sourceUnitId, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        return load(sourceUnitId, from, to);
    }

    @GetMapping(value = "/{sourceUnitId}/chart.svg", produces = "image/svg+xml")
    @PreAuthorize("hasAuthority('CONTRIBUTION_READ')")
    @Operation(summary = "The same series as an SVG line chart, labelled in the reader's language")
    ResponseEntity<String> chart(@PathVariable UUID sourceUnitId, @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        ContributionAssessment.Series s = load(sourceUnitId, from, to);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
                .body(ContributionChart.svg(s, chinese()));
    }

    private ContributionAssessment.Series load(UUID unit, @Nullable String from, @Nullable String to) {
        YearMonth end = to == null ? YearMonth.from(rules.today()) : month(to);
        YearMonth start = from == null ? end.minusMonths(11) : month(from);
        return assessment.series(Actors.required(), unit, start, end, chinese());
    }

    private static YearMonth month(String s) {
        try {
            return YearMonth.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("supervision.contribution.bad-month");
        }
    }

    private static boolean chinese() {
        return !"en".equals(LocaleContextHolder.getLocale().getLanguage());
    }
}
