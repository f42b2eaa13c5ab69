package org.pdao.authorization.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.authorization.AgreementEnded;
import org.pdao.authorization.AgreementTier;
import org.pdao.identity.AccessRevocation;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationSummary;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.ListItem;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.pdao.shared.crypto.Sm2;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agreement lifecycle: drafting by the grantor, signing by both parties with SM2 (verified by the
 * platform), amendment, suspension and resumption, revocation, termination and expiry. Every transition
 * goes through {@link #move}, is recorded with who, when, why and the rule, and every transition out of
 * force ends the party's sessions and publishes {@link AgreementEnded} in the same transaction.
 */
@Service
class AgreementLifecycle {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String AGREEMENT_SUBJECT = "agreement";
    private static final Pattern CLAUSE_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,59}");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})+");
    private static final List<String> ACCESS_RULE_KEYS = List.of("access.revoke-on-termination",
            "access.restrict-on-risk", "access.close-on-prohibited-act", "agreement.clauses.required");

    record Draft(AgreementTier tier, @Nullable String model, UUID partyId, String title, List<String> scenarios,
            List<UUID> zoneIds, List<String> zoneCodes, LocalDate validFrom, LocalDate validUntil,
            List<ClauseText> clauses, @Nullable UUID announcementId) {

        Draft(AgreementTier tier, @Nullable String model, UUID partyId, String title, List<String> scenarios,
                List<UUID> zoneIds, List<String> zoneCodes, LocalDate validFrom, LocalDate validUntil,
                List<ClauseText> clauses) {
            this(tier, model, partyId, title, scenarios, zoneIds, zoneCodes, validFrom, validUntil, clauses, null);
        }
    }

    record ClauseText(String key, String title, String body) {}

    record Terms(@Nullable String title, @Nullable List<String> scenarios, @Nullable List<UUID> zoneIds,
            @Nullable List<String> zoneCodes, @Nullable LocalDate validFrom, @Nullable LocalDate validUntil) {}

    record SigningText(UUID agreementId, int version, String text, String sm3) {}

    record SignatureCheck(UUID organizationId, int version, boolean valid, String keyFingerprint, String signedBy,
            Instant signedAt) {}

    record Verification(UUID agreementId, int version, String textSm3, boolean textIntact, boolean grantorSigned,
            boolean partySigned, boolean valid, List<SignatureCheck> signatures) {}

    private final Agreements agreements;
    private final SigningKeys keys;
    private final OrganizationDirectory organizations;
    private final AccessRevocation revocation;
    private final JurisdictionProfiles profiles;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final DeveloperOnboarding onboarding;
    private final OperatorSelection selection;
    private final Filings filings;

    AgreementLifecycle(Filings filings, OperatorSelection selection, Agreements agreements, SigningKeys keys, OrganizationDirectory organizations,
            AccessRevocation revocation, JurisdictionProfiles profiles, AuditTrail audit,
            ApplicationEventPublisher events, Clock clock, DeveloperOnboarding onboarding) {
        this.onboarding = onboarding;
        this.filings = filings;
        this.selection = selection;
        this.agreements = agreements;
        this.keys = keys;
        this.organizations = organizations;
        this.revocation = revocation;
        this.profiles = profiles;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    // drafting

    @Transactional
    Agreement draft(Draft d, Actor actor) {
        JurisdictionProfile profile = profiles.active();
        UUID grantorId = organizationOf(actor);
        if (grantorId.equals(d.partyId())) {
            throw ProblemException.badRequest("authorization.agreement.self");
        }
        OrganizationSummary grantor = organizations.find(grantorId)
                .orElseThrow(() -> ProblemException.notFound("organization", grantorId));
        OrganizationSummary party = organizations.find(d.partyId())
                .orElseThrow(() -> ProblemException.notFound("organization", d.partyId()));
        if (d.announcementId() != null) {
            OperatorSelection.Announcement announcement = selection.announcement(d.announcementId());
            if (!announcement.publisherId().equals(grantorId)) {
                throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.selection.not-publisher", null);
            }
            if (!selection.selectedOperator(d.announcementId()).map(party.id()::equals).orElse(false)) {
                enforce(actor, "authorization.agreement-draft", null, Decision.refused(
                        OperatorSelection.selectionRule(profile), "authorization.agreement.not-selected"));
            }
        }
        String model = d.model() != null ? d.model() : d.announcementId() != null
                ? selection.announcement(d.announcementId()).model() : defaultModel(profile, d.tier());
        checkTermShape(d.validFrom(), d.validUntil());
        List<String> scenarios = cleanScenarios(d.scenarios());
        RuleRef modelsRule = profile.items("authorization.models").rule();
        enforce(actor, "authorization.agreement-draft", null,
                AgreementPolicies.modelAllowed(profile, model, d.tier()),
                AgreementPolicies.partiesFit(modelsRule, d.tier(), grantor, party),
                AgreementPolicies.termWithinCap(profile, d.validFrom(), d.validUntil()),
                AgreementPolicies.notOnCreditList(profile, organizations.standing(party.id()), today()),
                grantorHoldsOperatorAgreement(modelsRule, d.tier(), grantorId),
                developerAdmitted(profile, d.tier(), grantorId, party.id()));
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        String number = profile.id() + "-" + today().getYear() + "-"
                + id.toString().substring(0, 8).toUpperCase(Locale.ROOT);
        Agreement a = new Agreement(id, number, profile.id(), model, d.tier(), grantorId, grantor.name(), party.id(),
                party.name(), d.title().strip(), scenarios, d.zoneIds(), List.copyOf(new LinkedHashSet<>(d.zoneCodes())),
                d.validFrom(), d.validUntil(), AgreementState.DRAFT, 1, null, null, actor.username(), now, now);
        agreements.insert(a);
        int position = 1;
        for (ClauseText c : d.clauses()) {
            agreements.putClause(id, clause(c, position++));
        }
        agreements.recordTransition(new Agreements.Transition(UUID.randomUUID(), id, null, AgreementState.DRAFT.name(),
                actor.username(), null, null, now));
        audit.record(AuditEvent.of("authorization.agreement-draft", "agreement", id).by(actor)
                .with("announcement", d.announcementId()).with("number", number).with("tier", d.tier()).with("party", party.id()).with("model", model)
                .with("validFrom", d.validFrom()).with("validUntil", d.validUntil()));
        return a;
    }

    @Transactional
    List<Clause> putClause(UUID id, ClauseText text, Actor actor) {
        Agreement a = editable(id, actor);
        int position = agreements.clauses(id).stream().filter(c -> c.key().equals(text.key())).map(Clause::position)
                .findFirst().orElseGet(() -> agreements.nextClausePosition(id));
        agreements.putClause(id, clause(text, position));
        touch(a, actor);
        audit.record(AuditEvent.of("authorization.agreement-clause-put", "agreement", id).by(actor)
                .with("clause", text.key()).with("version", a.version()));
        return agreements.clauses(id);
    }

    @Transactional
    List<Clause> removeClause(UUID id, String key, Actor actor) {
        Agreement a = editable(id, actor);
        if (!agreements.removeClause(id, key)) {
            throw ProblemException.notFound("clause", key);
        }
        touch(a, actor);
        audit.record(AuditEvent.of("authorization.agreement-clause-remove", "agreement", id).by(actor)
                .with("clause", key).with("version", a.version()));
        return agreements.clauses(id);
    }

    /**
     * Changes the terms. A draft changes in place; once one party has signed, the amendment starts a new
     * version (the signed text is kept) and both must sign again. An effective agreement is not amended here.
     */
    @Transactional
    Agreement amend(UUID id, Terms terms, String reason, Actor actor) {
        Agreement a = require(id, actor);
        requireGrantor(a, actor);
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (a.state() != AgreementState.DRAFT && a.state() != AgreementState.PARTIALLY_SIGNED) {
            throw ProblemException.conflict("authorization.agreement.not-amendable", a.state().name());
        }
        LocalDate from = terms.validFrom() != null ? terms.validFrom() : a.validFrom();
        LocalDate until = terms.validUntil() != null ? terms.validUntil() : a.validUntil();
        checkTermShape(from, until);
        enforce(actor, "authorization.agreement-amend", id, AgreementPolicies.termWithinCap(profile, from, until));
        Agreement current = a;
        if (a.state() == AgreementState.PARTIALLY_SIGNED) {
            String canonical = AgreementText.canonical(a, agreements.clauses(id));
            agreements.recordVersion(new Agreements.Version(id, a.version(), AgreementText.sm3(canonical), canonical,
                    reason, actor.username(), clock.instant()));
            current = move(a, AgreementState.DRAFT, actor, reason, null, null);
        }
        Agreement changed = current.withTerms(terms.title() != null ? terms.title().strip() : current.title(),
                terms.scenarios() != null ? cleanScenarios(terms.scenarios()) : current.scenarios(),
                terms.zoneIds() != null ? terms.zoneIds() : current.zoneIds(),
                terms.zoneCodes() != null ? List.copyOf(new LinkedHashSet<>(terms.zoneCodes())) : current.zoneCodes(),
                from, until, clock.instant());
        if (!agreements.update(current, changed)) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
        audit.record(AuditEvent.of("authorization.agreement-amend", "agreement", id).by(actor).because(reason)
                .with("version", changed.version()).with("validFrom", from).with("validUntil", until));
        return changed;
    }

    @Transactional
    Agreement cancel(UUID id, String reason, Actor actor) {
        Agreement a = require(id, actor);
        requireGrantor(a, actor);
        return move(a, AgreementState.CANCELLED, actor, reason, null, null);
    }

    // signing

    SigningText signingText(UUID id, Actor actor) {
        Agreement a = require(id, actor);
        String canonical = AgreementText.canonical(a, agreements.clauses(id));
        return new SigningText(id, a.version(), canonical, AgreementText.sm3(canonical));
    }

    /**
     * One party signs the current version: the platform checks the required clauses and the term cap,
     * then verifies the SM2 signature over the SM3 digest of the canonical text against the signer
     * organization's registered key. The second valid signature makes the agreement effective.
     */
    @Transactional
    Agreement sign(UUID id, int version, String textSm3, String signature, Actor actor) {
        Agreement a = require(id, actor);
        UUID signer = organizationOf(actor);
        if (!a.involves(signer)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.agreement.not-a-party", null);
        }
        if (a.state() != AgreementState.DRAFT && a.state() != AgreementState.PARTIALLY_SIGNED) {
            throw ProblemException.conflict("authorization.agreement.transition-refused", a.state().name(),
                    AgreementState.EFFECTIVE.name());
        }
        JurisdictionProfile profile = profiles.require(a.profileId());
        List<Clause> clauses = agreements.clauses(id);
        RuleRef modelsRule = profile.items("authorization.models").rule();
        enforce(actor, "authorization.agreement-sign", id,
                AgreementPolicies.requiredClausesPresent(profile, clauses),
                AgreementPolicies.termWithinCap(profile, a.validFrom(), a.validUntil()),
                AgreementPolicies.notOnCreditList(profile, organizations.standing(a.partyId()), today()),
                grantorHoldsOperatorAgreement(modelsRule, a.tier(), a.grantorId()),
                developerAdmitted(profile, a.tier(), a.grantorId(), a.partyId()));
        if (a.validUntil().isBefore(today())) {
            throw ProblemException.conflict("authorization.agreement.term-passed");
        }
        String canonical = AgreementText.canonical(a, clauses);
        String sm3 = AgreementText.sm3(canonical);
        if (version != a.version() || !sm3.equalsIgnoreCase(textSm3.strip())) {
            throw ProblemException.conflict("authorization.agreement.text-changed", a.version(), sm3);
        }
        boolean already = agreements.signatures(id).stream()
                .anyMatch(s -> s.version() == a.version() && s.organizationId().equals(signer));
        if (already) {
            throw ProblemException.conflict("authorization.agreement.already-signed");
        }
        SigningKeys.SigningKey key = keys.active(signer)
                .orElseThrow(() -> ProblemException.conflict("authorization.signing-key.missing"));
        byte[] signatureBytes = decodeSignature(signature);
        if (!Sm2.verify(HexFormat.of().parseHex(key.publicKeyHex()), HexFormat.of().parseHex(sm3), signatureBytes)) {
            audit.record(AuditEvent.of("authorization.agreement-sign", "agreement", id).by(actor)
                    .refused("signature does not verify", null).with("version", a.version())
                    .with("key", key.fingerprint()));
            throw ProblemException.badRequest("authorization.agreement.signature-invalid");
        }
        Instant now = clock.instant();
        agreements.recordVersion(new Agreements.Version(id, a.version(), sm3, canonical, null, actor.username(), now));
        agreements.insertSignature(new Signature(id, a.version(), signer, sm3, HexFormat.of().formatHex(signatureBytes),
                key.publicKeyHex(), actor.username(), now));
        RuleRef rule = profile.has("agreement.clauses.required") ? profile.items("agreement.clauses.required").rule()
                : modelsRule;
        AgreementState target = a.state() == AgreementState.DRAFT ? AgreementState.PARTIALLY_SIGNED
                : AgreementState.EFFECTIVE;
        Agreement signed = move(a, target, actor, "signed by " + (signer.equals(a.grantorId()) ? "grantor" : "party")
                + " with SM2 key " + key.fingerprint(), rule.id(), null);
        if (target == AgreementState.EFFECTIVE && profile.has("approval.chain.agreement-filing")
                && profile.has("agreement.filing.deadline")) {
            filings.openLevelChain(profile, "agreement-filing", "agreement.filing.deadline", AGREEMENT_SUBJECT, id,
                    a.number() + " " + a.title(), a.grantorId(), today(), actor);
        }
        return signed;
    }

    Verification verify(UUID id, Actor actor) {
        Agreement a = require(id, actor);
        int signedVersion = a.version();
        String canonical = AgreementText.canonical(a, agreements.clauses(id));
        String current = AgreementText.sm3(canonical);
        String stored = agreements.version(id, signedVersion).map(Agreements.Version::textSm3).orElse(current);
        List<SignatureCheck> checks = new ArrayList<>();
        boolean grantor = false;
        boolean party = false;
        for (Signature s : agreements.signatures(id)) {
            boolean ok = s.textSm3().equalsIgnoreCase(stored) && Sm2.verify(HexFormat.of().parseHex(s.publicKeyHex()),
                    HexFormat.of().parseHex(s.textSm3()), HexFormat.of().parseHex(s.signatureHex()));
            checks.add(new SignatureCheck(s.organizationId(), s.version(), ok, SigningKeys.fingerprint(s.publicKeyHex()),
                    s.signedBy(), s.signedAt()));
            if (ok && s.version() == signedVersion) {
                grantor |= s.organizationId().equals(a.grantorId());
                party |= s.organizationId().equals(a.partyId());
            }
        }
        boolean intact = stored.equalsIgnoreCase(current);
        boolean allValid = checks.stream().filter(c -> c.version() == signedVersion).allMatch(SignatureCheck::valid);
        audit.record(AuditEvent.of("authorization.agreement-verify", "agreement", id).by(actor)
                .with("intact", intact).with("grantorSigned", grantor).with("partySigned", party));
        return new Verification(id, signedVersion, stored, intact, grantor, party, intact && allValid && grantor && party,
                checks);
    }

    // enforcement and the end

    @Transactional
    Agreement suspend(UUID id, String reason, Actor actor) {
        Agreement a = require(id, actor);
        requireEnforcer(a, actor);
        return move(a, AgreementState.SUSPENDED, actor, reason, accessRule(a).id(), "suspension");
    }

    @Transactional
    Agreement resume(UUID id, String reason, Actor actor) {
        Agreement a = require(id, actor);
        requireEnforcer(a, actor);
        if (a.state() == AgreementState.SUSPENDED && a.validUntil().isBefore(today())) {
            throw ProblemException.conflict("authorization.agreement.term-passed");
        }
        return move(a, AgreementState.EFFECTIVE, actor, reason, accessRule(a).id(), null);
    }

    @Transactional
    Agreement revoke(UUID id, @Nullable String cause, String reason, Actor actor) {
        Agreement a = require(id, actor);
        requireEnforcer(a, actor);
        RuleRef rule = cause == null ? accessRule(a) : exitCause(a, cause);
        return move(a, AgreementState.REVOKED, actor, reason, rule.id(), "revocation" + (cause == null ? "" : ":" + cause));
    }

    @Transactional
    Agreement terminate(UUID id, String cause, String reason, Actor actor) {
        Agreement a = require(id, actor);
        requireEnforcer(a, actor);
        RuleRef rule = exitCause(a, cause);
        return move(a, AgreementState.TERMINATED, actor, reason, rule.id(), "termination:" + cause);
    }

    /**
     * Ends an agreement for an exit (TZ-27, JL-exit): expired where the cause is an expiry and the term has run,
     * terminated otherwise — through the one guarded transition, so the party's sessions end and
     * {@link AgreementEnded} is published. Returns the state it ended in (unchanged if it had ended already).
     */
    AgreementState endForExit(Agreement a, boolean expiry, String cause, String reason, RuleRef rule, Actor actor) {
        if (a.state() != AgreementState.EFFECTIVE && a.state() != AgreementState.SUSPENDED) {
            return a.state();
        }
        AgreementState target = expiry ? AgreementState.EXPIRED : AgreementState.TERMINATED;
        return move(a, target, actor, reason, rule.id(), expiry ? "expiry" : "termination:" + cause).state();
    }

    /** Moves every agreement whose term has ended to EXPIRED; returns how many. */
    @Transactional
    int expireDue(Actor actor) {
        int expired = 0;
        for (Agreement a : agreements.endedBefore(today())) {
            JurisdictionProfile profile = profiles.require(a.profileId());
            String key = profile.has("agreement.term.exact") ? "agreement.term.exact" : "agreement.term.max";
            String rule = profile.has(key) ? profile.timeLimit(key).rule().id() : accessRule(a).id();
            move(a, AgreementState.EXPIRED, actor, "term ended on " + a.validUntil(), rule, "expiry");
            expired++;
        }
        return expired;
    }

    // reading

    Agreement require(UUID id, Actor actor) {
        Agreement a = agreements.find(id).orElseThrow(() -> ProblemException.notFound("agreement", id));
        if (!mayRead(a, actor)) {
            throw ProblemException.notFound("agreement", id);
        }
        return a;
    }

    Page<Agreement> list(@Nullable UUID organizationId, @Nullable AgreementState state, @Nullable AgreementTier tier,
            int page, int size, Actor actor) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        UUID visibleTo = seesAll(actor) ? null : organizationOf(actor);
        Agreements.Filter filter = new Agreements.Filter(visibleTo, organizationId, state, tier);
        return new Page<>(agreements.page(filter, page * size, size), page, size, agreements.count(filter));
    }

    List<Clause> clauses(UUID id) {
        return agreements.clauses(id);
    }

    List<Signature> signatures(UUID id) {
        return agreements.signatures(id);
    }

    List<Agreements.Version> versions(UUID id) {
        return agreements.versions(id);
    }

    List<Agreements.Transition> transitions(UUID id) {
        return agreements.transitions(id);
    }

    // the one guarded transition

    /**
     * The one way an agreement changes state: refused (409, nothing written) unless the state table allows
     * it; otherwise stored, recorded in the transition history and the audit log with who, why and the rule,
     * and — when the agreement leaves force — the party's sessions end and {@link AgreementEnded} is
     * published, all in the caller's transaction.
     */
    private Agreement move(Agreement a, AgreementState target, Actor actor, @Nullable String reason,
            @Nullable String ruleId, @Nullable String endCause) {
        Instant now = clock.instant();
        Agreement next;
        try {
            next = a.transitionTo(target, endCause, ruleId, now);
        } catch (Agreement.IllegalTransition e) {
            audit.record(AuditEvent.of("authorization.agreement-transition", "agreement", a.id()).by(actor)
                    .refused("transition not allowed", ruleId).with("from", e.from()).with("to", e.to()));
            throw ProblemException.conflict("authorization.agreement.transition-refused", e.from().name(),
                    e.to().name());
        }
        if (!agreements.update(a, next)) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
        agreements.recordTransition(new Agreements.Transition(UUID.randomUUID(), a.id(), a.state().name(),
                target.name(), actor.username(), reason, ruleId, now));
        AuditEvent event = AuditEvent.of("authorization.agreement-transition", "agreement", a.id()).by(actor)
                .with("from", a.state()).with("to", target).with("version", next.version())
                .with("party", a.partyId());
        if (reason != null) {
            event = event.because(reason);
        }
        if (ruleId != null) {
            event = event.underRule(ruleId);
        }
        audit.record(event);
        if (target.endsForce() && a.state() != target) {
            String cause = endCause != null ? endCause : target.name().toLowerCase(Locale.ROOT);
            revocation.endSessionsOf(a.partyId(), "agreement " + a.number() + " " + cause);
            events.publishEvent(new AgreementEnded(a.id(), a.partyId(), a.tier(), cause,
                    ruleId != null ? ruleId : accessRule(a).id(), now));
        }
        return next;
    }

    // checks

    private void enforce(Actor actor, String action, @Nullable UUID target, Decision... decisions) {
        for (Decision d : decisions) {
            if (d instanceof Decision.Refused refused) {
                audit.record(AuditEvent.of(action, "agreement", target).by(actor)
                        .refused(refused.code(), refused.rule().id()));
                throw refused.problem();
            }
        }
    }

    private Decision grantorHoldsOperatorAgreement(RuleRef rule, AgreementTier tier, UUID grantorId) {
        if (tier != AgreementTier.DEVELOPER) {
            return Decision.ALLOWED;
        }
        LocalDate today = today();
        boolean holds = agreements.ofParty(grantorId, List.of(AgreementState.EFFECTIVE)).stream()
                .anyMatch(a -> a.tier() == AgreementTier.OPERATOR && a.inForceOn(today));
        return holds ? Decision.ALLOWED : Decision.refused(rule, "authorization.agreement.grantor-not-authorized");
    }

    /** Where the profile has developer onboarding (TZ-9), a developer is authorized only after the operator admitted it. */
    private Decision developerAdmitted(JurisdictionProfile profile, AgreementTier tier, UUID operatorId,
            UUID developerId) {
        if (tier != AgreementTier.DEVELOPER || !profile.has("approval.chain.developer-onboarding")) {
            return Decision.ALLOWED;
        }
        return onboarding.admitted(operatorId, developerId) ? Decision.ALLOWED : Decision.refused(
                profile.approvalChain("developer-onboarding").rule(), "authorization.agreement.developer-not-admitted");
    }

    private static String defaultModel(JurisdictionProfile profile, AgreementTier tier) {
        List<ListItem> models = profile.items("authorization.models").value();
        if (models.size() == 1) {
            return models.get(0).key();
        }
        throw ProblemException.badRequest("authorization.agreement.model-required",
                String.join(", ", models.stream().map(ListItem::key).toList()));
    }

    private static void checkTermShape(LocalDate from, LocalDate until) {
        if (until.isBefore(from)) {
            throw ProblemException.badRequest("authorization.agreement.term-reversed");
        }
    }

    private static List<String> cleanScenarios(List<String> scenarios) {
        List<String> clean = scenarios.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        if (clean.isEmpty()) {
            throw ProblemException.badRequest("authorization.agreement.scenarios-required");
        }
        return clean;
    }

    static Clause clause(ClauseText c, int position) {
        if (!CLAUSE_KEY.matcher(c.key()).matches()) {
            throw ProblemException.badRequest("authorization.agreement.clause-key-invalid");
        }
        return new Clause(c.key(), position, c.title().strip(), c.body().strip());
    }

    private Agreement editable(UUID id, Actor actor) {
        Agreement a = require(id, actor);
        requireGrantor(a, actor);
        if (!a.state().isEditable()) {
            throw ProblemException.conflict("authorization.agreement.not-editable", a.state().name());
        }
        return a;
    }

    private void touch(Agreement a, Actor actor) {
        Agreement touched = a.withTerms(a.title(), a.scenarios(), a.zoneIds(), a.zoneCodes(), a.validFrom(),
                a.validUntil(), clock.instant());
        if (!agreements.update(a, touched)) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
    }

    private RuleRef accessRule(Agreement a) {
        JurisdictionProfile profile = profiles.require(a.profileId());
        for (String key : ACCESS_RULE_KEYS) {
            if (profile.has(key) && profile.entry(key).rule() != null) {
                return profile.entry(key).rule();
            }
        }
        return profile.items("authorization.models").rule();
    }

    private RuleRef exitCause(Agreement a, String cause) {
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (!profile.has("exit.causes")) {
            return accessRule(a);
        }
        var causes = profile.items("exit.causes");
        if (causes.value().stream().noneMatch(i -> i.key().equals(cause))) {
            throw ProblemException.badRequest("authorization.agreement.cause-unknown",
                    String.join(", ", causes.value().stream().map(ListItem::key).toList()));
        }
        return causes.rule();
    }

    private static void requireGrantor(Agreement a, Actor actor) {
        if (!a.grantorId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.agreement.not-grantor", null);
        }
    }

    static void requireEnforcer(Agreement a, Actor actor) {
        if (!a.grantorId().equals(actor.organizationId()) && !actor.hasRole("AUTHORITY")) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.agreement.not-enforcer", null);
        }
    }

    private static boolean seesAll(Actor actor) {
        return actor.hasRole("AUTHORITY") || actor.hasRole("SECURITY_SUPERVISOR") || actor.hasRole("SYSTEM");
    }

    private static boolean mayRead(Agreement a, Actor actor) {
        return seesAll(actor) || a.involves(actor.organizationId());
    }

    private static UUID organizationOf(Actor actor) {
        if (actor.organizationId() == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.no-organization", null);
        }
        return actor.organizationId();
    }

    static byte[] decodeSignature(String signature) {
        String s = signature.strip();
        try {
            return HEX.matcher(s).matches() ? HexFormat.of().parseHex(s) : Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("authorization.agreement.signature-invalid");
        }
    }
}
