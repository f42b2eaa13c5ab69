package org.pdao.authorization.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.shared.Actor;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.pdao.shared.crypto.Sm2;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Amendments of an agreement in force (补充协议 / 协议变更). The grantor drafts the next version (terms and clauses);
 * both parties sign its canonical text again with SM2, checked as at first signing (required clauses, the term cap
 * counted from the agreement's unchanged first day — so the cap holds across amendments — and the credit lists).
 * The second signature adopts it: the agreement then reads as the new version while the previous version's text
 * stays kept in {@code /versions}. Until then the agreement stays in force under its current version.
 */
@Service
class AgreementAmendments {

    static final String SUBJECT = "amendment";

    record Amendment(UUID id, UUID agreementId, int version, AmendmentState state, String reason, String title,
            List<String> scenarios, List<UUID> zoneIds, List<String> zoneCodes, LocalDate validFrom,
            LocalDate validUntil, String createdBy, Instant createdAt, Instant updatedAt) {}

    record Changes(@Nullable String title, @Nullable List<String> scenarios, @Nullable List<UUID> zoneIds,
            @Nullable List<String> zoneCodes, @Nullable LocalDate validFrom, @Nullable LocalDate validUntil,
            @Nullable List<AgreementLifecycle.ClauseText> clauses) {}

    private final JdbcClient jdbc;
    private final Agreements agreements;
    private final AgreementLifecycle lifecycle;
    private final SigningKeys keys;
    private final OrganizationDirectory organizations;
    private final JurisdictionProfiles profiles;
    private final LifecycleHistory history;
    private final AuditTrail audit;
    private final Clock clock;

    AgreementAmendments(JdbcClient jdbc, Agreements agreements, AgreementLifecycle lifecycle, SigningKeys keys,
            OrganizationDirectory organizations, JurisdictionProfiles profiles, LifecycleHistory history,
            AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.agreements = agreements;
        this.lifecycle = lifecycle;
        this.keys = keys;
        this.organizations = organizations;
        this.profiles = profiles;
        this.history = history;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Amendment draft(UUID agreementId, String reason, Changes c, Actor actor) {
        Agreement a = lifecycle.require(agreementId, actor);
        requireGrantor(a, actor);
        if (a.state() != AgreementState.EFFECTIVE) {
            throw ProblemException.conflict("authorization.amendment.not-in-force", a.state().name());
        }
        if (open(agreementId) != null) {
            throw ProblemException.conflict("authorization.amendment.open");
        }
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (c.validFrom() != null && !c.validFrom().equals(a.validFrom())) {
            throw ProblemException.badRequest("authorization.amendment.start-fixed", a.validFrom().toString());
        }
        LocalDate until = c.validUntil() != null ? c.validUntil() : a.validUntil();
        if (until.isBefore(a.validFrom())) {
            throw ProblemException.badRequest("authorization.agreement.term-reversed");
        }
        refuse(actor, a.id(), AgreementPolicies.termWithinCap(profile, a.validFrom(), until));
        List<String> scenarios = c.scenarios() == null ? a.scenarios()
                : c.scenarios().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        if (scenarios.isEmpty()) {
            throw ProblemException.badRequest("authorization.agreement.scenarios-required");
        }
        int version = Math.max(a.version(), agreements.versions(agreementId).stream()
                .mapToInt(Agreements.Version::version).max().orElse(0)) + 1;
        version = Math.max(version, jdbc.sql("select coalesce(max(version), 0) + 1 from authorization_amendment where agreement_id = ?")
                .param(agreementId).query(Integer.class).single());
        Instant now = clock.instant();
        Amendment m = new Amendment(UUID.randomUUID(), agreementId, version, AmendmentState.DRAFT, reason.strip(),
                c.title() != null ? c.title().strip() : a.title(), scenarios,
                c.zoneIds() != null ? c.zoneIds() : a.zoneIds(),
                c.zoneCodes() != null ? List.copyOf(new LinkedHashSet<>(c.zoneCodes())) : a.zoneCodes(),
                a.validFrom(), until, actor.username(), now, now);
        jdbc.sql("""
                insert into authorization_amendment (id, agreement_id, version, state, reason, title, scenarios,
                    zone_ids, zone_codes, valid_from, valid_until, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(m.id(), agreementId, version, m.state().name(), m.reason(), m.title(),
                        String.join("\n", m.scenarios()),
                        String.join("\n", m.zoneIds().stream().map(UUID::toString).toList()),
                        String.join("\n", m.zoneCodes()), m.validFrom(), m.validUntil(), actor.username(),
                        Timestamp.from(now), Timestamp.from(now))
                .update();
        if (c.clauses() == null) {
            for (Clause cl : agreements.clauses(agreementId)) {
                putClauseRow(m.id(), cl);
            }
        } else {
            int position = 1;
            for (AgreementLifecycle.ClauseText t : c.clauses()) {
                putClauseRow(m.id(), AgreementLifecycle.clause(t, position++));
            }
        }
        history.record(new LifecycleHistory.Entry(SUBJECT, m.id(), null, AmendmentState.DRAFT.name(),
                actor.username(), reason, null, now));
        audit.record(AuditEvent.of("authorization.amendment-draft", "agreement", agreementId).by(actor).because(reason)
                .with("amendment", m.id()).with("version", version).with("validUntil", until));
        return m;
    }

    @Transactional
    List<Clause> putClause(UUID agreementId, UUID id, AgreementLifecycle.ClauseText text, Actor actor) {
        Amendment m = require(agreementId, id, actor);
        requireGrantor(lifecycle.require(agreementId, actor), actor);
        if (m.state() != AmendmentState.DRAFT) {
            throw ProblemException.conflict("authorization.amendment.not-draft", m.state().name());
        }
        int position = clauses(id).stream().filter(c -> c.key().equals(text.key())).map(Clause::position).findFirst()
                .orElseGet(() -> clauses(id).stream().mapToInt(Clause::position).max().orElse(0) + 1);
        putClauseRow(id, AgreementLifecycle.clause(text, position));
        audit.record(AuditEvent.of("authorization.amendment-clause-put", "agreement", agreementId).by(actor)
                .with("amendment", id).with("clause", text.key()));
        return clauses(id);
    }

    AgreementLifecycle.SigningText signingText(UUID agreementId, UUID id, Actor actor) {
        Amendment m = require(agreementId, id, actor);
        String canonical = canonical(lifecycle.require(agreementId, actor), m);
        return new AgreementLifecycle.SigningText(agreementId, m.version(), canonical, AgreementText.sm3(canonical));
    }

    /** One party signs the amended text; the second valid signature adopts the amendment. */
    @Transactional
    Amendment sign(UUID agreementId, UUID id, int version, String textSm3, String signature, Actor actor) {
        Amendment m = require(agreementId, id, actor);
        Agreement a = lifecycle.require(agreementId, actor);
        UUID signer = actor.organizationId();
        if (!a.involves(signer)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.agreement.not-a-party", null);
        }
        if (m.state() != AmendmentState.DRAFT && m.state() != AmendmentState.PARTIALLY_SIGNED) {
            throw ProblemException.conflict("authorization.amendment.transition-refused", m.state().name(),
                    AmendmentState.ADOPTED.name());
        }
        if (a.state() != AgreementState.EFFECTIVE) {
            throw ProblemException.conflict("authorization.amendment.not-in-force", a.state().name());
        }
        JurisdictionProfile profile = profiles.require(a.profileId());
        refuse(actor, agreementId, AgreementPolicies.requiredClausesPresent(profile, clauses(id)),
                AgreementPolicies.termWithinCap(profile, a.validFrom(), m.validUntil()),
                AgreementPolicies.notOnCreditList(profile, organizations.standing(a.partyId()), lifecycle.today()));
        String canonical = canonical(a, m);
        String sm3 = AgreementText.sm3(canonical);
        if (version != m.version() || !sm3.equalsIgnoreCase(textSm3.strip())) {
            throw ProblemException.conflict("authorization.agreement.text-changed", m.version(), sm3);
        }
        if (agreements.signatures(agreementId).stream()
                .anyMatch(s -> s.version() == m.version() && s.organizationId().equals(signer))) {
            throw ProblemException.conflict("authorization.agreement.already-signed");
        }
        SigningKeys.SigningKey key = keys.active(signer)
                .orElseThrow(() -> ProblemException.conflict("authorization.signing-key.missing"));
        byte[] sig = AgreementLifecycle.decodeSignature(signature);
        if (!Sm2.verify(HexFormat.of().parseHex(key.publicKeyHex()), HexFormat.of().parseHex(sm3), sig)) {
            audit.record(AuditEvent.of("authorization.amendment-sign", "agreement", agreementId).by(actor)
                    .refused("signature does not verify", null).with("version", m.version()));
            throw ProblemException.badRequest("authorization.agreement.signature-invalid");
        }
        Instant now = clock.instant();
        agreements.insertSignature(new Signature(agreementId, m.version(), signer, sm3, HexFormat.of().formatHex(sig),
                key.publicKeyHex(), actor.username(), now));
        RuleRef rule = profile.has("agreement.clauses.required") ? profile.items("agreement.clauses.required").rule()
                : profile.items("authorization.models").rule();
        String who = "signed by " + (signer.equals(a.grantorId()) ? "grantor" : "party") + " with SM2 key "
                + key.fingerprint();
        if (m.state() == AmendmentState.DRAFT) {
            return move(m, AmendmentState.PARTIALLY_SIGNED, actor, who, rule);
        }
        // adoption: keep the text in force so far, then the agreement reads as the new version
        String previous = AgreementText.canonical(a, agreements.clauses(agreementId));
        agreements.recordVersion(new Agreements.Version(agreementId, a.version(), AgreementText.sm3(previous), previous,
                "superseded by amendment v" + m.version() + ": " + m.reason(), actor.username(), now));
        Agreement amended = a.amendedTo(m.version(), m.title(), m.scenarios(), m.zoneIds(), m.zoneCodes(),
                m.validFrom(), m.validUntil(), now);
        if (!agreements.update(a, amended)) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
        for (Clause c : agreements.clauses(agreementId)) {
            agreements.removeClause(agreementId, c.key());
        }
        for (Clause c : clauses(id)) {
            agreements.putClause(agreementId, c);
        }
        agreements.recordVersion(new Agreements.Version(agreementId, m.version(), sm3, canonical,
                "amendment: " + m.reason(), actor.username(), now));
        audit.record(AuditEvent.of("authorization.amendment-adopted", "agreement", agreementId).by(actor)
                .underRule(rule.id()).because(m.reason()).with("from", a.version()).with("to", m.version())
                .with("validUntil", m.validUntil()));
        return move(m, AmendmentState.ADOPTED, actor, who + "; version " + m.version() + " in force", rule);
    }

    @Transactional
    Amendment cancel(UUID agreementId, UUID id, String reason, Actor actor) {
        Amendment m = require(agreementId, id, actor);
        requireGrantor(lifecycle.require(agreementId, actor), actor);
        return move(m, AmendmentState.CANCELLED, actor, reason, null);
    }

    // reading

    Amendment require(UUID agreementId, UUID id, Actor actor) {
        lifecycle.require(agreementId, actor);
        return jdbc.sql("select * from authorization_amendment where id = ? and agreement_id = ?")
                .params(id, agreementId).query(AgreementAmendments::row).optional()
                .orElseThrow(() -> ProblemException.notFound("amendment", id));
    }

    List<Amendment> of(UUID agreementId, Actor actor) {
        lifecycle.require(agreementId, actor);
        return jdbc.sql("select * from authorization_amendment where agreement_id = ? order by version")
                .param(agreementId).query(AgreementAmendments::row).list();
    }

    List<Clause> clauses(UUID id) {
        return jdbc.sql("select * from authorization_amendment_clause where amendment_id = ? order by position, clause_key")
                .param(id).query((rs, n) -> new Clause(rs.getString("clause_key"), rs.getInt("position"),
                        rs.getString("title"), rs.getString("body"))).list();
    }

    List<LifecycleHistory.Entry> history(UUID id) {
        return history.of(SUBJECT, id);
    }

    // internals

    private @Nullable Amendment open(UUID agreementId) {
        return jdbc.sql("select * from authorization_amendment where agreement_id = ? and state in ('DRAFT', 'PARTIALLY_SIGNED')")
                .param(agreementId).query(AgreementAmendments::row).optional().orElse(null);
    }

    private String canonical(Agreement a, Amendment m) {
        return AgreementText.canonical(a.amendedTo(m.version(), m.title(), m.scenarios(), m.zoneIds(), m.zoneCodes(),
                m.validFrom(), m.validUntil(), a.updatedAt()), clauses(m.id()));
    }

    private Amendment move(Amendment m, AmendmentState target, Actor actor, @Nullable String reason,
            @Nullable RuleRef rule) {
        Instant now = clock.instant();
        try {
            m.state().next(target);
        } catch (IllegalTransition e) {
            audit.record(AuditEvent.of("authorization.amendment-transition", "agreement", m.agreementId()).by(actor)
                    .refused("transition not allowed", rule == null ? null : rule.id()).with("from", e.from())
                    .with("to", e.to()));
            throw ProblemException.conflict("authorization.amendment.transition-refused", e.from(), e.to());
        }
        int changed = jdbc.sql("update authorization_amendment set state = ?, updated_at = ? where id = ? and state = ?")
                .params(target.name(), Timestamp.from(now), m.id(), m.state().name()).update();
        if (changed != 1) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
        history.record(new LifecycleHistory.Entry(SUBJECT, m.id(), m.state().name(), target.name(), actor.username(),
                reason, rule == null ? null : rule.id(), now));
        AuditEvent event = AuditEvent.of("authorization.amendment-transition", "agreement", m.agreementId()).by(actor)
                .with("amendment", m.id()).with("from", m.state()).with("to", target).with("version", m.version());
        event = reason == null ? event : event.because(reason);
        audit.record(rule == null ? event : event.underRule(rule.id()));
        return jdbc.sql("select * from authorization_amendment where id = ?").param(m.id())
                .query(AgreementAmendments::row).single();
    }

    private void refuse(Actor actor, UUID agreementId, Decision... decisions) {
        for (Decision d : decisions) {
            if (d instanceof Decision.Refused r) {
                audit.record(AuditEvent.of("authorization.amendment", "agreement", agreementId).by(actor)
                        .refused(r.code(), r.rule().id()));
                throw r.problem();
            }
        }
    }

    private void putClauseRow(UUID id, Clause c) {
        int changed = jdbc.sql("update authorization_amendment_clause set title = ?, body = ? where amendment_id = ? and clause_key = ?")
                .params(c.title(), c.body(), id, c.key()).update();
        if (changed == 0) {
            jdbc.sql("insert into authorization_amendment_clause (amendment_id, clause_key, position, title, body) values (?, ?, ?, ?, ?)")
                    .params(id, c.key(), c.position(), c.title(), c.body()).update();
        }
    }

    private static void requireGrantor(Agreement a, Actor actor) {
        if (!a.grantorId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.agreement.not-grantor", null);
        }
    }

    private static List<String> split(@Nullable String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }

    private static Amendment row(ResultSet rs, int n) throws SQLException {
        return new Amendment(rs.getObject("id", UUID.class), rs.getObject("agreement_id", UUID.class),
                rs.getInt("version"), AmendmentState.valueOf(rs.getString("state")), rs.getString("reason"),
                rs.getString("title"), split(rs.getString("scenarios")),
                split(rs.getString("zone_ids")).stream().map(UUID::fromString).toList(), split(rs.getString("zone_codes")),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
