package org.pdao.supervision.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
@RequestMapping("/api/v1/supervision/alerts")
@Tag(name = "alerts", description = "预警：逾期事项 / alerts on overdue deadlines")
class AlertController {

    record Note(@Nullable @Size(max = 1000) String note) {}

    record Closing(@NotBlank @Size(max = 1000) String note) {}

    private final AlertBoard board;

    AlertController(AlertBoard board) {
        this.board = board;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('ALERT_READ')")
    @Operation(summary = "Alerts the organization is responsible for or supervises (security supervisors: all), filtered")
    Page<Alert> list(@RequestParam(required = false) @Nullable AlertState state,
            @RequestParam(required = false) @Nullable String subjectType,
            @RequestParam(required = false) @Nullable String subjectId,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return board.page(Actors.required(), new Alerts.Filter(state, subjectType, subjectId, rule), page, size);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('ALERT_READ')")
    Alert show(@PathVariable UUID id) {
        return board.show(Actors.required(), id);
    }

    @PostMapping("/{id}/acknowledgement")
    @PreAuthorize("hasAuthority('ALERT_HANDLE')")
    Alert acknowledge(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable Note n) {
        return board.acknowledge(Actors.required(), id, n == null ? null : n.note());
    }

    @PostMapping("/{id}/closure")
    @PreAuthorize("hasAuthority('ALERT_HANDLE')")
    @Operation(summary = "Close an alert (the supervising authority), with a note")
    Alert close(@PathVariable UUID id, @Valid @RequestBody Closing c) {
        return board.close(Actors.required(), id, c.note());
    }
}
