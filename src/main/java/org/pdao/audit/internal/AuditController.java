package org.pdao.audit.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditCheckpoint;
import org.pdao.audit.AuditEntry;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditJsonLines;
import org.pdao.audit.AuditOutcome;
import org.pdao.audit.AuditTrail;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.crypto.Sm2;
import org.springframework.format.annotation.DateTimeFormat;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "审计日志：查询、校验、导出 / audit log: read, verify, export")
class AuditController {

    record PublicKey(String algorithm, String userId, String hex, String pem) {}

    private final AuditLog log;
    private final ChainVerification verification;
    private final AuditTrail trail;
    private final PlatformSigningKey key;

    AuditController(AuditLog log, ChainVerification verification, AuditTrail trail, PlatformSigningKey key) {
        this.log = log;
        this.verification = verification;
        this.trail = trail;
        this.key = key;
    }

    @GetMapping("/entries")
    @PreAuthorize("hasAuthority('AUDIT_READ')")
    @Operation(summary = "Page through entries, filtered by time, actor, action prefix, target, outcome, rule")
    Page<AuditEntry> entries(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String targetType,
            @RequestParam(required = false) @Nullable String targetId,
            @RequestParam(required = false) @Nullable AuditOutcome outcome,
            @RequestParam(required = false) @Nullable String ruleId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        int p = Page.checkedPage(page);
        int s = Page.checkedSize(size);
        if (from != null && to != null && to.isBefore(from)) {
            throw ProblemException.badRequest("audit.time-range");
        }
        AuditLog.Filter f = new AuditLog.Filter(from, to, actor, action, targetType, targetId, outcome, ruleId);
        return new Page<>(log.page(f, (long) p * s, s), p, s, log.count(f));
    }

    @PostMapping("/verifications")
    @PreAuthorize("hasAuthority('AUDIT_VERIFY')")
    @Operation(summary = "Verify the whole chain against its hashes and the latest signed checkpoint")
    ChainVerification.Report verify() {
        ChainVerification.Report r = verification.verify();
        AuditEvent event = AuditEvent.of("audit.verify", "audit-chain", null)
                .with("valid", r.valid()).with("entriesChecked", r.entriesChecked());
        if (!r.valid()) {
            event = event.failed("chain verification found a problem").with("firstBadSequence", r.firstBadSequence())
                    .with("problem", r.problem());
        }
        trail.record(event);
        return r;
    }

    @GetMapping("/public-key")
    @PreAuthorize("hasAuthority('AUDIT_READ')")
    @Operation(summary = "The platform's SM2 public key that signs the checkpoints")
    PublicKey publicKey() {
        byte[] pub = key.publicKey();
        return new PublicKey("SM2/SM3", new String(Sm2.DEFAULT_USER_ID, StandardCharsets.US_ASCII), Sm2.toHex(pub),
                Sm2.toPem(pub));
    }

    @GetMapping(value = "/export", produces = "application/x-ndjson")
    @PreAuthorize("hasAuthority('AUDIT_VERIFY')")
    @Operation(summary = "Stream entries and signed checkpoints as JSON Lines for offline verification (TZ-23)")
    void export(@RequestParam(defaultValue = "1") long fromSequence,
            @RequestParam(required = false) @Nullable Long toSequence, HttpServletResponse response)
            throws java.io.IOException {
        long to = toSequence == null ? Long.MAX_VALUE : toSequence;
        if (fromSequence < 1 || to < fromSequence) {
            throw ProblemException.badRequest("audit.sequence-range");
        }
        String previous = fromSequence == 1 ? AuditEntry.GENESIS : log.hashOf(fromSequence - 1);
        if (previous == null) {
            throw ProblemException.badRequest("audit.sequence-range");
        }
        trail.record(AuditEvent.of("audit.export", "audit-chain", null).with("fromSequence", fromSequence)
                .with("toSequence", toSequence));
        List<AuditCheckpoint> checkpoints = new ArrayList<>(verification.checkpoints());
        byte[] pub = key.publicKey();
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-export.jsonl\"");
        {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
            w.write(AuditJsonLines.header(Sm2.toHex(pub), Sm2.toPem(pub), fromSequence,
                    toSequence == null ? -1 : toSequence, previous));
            w.write('\n');
            Map<Long, AuditCheckpoint> bySeq = new java.util.HashMap<>();
            checkpoints.forEach(c -> bySeq.put(c.sequence(), c));
            try {
                verification.streamEntries(fromSequence, to, e -> {
                    try {
                        w.write(AuditJsonLines.entry(e));
                        w.write('\n');
                        AuditCheckpoint c = bySeq.get(e.sequence());
                        if (c != null) {
                            w.write(AuditJsonLines.checkpoint(c));
                            w.write('\n');
                        }
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
            } catch (java.io.UncheckedIOException ex) {
                throw ex.getCause();
            }
            w.flush();
        }
    }
}
