package org.pdao.authorization.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.authorization.RetainedDataDestroyed;
import org.pdao.authorization.RetainedDataDestructionOrdered;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.jurisdiction.EntryValue;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.ListItem;
import org.pdao.jurisdiction.TimeLimit;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exits (退出, TZ-27, JL-exit). The grantor or the authority opens an exit with one of the profile's causes
 * ({@code exit.causes}): at once every agreement between the grantor and the party still in force ends through
 * the agreement lifecycle (sessions end, {@code AgreementEnded} closes grants, workspaces and keys), the
 * destruction of the data the party retains is ordered ({@link RetainedDataDestructionOrdered}), and the logs are
 * kept at least {@code log.retention.min} (or the platform's {@code audit.retention.min}). The services the party
 * ran are handed over to a successor, who confirms. The exit completes only when the destruction is certified
 * ({@link RetainedDataDestroyed}) and every hand-over confirmed.
 */
@Service
class Exits {

    static final String SUBJECT = "exit";

    record Exit(UUID id, String profileId, UUID agreementId, UUID partyId, UUID grantorId, String cause,
            String ruleId, String reason, ExitState state, String openedBy, LocalDate openedOn, LocalDate logsKeptUntil,
            String logRule, @Nullable Instant destructionOrderedAt, @Nullable Instant destructionCertifiedAt,
            @Nullable LocalDate completedOn, Instant createdAt, Instant updatedAt) {

        boolean involves(@Nullable UUID org) {
            return partyId.equals(org) || grantorId.equals(org);
        }
    }

    record Ended(UUID agreementId, String endedAs) {}

    record Handover(UUID id, UUID exitId, UUID successorId, String services, @Nullable String data, String recordedBy,
            Instant recordedAt, @Nullable String confirmedBy, @Nullable Instant confirmedAt,
            @Nullable String confirmNote) {}

    private final JdbcClient jdbc;
    private final Agreements agreements;
    private final AgreementLifecycle lifecycle;
    private final OrganizationDirectory organizations;
    private final JurisdictionProfiles profiles;
    private final LifecycleHistory history;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Exits(JdbcClient jdbc, Agreements agreements, AgreementLifecycle lifecycle, OrganizationDirectory organizations,
            JurisdictionProfiles profiles, LifecycleHistory history, AuditTrail audit, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.agreements = agreements;
        this.lifecycle = lifecycle;
        this.organizations = organizations;
        this.profiles = profiles;
        this.history = history;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE);
    }

    @Transactional
    Exit open(UUID agreementId, String cause, String reason, Actor actor) {
        Agreement a = lifecycle.require(agreementId, actor);
        AgreementLifecycle.requireEnforcer(a, actor);
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (!profile.has("exit.causes")) {
            throw ProblemException.ruleViolation(profile.items("authorization.models").rule(),
                    "authorization.exit.no-causes");
        }
        var causes = profile.items("exit.causes");
        RuleRef rule = causes.rule();
        if (causes.value().stream().noneMatch(i -> i.key().equals(cause))) {
            throw ProblemException.ruleViolation(rule, "authorization.agreement.cause-unknown",
                    String.join(", ", causes.value().stream().map(ListItem::key).toList()));
        }
        if (a.state() == AgreementState.DRAFT || a.state() == AgreementState.PARTIALLY_SIGNED
                || a.state() == AgreementState.CANCELLED) {
            throw ProblemException.conflict("authorization.exit.never-in-force", a.state().name());
        }
        if (find(agreementId, true).isPresent()) {
            throw ProblemException.conflict("authorization.exit.already-open");
        }
        boolean expiryCause = profile.has("exit.expiry-causes") && profile.items("exit.expiry-causes").value()
                .stream().anyMatch(i -> i.key().equals(cause));
        boolean termRan = a.state() == AgreementState.EXPIRED || today().isAfter(a.validUntil());
        String expiryOnly = profile.has("exit.expiry-causes") ? String.join(",", profile.items("exit.expiry-causes")
                .value().stream().map(ListItem::key).toList()) : "";
        if (expiryCause && !termRan) {
            audit.record(AuditEvent.of("authorization.exit-open", "agreement", agreementId).by(actor)
                    .refused("authorization.exit.term-not-ended", rule.id()));
            throw ProblemException.ruleViolation(rule, "authorization.exit.term-not-ended", a.validUntil().toString(),
                    expiryOnly);
        }
        LocalDate today = today();
        var retention = logRetention(profile);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into authorization_exit (id, profile_id, agreement_id, party_org_id, grantor_org_id, cause,
                    rule_id, reason, state, opened_by, opened_on, logs_kept_until, log_rule, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, profile.id(), agreementId, a.partyId(), a.grantorId(), cause, rule.id(), reason.strip(),
                        ExitState.OPEN.name(), actor.username(), today, today.plus(retention.period()),
                        retention.rule(), Timestamp.from(now), Timestamp.from(now))
                .update();
        history.record(new LifecycleHistory.Entry(SUBJECT, id, null, ExitState.OPEN.name(), actor.username(),
                cause + ": " + reason, rule.id(), now));
        audit.record(AuditEvent.of("authorization.exit-open", SUBJECT, id).by(actor).underRule(rule.id())
                .because(reason).with("agreement", agreementId).with("party", a.partyId()).with("cause", cause)
                .with("logsKeptUntil", today.plus(retention.period())).with("logRule", retention.rule()));

        List<Agreement> between = new ArrayList<>(agreements.ofParty(a.partyId(), List.of(AgreementState.EFFECTIVE,
                AgreementState.SUSPENDED, AgreementState.EXPIRED, AgreementState.TERMINATED, AgreementState.REVOKED))
                .stream().filter(g -> g.grantorId().equals(a.grantorId())).toList());
        List<UUID> ordered = new ArrayList<>();
        for (Agreement g : between) {
            boolean expiry = g.state() == AgreementState.EXPIRED || today.isAfter(g.validUntil());
            AgreementState endedAs = lifecycle.endForExit(g, expiry, cause, "exit " + id + ": " + reason, rule, actor);
            jdbc.sql("insert into authorization_exit_agreement (exit_id, agreement_id, ended_as) values (?, ?, ?)")
                    .params(id, g.id(), endedAs.name()).update();
            ordered.add(g.id());
        }
        orderDestruction(require(id, actor), ordered, actor);
        return require(id, actor);
    }

    /** Orders (again) the destruction of the party's retained data, e.g. when the first order found the data space busy. */
    @Transactional
    Exit reorder(UUID id, Actor actor) {
        Exit e = require(id, actor);
        requireManager(e, actor);
        if (e.destructionCertifiedAt() != null) {
            throw ProblemException.conflict("authorization.exit.already-certified");
        }
        orderDestruction(e, ended(id).stream().map(Ended::agreementId).toList(), actor);
        return require(id, actor);
    }

    private void orderDestruction(Exit e, List<UUID> agreementIds, Actor actor) {
        Instant now = clock.instant();
        jdbc.sql("update authorization_exit set destruction_ordered_at = ?, updated_at = ? where id = ?")
                .params(Timestamp.from(now), Timestamp.from(now), e.id()).update();
        audit.record(AuditEvent.of("authorization.exit-destruction-order", SUBJECT, e.id()).by(actor)
                .underRule(e.ruleId()).with("party", e.partyId()).with("agreements", agreementIds.size()));
        events.publishEvent(new RetainedDataDestructionOrdered(e.id(), e.partyId(), agreementIds, e.ruleId(),
                actor.username(), now));
    }

    /** The data space certifies the destruction: the certificates are kept with the exit. */
    @EventListener
    void on(RetainedDataDestroyed destroyed) {
        Optional<Exit> found = jdbc.sql("select * from authorization_exit where id = ?").param(destroyed.exitId())
                .query(Exits::row).optional();
        if (found.isEmpty() || found.get().destructionCertifiedAt() != null) {
            return;
        }
        Exit e = found.get();
        Actor actor = Actors.currentOrSystem();
        for (RetainedDataDestroyed.Certificate c : destroyed.certificates()) {
            jdbc.sql("""
                    insert into authorization_exit_destruction (exit_id, store, store_id, file_sm3, file_bytes,
                        audit_sequence, audit_hash, destroyed_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(e.id(), c.store(), c.storeId(), c.fileSm3(), c.fileBytes(), c.auditSequence(), c.auditHash(),
                            Timestamp.from(c.destroyedAt())).update();
        }
        jdbc.sql("update authorization_exit set destruction_certified_at = ? where id = ?")
                .params(Timestamp.from(destroyed.at()), e.id()).update();
        String why = "destruction certified: " + destroyed.certificates().size() + " store(s) destroyed";
        move(e, e.state() == ExitState.HANDOVER_CONFIRMED ? ExitState.COMPLETED : ExitState.DESTRUCTION_CERTIFIED,
                actor, why);
    }

    // hand-over of services

    @Transactional
    Handover recordHandover(UUID id, UUID successorId, String services, @Nullable String data, Actor actor) {
        Exit e = require(id, actor);
        if (!e.partyId().equals(actor.organizationId())) {
            requireManager(e, actor);
        }
        if (e.state() == ExitState.COMPLETED || e.state() == ExitState.HANDOVER_CONFIRMED) {
            throw ProblemException.conflict("authorization.exit.transition-refused", e.state().name(),
                    ExitState.HANDOVER_CONFIRMED.name());
        }
        if (successorId.equals(e.partyId())) {
            throw ProblemException.ruleViolation(handoverRule(e), "authorization.exit.successor-is-party");
        }
        organizations.find(successorId).orElseThrow(() -> ProblemException.notFound("organization", successorId));
        Instant now = clock.instant();
        Handover h = new Handover(UUID.randomUUID(), id, successorId, services.strip(), data == null ? null : data.strip(),
                actor.username(), now, null, null, null);
        jdbc.sql("""
                insert into authorization_handover (id, exit_id, successor_org_id, services, data_handed, recorded_by,
                    recorded_at) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(h.id(), id, successorId, h.services(), h.data(), actor.username(), Timestamp.from(now)).update();
        audit.record(AuditEvent.of("authorization.exit-handover", SUBJECT, id).by(actor).underRule(handoverRule(e).id())
                .with("handover", h.id()).with("successor", successorId).with("services", h.services()));
        return h;
    }

    /** The successor confirms it took the services over; when every hand-over is confirmed the exit moves on. */
    @Transactional
    Exit confirmHandover(UUID id, UUID handoverId, @Nullable String note, Actor actor) {
        Exit e = require(id, actor);
        Handover h = handovers(id).stream().filter(x -> x.id().equals(handoverId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("handover", handoverId));
        if (!h.successorId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.exit.not-successor", null);
        }
        if (h.confirmedAt() != null) {
            throw ProblemException.conflict("authorization.exit.handover-confirmed");
        }
        jdbc.sql("update authorization_handover set confirmed_by = ?, confirmed_at = ?, confirm_note = ? where id = ?")
                .params(actor.username(), Timestamp.from(clock.instant()), note, handoverId).update();
        audit.record(AuditEvent.of("authorization.exit-handover-confirm", SUBJECT, id).by(actor)
                .underRule(handoverRule(e).id()).with("handover", handoverId));
        boolean all = handovers(id).stream().allMatch(x -> x.confirmedAt() != null);
        if (all && (e.state() == ExitState.OPEN || e.state() == ExitState.DESTRUCTION_CERTIFIED)) {
            move(e, e.state() == ExitState.DESTRUCTION_CERTIFIED ? ExitState.COMPLETED : ExitState.HANDOVER_CONFIRMED,
                    actor, "every hand-over confirmed");
        }
        return require(id, actor);
    }

    // reading

    Exit require(UUID id, Actor actor) {
        Exit e = jdbc.sql("select * from authorization_exit where id = ?").param(id).query(Exits::row).optional()
                .orElseThrow(() -> ProblemException.notFound("exit", id));
        if (!seesAll(actor) && !e.involves(actor.organizationId())
                && handovers(id).stream().noneMatch(h -> h.successorId().equals(actor.organizationId()))) {
            throw ProblemException.notFound("exit", id);
        }
        return e;
    }

    Optional<Exit> find(UUID agreementId, boolean any) {
        return jdbc.sql("select * from authorization_exit where agreement_id = ?").param(agreementId)
                .query(Exits::row).optional();
    }

    Page<Exit> list(@Nullable ExitState state, @Nullable UUID party, int page, int size, Actor actor) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!seesAll(actor)) {
            where.append(" and (party_org_id = ? or grantor_org_id = ? or exists (select 1 from authorization_handover h"
                    + " where h.exit_id = authorization_exit.id and h.successor_org_id = ?))");
            UUID org = actor.organizationId();
            args.add(org);
            args.add(org);
            args.add(org);
        }
        if (state != null) {
            where.append(" and state = ?");
            args.add(state.name());
        }
        if (party != null) {
            where.append(" and party_org_id = ?");
            args.add(party);
        }
        long total = jdbc.sql("select count(*) from authorization_exit" + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        return new Page<>(jdbc.sql("select * from authorization_exit" + where + " order by created_at desc limit ? offset ?")
                .params(pageArgs).query(Exits::row).list(), page, size, total);
    }

    List<Ended> ended(UUID id) {
        return jdbc.sql("select agreement_id, ended_as from authorization_exit_agreement where exit_id = ?").param(id)
                .query((rs, n) -> new Ended(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    List<RetainedDataDestroyed.Certificate> certificates(UUID id) {
        return jdbc.sql("select * from authorization_exit_destruction where exit_id = ? order by destroyed_at").param(id)
                .query((rs, n) -> new RetainedDataDestroyed.Certificate(rs.getString("store"),
                        rs.getObject("store_id", UUID.class), rs.getString("file_sm3"), rs.getLong("file_bytes"),
                        rs.getLong("audit_sequence"), rs.getString("audit_hash"),
                        rs.getTimestamp("destroyed_at").toInstant())).list();
    }

    List<Handover> handovers(UUID id) {
        return jdbc.sql("select * from authorization_handover where exit_id = ? order by recorded_at").param(id)
                .query((rs, n) -> new Handover(rs.getObject("id", UUID.class), rs.getObject("exit_id", UUID.class),
                        rs.getObject("successor_org_id", UUID.class), rs.getString("services"),
                        rs.getString("data_handed"), rs.getString("recorded_by"),
                        rs.getTimestamp("recorded_at").toInstant(), rs.getString("confirmed_by"),
                        rs.getTimestamp("confirmed_at") == null ? null : rs.getTimestamp("confirmed_at").toInstant(),
                        rs.getString("confirm_note"))).list();
    }

    List<LifecycleHistory.Entry> history(UUID id) {
        return history.of(SUBJECT, id);
    }

    // the guarded transition

    private void move(Exit e, ExitState target, Actor actor, String reason) {
        Instant now = clock.instant();
        try {
            e.state().next(target);
        } catch (IllegalTransition t) {
            audit.record(AuditEvent.of("authorization.exit-transition", SUBJECT, e.id()).by(actor)
                    .refused("transition not allowed", e.ruleId()).with("from", t.from()).with("to", t.to()));
            throw ProblemException.conflict("authorization.exit.transition-refused", t.from(), t.to());
        }
        int changed = jdbc.sql("""
                update authorization_exit set state = ?, updated_at = ?, completed_on = ? where id = ? and state = ?""")
                .params(target.name(), Timestamp.from(now), target == ExitState.COMPLETED ? today() : null, e.id(),
                        e.state().name()).update();
        if (changed != 1) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
        history.record(new LifecycleHistory.Entry(SUBJECT, e.id(), e.state().name(), target.name(), actor.username(),
                reason, e.ruleId(), now));
        audit.record(AuditEvent.of("authorization.exit-transition", SUBJECT, e.id()).by(actor).underRule(e.ruleId())
                .because(reason).with("from", e.state()).with("to", target).with("party", e.partyId()));
    }

    // rules

    record Retention(java.time.Period period, String rule) {}

    /** How long the logs of the exiting party are kept: {@code log.retention.min}, else the platform default. */
    static Retention logRetention(JurisdictionProfile profile) {
        if (profile.has("log.retention.min")) {
            var limit = profile.timeLimit("log.retention.min");
            return new Retention(period(limit.value()), limit.rule().id());
        }
        EntryValue value = profile.platformDefault("audit.retention.min");
        return new Retention(period((TimeLimit) value), "platform:audit.retention.min");
    }

    private static java.time.Period period(TimeLimit limit) {
        return switch (limit.unit()) {
            case YEARS -> java.time.Period.ofYears(Math.toIntExact(limit.amount()));
            case MONTHS -> java.time.Period.ofMonths(Math.toIntExact(limit.amount()));
            case CALENDAR_DAYS, WORKING_DAYS -> java.time.Period.ofDays(Math.toIntExact(limit.amount()));
        };
    }

    private RuleRef handoverRule(Exit e) {
        JurisdictionProfile profile = profiles.require(e.profileId());
        return profile.has("exit.handover.required") ? profile.flag("exit.handover.required").rule()
                : profile.items("exit.causes").rule();
    }

    private static void requireManager(Exit e, Actor actor) {
        if (!e.grantorId().equals(actor.organizationId()) && !actor.hasRole("AUTHORITY")) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.agreement.not-enforcer", null);
        }
    }

    private static boolean seesAll(Actor actor) {
        return actor.hasRole("AUTHORITY") || actor.hasRole("SECURITY_SUPERVISOR") || actor.hasRole("SYSTEM");
    }

    private static Exit row(ResultSet rs, int n) throws SQLException {
        return new Exit(rs.getObject("id", UUID.class), rs.getString("profile_id"),
                rs.getObject("agreement_id", UUID.class), rs.getObject("party_org_id", UUID.class),
                rs.getObject("grantor_org_id", UUID.class), rs.getString("cause"), rs.getString("rule_id"),
                rs.getString("reason"), ExitState.valueOf(rs.getString("state")), rs.getString("opened_by"),
                rs.getObject("opened_on", LocalDate.class), rs.getObject("logs_kept_until", LocalDate.class),
                rs.getString("log_rule"),
                rs.getTimestamp("destruction_ordered_at") == null ? null
                        : rs.getTimestamp("destruction_ordered_at").toInstant(),
                rs.getTimestamp("destruction_certified_at") == null ? null
                        : rs.getTimestamp("destruction_certified_at").toInstant(),
                rs.getObject("completed_on", LocalDate.class), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
