package org.pdao.authorization.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.authorization.AgreementTier;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.ListItem;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/agreements")
@Tag(name = "agreements", description = "授权运营协议：起草、条款、SM2 签署、变更、暂停、撤销、终止、到期 / authorization agreements")
class AgreementController {

    record ClauseRequest(@NotBlank @Size(max = 60) String key, @NotBlank @Size(max = 200) String title,
            @NotNull @Size(max = 8000) String body) {}

    record ClauseBody(@NotBlank @Size(max = 200) String title, @NotNull @Size(max = 8000) String body) {}

    record DraftRequest(@NotNull AgreementTier tier, @Nullable @Size(max = 40) String model,
            @NotNull UUID partyOrganizationId, @NotBlank @Size(max = 200) String title,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 200) String> scenarios,
            @Nullable @Size(max = 20) List<UUID> zoneIds, @Nullable @Size(max = 20) List<@NotBlank @Size(max = 40) String> zoneCodes,
            @NotNull LocalDate validFrom, @NotNull LocalDate validUntil, @Nullable @Size(max = 60) List<@Valid ClauseRequest> clauses,
            @Nullable UUID announcementId) {}

    record AmendmentRequest(@NotBlank @Size(max = 1000) String reason, @Nullable @Size(max = 200) String title,
            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 200) String> scenarios,
            @Nullable @Size(max = 20) List<UUID> zoneIds, @Nullable @Size(max = 20) List<@NotBlank @Size(max = 40) String> zoneCodes,
            @Nullable LocalDate validFrom, @Nullable LocalDate validUntil) {}

    record SignatureRequest(@Positive int version, @NotBlank @Size(max = 64) String textSm3,
            @NotBlank @Size(max = 400) String signature) {}

    record Reason(@NotBlank @Size(max = 1000) String reason) {}

    record EndRequest(@Nullable @Size(max = 40) String cause, @NotBlank @Size(max = 1000) String reason) {}

    record TerminationRequest(@NotBlank @Size(max = 40) String cause, @NotBlank @Size(max = 1000) String reason) {}

    record ClauseView(String key, int position, String title, String body, boolean required) {}

    record SignatureView(UUID organizationId, int version, String textSm3, String signatureHex, String keyFingerprint,
            String signedBy, Instant signedAt) {}

    record AgreementView(UUID id, String number, String profileId, String model, AgreementTier tier,
            UUID grantorOrganizationId, String grantorName, UUID partyOrganizationId, String partyName, String title,
            List<String> scenarios, List<UUID> zoneIds, List<String> zoneCodes, LocalDate validFrom,
            LocalDate validUntil, AgreementState state, boolean inForce, int version, @Nullable String endCause,
            @Nullable String endRule, List<ClauseView> clauses, List<String> missingClauses,
            List<SignatureView> signatures, @Nullable LocalDate reapplyBy, @Nullable String renewalRule,
            String createdBy, Instant createdAt, Instant updatedAt) {}

    record ClauseTemplate(String key, String titleZh, String titleEn, String rule, String articleZh,
            String articleEn) {}

    record TransitionView(@Nullable String from, String to, String actor, @Nullable String reason,
            @Nullable String rule, Instant at) {}

    record VersionView(int version, String textSm3, String text, @Nullable String reason, String recordedBy,
            Instant recordedAt) {}

    private final AgreementLifecycle lifecycle;
    private final JurisdictionProfiles profiles;
    private final RenewalReminders renewals;
    private final AgreementPdf pdf;
    private final org.pdao.audit.AuditTrail audit;

    AgreementController(AgreementLifecycle lifecycle, JurisdictionProfiles profiles, RenewalReminders renewals,
            AgreementPdf pdf, org.pdao.audit.AuditTrail audit) {
        this.pdf = pdf;
        this.audit = audit;
        this.renewals = renewals;
        this.lifecycle = lifecycle;
        this.profiles = profiles;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('AGREEMENT_DRAFT')")
    @Operation(summary = "Draft an agreement as the grantor (term checked against the profile's cap)")
    AgreementView draft(@Valid @RequestBody DraftRequest r) {
        List<AgreementLifecycle.ClauseText> clauses = r.clauses() == null ? List.of() : r.clauses().stream()
                .map(c -> new AgreementLifecycle.ClauseText(c.key(), c.title(), c.body())).toList();
        Agreement a = lifecycle.draft(new AgreementLifecycle.Draft(r.tier(), r.model(), r.partyOrganizationId(),
                r.title(), r.scenarios(), r.zoneIds() == null ? List.of() : r.zoneIds(),
                r.zoneCodes() == null ? List.of() : r.zoneCodes(), r.validFrom(), r.validUntil(), clauses,
                r.announcementId()),
                Actors.required());
        return view(a);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "List agreements the organization is a party to (authorities and supervisors: all), paged")
    Page<AgreementView> list(@RequestParam(required = false) @Nullable UUID organizationId,
            @RequestParam(required = false) @Nullable AgreementState state,
            @RequestParam(required = false) @Nullable AgreementTier tier,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Page<Agreement> found = lifecycle.list(organizationId, state, tier, page, size, Actors.required());
        return new Page<>(found.items().stream().map(this::view).toList(), found.page(), found.size(), found.total());
    }

    @GetMapping("/clause-templates")
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "The clauses the active profile requires in every agreement")
    List<ClauseTemplate> templates() {
        JurisdictionProfile profile = profiles.active();
        if (!profile.has("agreement.clauses.required")) {
            return List.of();
        }
        var required = profile.items("agreement.clauses.required");
        return required.value().stream().map(i -> new ClauseTemplate(i.key(), i.zh(), i.en(), required.rule().id(),
                required.rule().articleZh(), required.rule().articleEn())).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "One agreement with its clauses and signatures")
    AgreementView get(@PathVariable UUID id) {
        return view(lifecycle.require(id, Actors.required()));
    }

    @PutMapping("/{id}/clauses/{key}")
    @PreAuthorize("hasAuthority('AGREEMENT_DRAFT')")
    @Operation(summary = "Add or replace a clause of a draft (grantor)")
    AgreementView putClause(@PathVariable UUID id, @PathVariable String key, @Valid @RequestBody ClauseBody body) {
        lifecycle.putClause(id, new AgreementLifecycle.ClauseText(key, body.title(), body.body()), Actors.required());
        return get(id);
    }

    @DeleteMapping("/{id}/clauses/{key}")
    @PreAuthorize("hasAuthority('AGREEMENT_DRAFT')")
    @Operation(summary = "Remove a clause of a draft (grantor)")
    AgreementView removeClause(@PathVariable UUID id, @PathVariable String key) {
        lifecycle.removeClause(id, key, Actors.required());
        return get(id);
    }

    @PostMapping("/{id}/amendments")
    @PreAuthorize("hasAuthority('AGREEMENT_DRAFT')")
    @Operation(summary = "Amend the terms; after a first signature this starts a new version to be signed again")
    AgreementView amend(@PathVariable UUID id, @Valid @RequestBody AmendmentRequest r) {
        return view(lifecycle.amend(id, new AgreementLifecycle.Terms(r.title(), r.scenarios(), r.zoneIds(),
                r.zoneCodes(), r.validFrom(), r.validUntil()), r.reason(), Actors.required()));
    }

    @PostMapping("/{id}/cancellation")
    @PreAuthorize("hasAuthority('AGREEMENT_DRAFT')")
    @Operation(summary = "Cancel an agreement not yet signed by both (grantor)")
    AgreementView cancel(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return view(lifecycle.cancel(id, r.reason(), Actors.required()));
    }

    @GetMapping("/{id}/signing-text")
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "The canonical text of the current version and its SM3 digest (what a party signs)")
    AgreementLifecycle.SigningText signingText(@PathVariable UUID id) {
        return lifecycle.signingText(id, Actors.required());
    }

    @PostMapping("/{id}/signatures")
    @PreAuthorize("hasAuthority('AGREEMENT_SIGN')")
    @Operation(summary = "Sign the current version: SM2 signature (hex or base64 DER) over the SM3 digest bytes")
    AgreementView sign(@PathVariable UUID id, @Valid @RequestBody SignatureRequest r) {
        return view(lifecycle.sign(id, r.version(), r.textSm3(), r.signature(), Actors.required()));
    }

    @GetMapping("/{id}/verification")
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "Verify both parties' SM2 signatures and that the text is unchanged since signing")
    AgreementLifecycle.Verification verify(@PathVariable UUID id) {
        return lifecycle.verify(id, Actors.required());
    }

    @PostMapping("/{id}/suspension")
    @PreAuthorize("hasAuthority('AGREEMENT_ENFORCE')")
    @Operation(summary = "Suspend an effective agreement: the party's access ends at once")
    AgreementView suspend(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return view(lifecycle.suspend(id, r.reason(), Actors.required()));
    }

    @PostMapping("/{id}/resumption")
    @PreAuthorize("hasAuthority('AGREEMENT_ENFORCE')")
    @Operation(summary = "Resume a suspended agreement within its term")
    AgreementView resume(@PathVariable UUID id, @Valid @RequestBody Reason r) {
        return view(lifecycle.resume(id, r.reason(), Actors.required()));
    }

    @PostMapping("/{id}/revocation")
    @PreAuthorize("hasAuthority('AGREEMENT_ENFORCE')")
    @Operation(summary = "Revoke an agreement: every permission of the party resting on it ends at once")
    AgreementView revoke(@PathVariable UUID id, @Valid @RequestBody EndRequest r) {
        return view(lifecycle.revoke(id, r.cause(), r.reason(), Actors.required()));
    }

    @PostMapping("/{id}/termination")
    @PreAuthorize("hasAuthority('AGREEMENT_ENFORCE')")
    @Operation(summary = "Terminate an agreement for one of the profile's exit causes (TZ-27, JL-exit)")
    AgreementView terminate(@PathVariable UUID id, @Valid @RequestBody TerminationRequest r) {
        return view(lifecycle.terminate(id, r.cause(), r.reason(), Actors.required()));
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "The agreement's state transitions with who, when, why and the rule, paged")
    Page<TransitionView> history(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        lifecycle.require(id, Actors.required());
        List<TransitionView> all = lifecycle.transitions(id).stream().map(t -> new TransitionView(t.from(), t.to(),
                t.actor(), t.reason(), t.ruleId(), t.at())).toList();
        return slice(all, page, size);
    }

    @GetMapping("/{id}/versions")
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "The signed or superseded texts of the agreement, paged")
    Page<VersionView> versions(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        lifecycle.require(id, Actors.required());
        List<VersionView> all = lifecycle.versions(id).stream().map(v -> new VersionView(v.version(), v.textSm3(),
                v.canonical(), v.reason(), v.recordedBy(), v.recordedAt())).toList();
        return slice(all, page, size);
    }

    @GetMapping(path = "/{id}/pdf", produces = org.springframework.http.MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAuthority('AGREEMENT_READ')")
    @Operation(summary = "The agreement as a PDF in Chinese with the CJK font embedded (current version, or ?version=N as it was kept)")
    org.springframework.http.ResponseEntity<byte[]> pdf(@PathVariable UUID id,
            @RequestParam(required = false) @Nullable Integer version) {
        var actor = org.pdao.shared.Actors.required();
        Agreement a = lifecycle.require(id, actor);
        List<AgreementPdf.Block> blocks = version == null || version == a.version() ? blocks(a)
                : keptVersion(a, version);
        byte[] body = pdf.render(a.number() + " " + a.title(), blocks);
        audit.record(org.pdao.audit.AuditEvent.of("authorization.agreement-pdf", "agreement", id).by(actor)
                .with("version", version == null ? a.version() : version).with("bytes", body.length));
        return org.springframework.http.ResponseEntity.ok()
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition
                        .attachment().filename(a.number() + (version == null ? "" : "-v" + version) + ".pdf")
                        .build().toString())
                .contentType(org.springframework.http.MediaType.APPLICATION_PDF).body(body);
    }

    private List<AgreementPdf.Block> keptVersion(Agreement a, int version) {
        Agreements.Version v = lifecycle.versions(a.id()).stream().filter(x -> x.version() == version).findFirst()
                .orElseThrow(() -> org.pdao.shared.ProblemException.notFound("agreement-version", version));
        List<AgreementPdf.Block> blocks = new java.util.ArrayList<>();
        blocks.add(new AgreementPdf.Block("公共数据授权运营协议（第 " + version + " 版，留存文本）", 16, true));
        for (String line : v.canonical().split("\n")) {
            blocks.add(new AgreementPdf.Block(line, 10.5f, line.startsWith("[")));
        }
        blocks.add(new AgreementPdf.Block("本版本文本 SM3 摘要：" + v.textSm3(), 8, false));
        return blocks;
    }

    private List<AgreementPdf.Block> blocks(Agreement a) {
        JurisdictionProfile profile = profiles.require(a.profileId());
        String model = profile.items("authorization.models").value().stream().filter(i -> i.key().equals(a.model()))
                .map(ListItem::zh).findFirst().orElse(a.model());
        List<AgreementPdf.Block> b = new java.util.ArrayList<>();
        b.add(new AgreementPdf.Block("公共数据授权运营协议", 18, true));
        b.add(new AgreementPdf.Block(a.title(), 13, true));
        b.add(new AgreementPdf.Block("协议编号：" + a.number() + "　　版本：第 " + a.version() + " 版", 10.5f, false));
        b.add(new AgreementPdf.Block("授权方（甲方）：" + a.grantorName(), 10.5f, false));
        b.add(new AgreementPdf.Block("被授权方（乙方）：" + a.partyName(), 10.5f, false));
        b.add(new AgreementPdf.Block("授权模式：" + model + "　　层级：" + (a.tier() == AgreementTier.OPERATOR
                ? "授权运营机构" : "一级运营主体授权二级开发主体"), 10.5f, false));
        b.add(new AgreementPdf.Block("应用场景：" + String.join("；", a.scenarios()), 10.5f, false));
        if (!a.zoneCodes().isEmpty() || !a.zoneIds().isEmpty()) {
            b.add(new AgreementPdf.Block("专区：" + String.join("；", a.zoneCodes()), 10.5f, false));
        }
        b.add(new AgreementPdf.Block("期限：自 " + a.validFrom() + " 起至 " + a.validUntil() + " 止（起止日均计入）", 10.5f,
                false));
        b.add(new AgreementPdf.Block("协议条款", 14, true));
        int n = 1;
        for (Clause c : lifecycle.clauses(a.id())) {
            b.add(new AgreementPdf.Block("第" + chineseNumber(n++) + "条　" + c.title(), 11.5f, true));
            b.add(new AgreementPdf.Block(c.body(), 10.5f, false));
        }
        b.add(new AgreementPdf.Block("签署", 14, true));
        List<Signature> signatures = lifecycle.signatures(a.id()).stream().filter(s -> s.version() == a.version())
                .toList();
        if (signatures.isEmpty()) {
            b.add(new AgreementPdf.Block("尚未签署。", 10.5f, false));
        }
        for (Signature s : signatures) {
            String who = s.organizationId().equals(a.grantorId()) ? "甲方 " + a.grantorName() : "乙方 " + a.partyName();
            b.add(new AgreementPdf.Block(who + "：已于 " + s.signedAt().atZone(AgreementLifecycle.ZONE).toLocalDateTime()
                    .withNano(0) + " 以 SM2 签署（签署人 " + s.signedBy() + "，公钥指纹 "
                    + SigningKeys.fingerprint(s.publicKeyHex()) + "）", 10.5f, false));
        }
        String sm3 = AgreementText.sm3(AgreementText.canonical(a, lifecycle.clauses(a.id())));
        b.add(new AgreementPdf.Block("签署文本 SM3 摘要：" + sm3, 8, false));
        if (profile.has("agreement.clauses.required")) {
            b.add(new AgreementPdf.Block("必备条款依据：" + profile.items("agreement.clauses.required").rule().articleZh(),
                    8, false));
        }
        b.add(new AgreementPdf.Block("状态：" + a.state().name() + "　生成日期：" + lifecycle.today(), 8, false));
        return b;
    }

    private static String chineseNumber(int n) {
        String[] digits = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        if (n < 10) {
            return digits[n];
        }
        if (n < 20) {
            return "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        }
        if (n < 100) {
            return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        }
        return String.valueOf(n);
    }

    static <T> Page<T> slice(List<T> all, int page, int size) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        int from = (int) Math.min((long) page * size, all.size());
        return new Page<>(all.subList(from, Math.min(from + size, all.size())), page, size, all.size());
    }

    private AgreementView view(Agreement a) {
        JurisdictionProfile profile = profiles.require(a.profileId());
        List<String> required = profile.has("agreement.clauses.required")
                ? profile.items("agreement.clauses.required").value().stream().map(ListItem::key).toList()
                : List.of();
        List<Clause> clauses = lifecycle.clauses(a.id());
        java.util.Optional<RenewalReminders.Renewal> renewal;
        try {
            renewal = renewals.renewal(a);
        } catch (org.pdao.shared.ProblemException calendarNotCovered) {
            renewal = java.util.Optional.empty();
        }
        List<String> missing = required.stream().filter(k -> clauses.stream()
                .noneMatch(c -> c.key().equals(k) && !c.body().isBlank())).toList();
        return new AgreementView(a.id(), a.number(), a.profileId(), a.model(), a.tier(), a.grantorId(),
                a.grantorName(), a.partyId(), a.partyName(), a.title(), a.scenarios(), a.zoneIds(), a.zoneCodes(),
                a.validFrom(), a.validUntil(), a.state(), a.inForceOn(lifecycle.today()), a.version(), a.endCause(),
                a.endRule(),
                clauses.stream().map(c -> new ClauseView(c.key(), c.position(), c.title(), c.body(),
                        required.contains(c.key()))).toList(),
                missing,
                lifecycle.signatures(a.id()).stream().map(s -> new SignatureView(s.organizationId(), s.version(),
                        s.textSm3(), s.signatureHex(), SigningKeys.fingerprint(s.publicKeyHex()), s.signedBy(),
                        s.signedAt())).toList(),
                renewal.map(RenewalReminders.Renewal::reapplyBy).orElse(null),
                renewal.map(RenewalReminders.Renewal::ruleId).orElse(null),
                a.createdBy(), a.createdAt(), a.updatedAt());
    }
}
