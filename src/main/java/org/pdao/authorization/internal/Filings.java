package org.pdao.authorization.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.AuthorityLevel;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.ListItem;
import org.pdao.jurisdiction.TimeLimit;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.Actor;
import org.pdao.shared.DeadlineOverdue;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Filing records (备案): one model for every chain the texts require. A duty opens a step ({@link FilingState#DUE})
 * with its deadline from the profile and the working-day calendar; the obliged organization files it (late only
 * with a reason); the receiving authority gives a receipt or returns it. In a level chain (JL: county → city →
 * province, {@code approval.chain.*-filing} listing {@code AUTHORITY_PROVINCE}) a receipt below the province opens
 * the next step up, due within the same limit from the receipt; a city may file several steps as one aggregate
 * (汇总). When the last step is received, {@link ChainCompleted} tells the subject's owner. A step still open after
 * its deadline publishes {@link DeadlineOverdue} once.
 */
@Service
class Filings implements org.pdao.authorization.FilingRegister {

    static final String SUBJECT = "filing";

    /** Published (inside the module) when the last step of a subject's filing chain has been received. */
    record ChainCompleted(String subjectType, UUID subjectId, UUID lastStepId, LocalDate receivedOn) {}

    /** A filing duty: who files what with whom, by when, under which rule. */
    record Duty(JurisdictionProfile profile, String subjectType, UUID subjectId, String subjectTitle, String chain,
            RuleRef rule, UUID filedById, @Nullable UUID filedWithId, @Nullable TimeLimit limit, LocalDate start,
            @Nullable UUID previousStepId) {}

    record Filter(@Nullable FilingState state, @Nullable String subjectType, @Nullable UUID subjectId,
            @Nullable UUID filedWith, @Nullable UUID filedBy, boolean overdueOnly) {}

    private final JdbcClient jdbc;
    private final OrganizationDirectory organizations;
    private final JurisdictionProfiles profiles;
    private final WorkingDayCalendar calendar;
    private final LifecycleHistory history;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Filings(JdbcClient jdbc, OrganizationDirectory organizations, JurisdictionProfiles profiles,
            WorkingDayCalendar calendar, LifecycleHistory history, AuditTrail audit, ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.profiles = profiles;
        this.calendar = calendar;
        this.history = history;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE);
    }

    // opening duties

    /** Opens a step: due {@code limit} after {@code start} (no deadline where the text sets none). */
    Filing open(Duty d, Actor actor) {
        LocalDate due = d.limit() == null ? null : due(d.start(), d.limit(), d.rule());
        Instant now = clock.instant();
        Filing f = new Filing(UUID.randomUUID(), d.profile().id(), d.subjectType(), d.subjectId(), d.subjectTitle(),
                d.chain(), d.rule().id(), d.filedById(), d.filedWithId(), due, FilingState.DUE, d.previousStepId(), null,
                null, null, null, null, null, null, null, null, false, now, now);
        insert(f);
        history.record(new LifecycleHistory.Entry(SUBJECT, f.id(), null, FilingState.DUE.name(), actor.username(),
                "filing due: " + d.subjectType() + " " + d.subjectTitle(), d.rule().id(), now));
        audit.record(AuditEvent.of("authorization.filing-due", SUBJECT, f.id()).by(actor).underRule(d.rule().id())
                .with("subjectType", d.subjectType()).with("subject", d.subjectId()).with("filedBy", d.filedById())
                .with("filedWith", d.filedWithId()).with("dueOn", due));
        return f;
    }

    /**
     * The deadline from the working-day calendar. A period in months or days whose end falls in a year the
     * calendar does not cover yet (no State Council notice) ends on the corresponding calendar day: the
     * holiday extension cannot be known, and the day given is never later than the true deadline.
     */
    private LocalDate due(LocalDate start, TimeLimit limit, RuleRef rule) {
        try {
            return calendar.deadline(start, limit, rule).due();
        } catch (ProblemException notCovered) {
            return switch (limit.unit()) {
                case WORKING_DAYS -> throw notCovered;
                case CALENDAR_DAYS -> start.plusDays(limit.amount());
                case MONTHS -> start.plusMonths(limit.amount());
                case YEARS -> start.plusYears(limit.amount());
            };
        }
    }

    /**
     * Opens the first step of a level chain ({@code approval.chain.<chain>}, deadline {@code deadlineKey}) for a
     * subject of {@code filer}: an authority files with the authority above it; another organization (an
     * implementing agency) with the authority it belongs to (its parent, "本级数据管理部门"). Empty when the
     * filer is the province authority itself, which keeps the record (nothing to file).
     */
    Optional<Filing> openLevelChain(JurisdictionProfile profile, String chain, String deadlineKey, String subjectType,
            UUID subjectId, String title, UUID filer, LocalDate start, Actor actor) {
        var limit = profile.timeLimit(deadlineKey);
        OrganizationSummary org = organizations.find(filer).orElseThrow(() -> ProblemException.notFound("organization", filer));
        if (org.type() == OrganizationType.AUTHORITY && org.authorityLevel() == AuthorityLevel.PROVINCE) {
            return Optional.empty();
        }
        UUID recipient = parentAuthority(org).map(OrganizationSummary::id).orElse(null);
        return Optional.of(open(new Duty(profile, subjectType, subjectId, title, chain, limit.rule(), filer, recipient,
                limit.value(), start, null), actor));
    }

    @Override
    @Transactional
    public UUID openDuty(String subjectType, UUID subjectId, String subjectTitle, String ruleId, UUID filedBy,
            @Nullable UUID filedWith) {
        JurisdictionProfile profile = profiles.active();
        RuleRef rule = profile.rule(ruleId).orElse(RuleRef.of(ruleId));
        return open(new Duty(profile, subjectType, subjectId, subjectTitle, subjectType, rule, filedBy, filedWith, null,
                today(), null), org.pdao.shared.Actors.currentOrSystem()).id();
    }

    @Override
    public UUID recordReceived(String subjectType, UUID subjectId, String subjectTitle, String ruleId, UUID filedBy,
            UUID filedWith) {
        Actor actor = org.pdao.shared.Actors.currentOrSystem();
        JurisdictionProfile profile = profiles.active();
        RuleRef rule = profile.rule(ruleId).orElse(RuleRef.of(ruleId));
        Filing f = open(new Duty(profile, subjectType, subjectId, subjectTitle, subjectType, rule, filedBy, filedWith,
                null, today(), null), actor);
        move(f, FilingState.FILED, actor, "filed with " + filedWith);
        jdbc.sql("update authorization_filing set filed_on = ?, filed_by = ? where id = ?")
                .params(today(), actor.username(), f.id()).update();
        markReceived(find(f.id()).orElseThrow(), "BA-" + today().getYear() + "-"
                + f.id().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT), actor);
        return f.id();
    }

    // the filer

    @Transactional
    Filing file(UUID id, @Nullable UUID filedWith, @Nullable String note, @Nullable String lateReason, Actor actor) {
        Filing f = require(id, actor);
        requireFiler(f, actor);
        UUID recipient = recipient(f, filedWith);
        refuseLate(f, lateReason, actor);
        Filing moved = move(f, FilingState.FILED, actor, note == null ? "filed with " + recipient : note);
        jdbc.sql("""
                update authorization_filing set filed_with_org_id = ?, filed_on = ?, filed_by = ?, late_reason = ?,
                    note = ? where id = ?""")
                .params(recipient, today(), actor.username(), blank(lateReason), blank(note), id).update();
        return find(moved.id()).orElseThrow();
    }

    /**
     * A city files several steps with the province as one aggregate (汇总后统一报送): an aggregate record is
     * filed and every step in it moves to FILED with the aggregate's id.
     */
    @Transactional
    Filing fileAggregate(List<UUID> ids, @Nullable String note, @Nullable String lateReason, Actor actor) {
        if (ids.isEmpty()) {
            throw ProblemException.badRequest("authorization.filing.aggregate-empty");
        }
        List<Filing> steps = ids.stream().distinct().map(i -> require(i, actor)).toList();
        Filing first = steps.get(0);
        UUID recipient = recipient(first, null);
        for (Filing s : steps) {
            requireFiler(s, actor);
            if (!Objects.equals(recipient(s, null), recipient) || !s.profileId().equals(first.profileId())) {
                throw ProblemException.badRequest("authorization.filing.aggregate-mixed");
            }
            if (s.state() != FilingState.DUE && s.state() != FilingState.RETURNED) {
                throw ProblemException.conflict("authorization.filing.transition-refused", s.state().name(),
                        FilingState.FILED.name());
            }
            refuseLate(s, lateReason, actor);
        }
        Instant now = clock.instant();
        LocalDate earliest = steps.stream().map(Filing::dueOn).filter(Objects::nonNull).min(LocalDate::compareTo)
                .orElse(null);
        UUID batchId = UUID.randomUUID();
        OrganizationSummary filer = organizations.find(first.filedById()).orElseThrow();
        Filing batch = new Filing(batchId, first.profileId(), Filing.BATCH, batchId,
                "汇总备案 " + filer.name() + " (" + steps.size() + ")", first.chain(), first.ruleId(), first.filedById(),
                recipient, earliest, FilingState.DUE, null, null, null, null, null, null, null, null, null, null, false,
                now, now);
        insert(batch);
        history.record(new LifecycleHistory.Entry(SUBJECT, batchId, null, FilingState.DUE.name(), actor.username(),
                "aggregate of " + steps.size(), first.ruleId(), now));
        move(batch, FilingState.FILED, actor, note == null ? "aggregate filed with " + recipient : note);
        jdbc.sql("update authorization_filing set filed_on = ?, filed_by = ?, late_reason = ?, note = ? where id = ?")
                .params(today(), actor.username(), blank(lateReason), blank(note), batchId).update();
        for (Filing s : steps) {
            move(s, FilingState.FILED, actor, "filed in aggregate " + batchId);
            jdbc.sql("""
                    update authorization_filing set filed_with_org_id = ?, filed_on = ?, filed_by = ?, late_reason = ?,
                        batch_id = ? where id = ?""")
                    .params(recipient, today(), actor.username(), blank(lateReason), batchId, s.id()).update();
        }
        return find(batchId).orElseThrow();
    }

    // the receiving authority

    /** The authority acknowledges the filing with a receipt; in a level chain the next step up opens. */
    @Transactional
    Filing receive(UUID id, @Nullable String receiptNumber, Actor actor) {
        Filing f = require(id, actor);
        requireRecipient(f, actor);
        String receipt = receiptNumber == null || receiptNumber.isBlank()
                ? "BA-" + today().getYear() + "-" + id.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT)
                : receiptNumber.strip();
        List<Filing> members = f.subjectType().equals(Filing.BATCH) ? members(f.id()) : List.of(f);
        if (f.subjectType().equals(Filing.BATCH)) {
            markReceived(f, receipt, actor);
        }
        for (Filing m : members) {
            markReceived(m, receipt, actor);
            advance(find(m.id()).orElseThrow(), actor);
        }
        return find(id).orElseThrow();
    }

    @Transactional
    Filing returnForCorrection(UUID id, String reason, Actor actor) {
        Filing f = require(id, actor);
        requireRecipient(f, actor);
        List<Filing> members = f.subjectType().equals(Filing.BATCH) ? members(f.id()) : List.of();
        move(f, FilingState.RETURNED, actor, reason);
        jdbc.sql("update authorization_filing set return_reason = ? where id = ?").params(reason, id).update();
        for (Filing m : members) {
            move(m, FilingState.RETURNED, actor, reason);
            jdbc.sql("update authorization_filing set return_reason = ?, batch_id = null where id = ?")
                    .params(reason, m.id()).update();
        }
        return find(id).orElseThrow();
    }

    /** Withdraws the open steps of a subject that no longer needs filing (a plan superseded before filing). */
    void withdrawOpen(String subjectType, UUID subjectId, String reason, Actor actor) {
        for (Filing f : ofSubject(subjectType, subjectId)) {
            if (f.state().canMoveTo(FilingState.WITHDRAWN)) {
                move(f, FilingState.WITHDRAWN, actor, reason);
            }
        }
    }

    /** Marks the open step of a subject filed (a module that records the filing itself, e.g. TZ-9 onboarding). */
    void markFiled(String subjectType, UUID subjectId, UUID filedWith, @Nullable String lateReason, Actor actor) {
        for (Filing f : ofSubject(subjectType, subjectId)) {
            if (f.state() == FilingState.DUE || f.state() == FilingState.RETURNED) {
                move(f, FilingState.FILED, actor, "filed with " + filedWith);
                jdbc.sql("""
                        update authorization_filing set filed_with_org_id = ?, filed_on = ?, filed_by = ?,
                            late_reason = ? where id = ?""")
                        .params(filedWith, today(), actor.username(), blank(lateReason), f.id()).update();
            }
        }
    }

    // deadlines

    /** Publishes {@link DeadlineOverdue} once for every open step past its deadline; returns how many. */
    @Transactional
    int publishOverdue() {
        LocalDate today = today();
        int published = 0;
        for (Filing f : jdbc.sql("""
                select * from authorization_filing where state in ('DUE', 'RETURNED') and due_on < ?
                    and overdue_notified = false and subject_type <> ?""")
                .params(today, DeveloperOnboarding.SUBJECT).query(Filings::row).list()) {
            events.publishEvent(new DeadlineOverdue(f.ruleId(), "filing:" + f.subjectType(), f.id().toString(),
                    f.filedById(), f.filedWithId(), Objects.requireNonNull(f.dueOn()), "authorization.filing.overdue"));
            jdbc.sql("update authorization_filing set overdue_notified = true where id = ?").param(f.id()).update();
            audit.record(AuditEvent.of("authorization.filing-overdue", SUBJECT, f.id()).by(Actor.system())
                    .underRule(f.ruleId()).with("subjectType", f.subjectType()).with("subject", f.subjectId())
                    .with("dueOn", f.dueOn()));
            published++;
        }
        return published;
    }

    // reading

    Filing require(UUID id, Actor actor) {
        Filing f = find(id).orElseThrow(() -> ProblemException.notFound("filing", id));
        if (!mayRead(f, actor)) {
            throw ProblemException.notFound("filing", id);
        }
        return f;
    }

    Optional<Filing> find(UUID id) {
        return jdbc.sql("select * from authorization_filing where id = ?").param(id).query(Filings::row).optional();
    }

    List<Filing> ofSubject(String subjectType, UUID subjectId) {
        return jdbc.sql("select * from authorization_filing where subject_type = ? and subject_id = ? order by created_at")
                .params(subjectType, subjectId).query(Filings::row).list();
    }

    List<Filing> members(UUID batchId) {
        return jdbc.sql("select * from authorization_filing where batch_id = ? order by created_at").param(batchId)
                .query(Filings::row).list();
    }

    Page<Filing> list(Filter filter, int page, int size, Actor actor) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!seesAll(actor)) {
            UUID org = organizationOf(actor);
            where.append(" and (filed_by_org_id = ? or filed_with_org_id = ?)");
            args.add(org);
            args.add(org);
        }
        if (filter.state() != null) {
            where.append(" and state = ?");
            args.add(filter.state().name());
        }
        if (filter.subjectType() != null) {
            where.append(" and subject_type = ?");
            args.add(filter.subjectType());
        }
        if (filter.subjectId() != null) {
            where.append(" and subject_id = ?");
            args.add(filter.subjectId());
        }
        if (filter.filedWith() != null) {
            where.append(" and filed_with_org_id = ?");
            args.add(filter.filedWith());
        }
        if (filter.filedBy() != null) {
            where.append(" and filed_by_org_id = ?");
            args.add(filter.filedBy());
        }
        if (filter.overdueOnly()) {
            where.append(" and state in ('DUE', 'RETURNED') and due_on < ?");
            args.add(today());
        }
        long total = jdbc.sql("select count(*) from authorization_filing" + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<Filing> items = jdbc.sql("select * from authorization_filing" + where
                + " order by created_at desc limit ? offset ?").params(pageArgs).query(Filings::row).list();
        return new Page<>(items, page, size, total);
    }

    List<LifecycleHistory.Entry> history(UUID id) {
        return history.of(SUBJECT, id);
    }

    // the guarded transition

    private Filing move(Filing f, FilingState target, Actor actor, @Nullable String reason) {
        Instant now = clock.instant();
        try {
            f.state().next(target);
        } catch (IllegalTransition e) {
            audit.record(AuditEvent.of("authorization.filing-transition", SUBJECT, f.id()).by(actor)
                    .refused("transition not allowed", f.ruleId()).with("from", e.from()).with("to", e.to()));
            throw ProblemException.conflict("authorization.filing.transition-refused", e.from(), e.to());
        }
        int changed = jdbc.sql("update authorization_filing set state = ?, updated_at = ? where id = ? and state = ?")
                .params(target.name(), Timestamp.from(now), f.id(), f.state().name()).update();
        if (changed != 1) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
        history.record(new LifecycleHistory.Entry(SUBJECT, f.id(), f.state().name(), target.name(), actor.username(),
                reason, f.ruleId(), now));
        AuditEvent event = AuditEvent.of("authorization.filing-transition", SUBJECT, f.id()).by(actor)
                .underRule(f.ruleId()).with("from", f.state()).with("to", target).with("subjectType", f.subjectType())
                .with("subject", f.subjectId()).with("filedBy", f.filedById()).with("filedWith", f.filedWithId());
        audit.record(reason == null ? event : event.because(reason));
        return find(f.id()).orElseThrow();
    }

    private void markReceived(Filing f, String receipt, Actor actor) {
        move(f, FilingState.RECEIVED, actor, "receipt " + receipt);
        jdbc.sql("update authorization_filing set receipt_number = ?, received_by = ?, received_on = ? where id = ?")
                .params(receipt, actor.username(), today(), f.id()).update();
    }

    /** After a receipt: the next step up a level chain, or the end of the chain. */
    private void advance(Filing received, Actor actor) {
        JurisdictionProfile profile = profiles.require(received.profileId());
        UUID receiver = Objects.requireNonNull(received.filedWithId());
        OrganizationSummary org = organizations.find(receiver).orElseThrow();
        boolean levelChain = profile.has("approval.chain." + received.chain()) && profile
                .approvalChain(received.chain()).value().stream().map(ListItem::key).anyMatch("AUTHORITY_PROVINCE"::equals);
        boolean top = org.type() == OrganizationType.AUTHORITY && org.authorityLevel() == AuthorityLevel.PROVINCE;
        if (levelChain && !top) {
            String deadlineKey = received.chain().replace("-filing", "") + ".filing.deadline";
            TimeLimit limit = profile.has(deadlineKey) ? profile.timeLimit(deadlineKey).value() : null;
            RuleRef rule = profile.has(deadlineKey) ? profile.timeLimit(deadlineKey).rule()
                    : profile.approvalChain(received.chain()).rule();
            open(new Duty(profile, received.subjectType(), received.subjectId(), received.subjectTitle(),
                    received.chain(), rule, receiver, parentAuthority(org).map(OrganizationSummary::id).orElse(null),
                    limit, today(), received.id()), actor);
            return;
        }
        events.publishEvent(new ChainCompleted(received.subjectType(), received.subjectId(), received.id(), today()));
    }

    private Optional<OrganizationSummary> parentAuthority(OrganizationSummary org) {
        if (org.parentId() == null) {
            return Optional.empty();
        }
        return organizations.find(org.parentId()).filter(p -> p.type() == OrganizationType.AUTHORITY);
    }

    private UUID recipient(Filing f, @Nullable UUID requested) {
        if (f.filedWithId() != null) {
            if (requested != null && !requested.equals(f.filedWithId())) {
                throw ProblemException.ruleViolation(rule(f), "authorization.filing.wrong-recipient");
            }
            return f.filedWithId();
        }
        if (requested == null) {
            throw ProblemException.ruleViolation(rule(f), "authorization.filing.recipient-required");
        }
        OrganizationSummary org = organizations.find(requested)
                .orElseThrow(() -> ProblemException.notFound("organization", requested));
        if (org.type() != OrganizationType.AUTHORITY) {
            throw ProblemException.ruleViolation(rule(f), "authorization.filing.recipient-not-authority");
        }
        return requested;
    }

    private void refuseLate(Filing f, @Nullable String lateReason, Actor actor) {
        if (f.dueOn() != null && today().isAfter(f.dueOn()) && (lateReason == null || lateReason.isBlank())) {
            audit.record(AuditEvent.of("authorization.filing-file", SUBJECT, f.id()).by(actor)
                    .refused("authorization.filing.late", f.ruleId()));
            throw ProblemException.ruleViolation(rule(f), "authorization.filing.late", f.dueOn().toString());
        }
    }

    RuleRef rule(Filing f) {
        return profiles.require(f.profileId()).rule(f.ruleId()).orElse(RuleRef.of(f.ruleId()));
    }

    private static void requireFiler(Filing f, Actor actor) {
        if (!f.filedById().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.filing.not-filer", null);
        }
    }

    private static void requireRecipient(Filing f, Actor actor) {
        if (f.filedWithId() == null || !f.filedWithId().equals(actor.organizationId()) || !actor.hasRole("AUTHORITY")) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.filing.not-recipient", null);
        }
    }

    private static boolean mayRead(Filing f, Actor actor) {
        return seesAll(actor) || f.involves(actor.organizationId());
    }

    private static boolean seesAll(Actor actor) {
        return actor.hasRole("AUTHORITY") || actor.hasRole("SECURITY_SUPERVISOR") || actor.hasRole("SYSTEM");
    }

    private static UUID organizationOf(Actor actor) {
        if (actor.organizationId() == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.no-organization", null);
        }
        return actor.organizationId();
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void insert(Filing f) {
        jdbc.sql("""
                insert into authorization_filing (id, profile_id, subject_type, subject_id, subject_title, chain, rule_id,
                    filed_by_org_id, filed_with_org_id, due_on, state, previous_step_id, batch_id, overdue_notified,
                    created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?)""")
                .params(f.id(), f.profileId(), f.subjectType(), f.subjectId(), f.subjectTitle(), f.chain(), f.ruleId(),
                        f.filedById(), f.filedWithId(), f.dueOn(), f.state().name(), f.previousStepId(), f.batchId(),
                        Timestamp.from(f.createdAt()), Timestamp.from(f.updatedAt()))
                .update();
    }

    private static Filing row(ResultSet rs, int n) throws SQLException {
        return new Filing(rs.getObject("id", UUID.class), rs.getString("profile_id"), rs.getString("subject_type"),
                rs.getObject("subject_id", UUID.class), rs.getString("subject_title"), rs.getString("chain"),
                rs.getString("rule_id"), rs.getObject("filed_by_org_id", UUID.class),
                rs.getObject("filed_with_org_id", UUID.class), rs.getObject("due_on", LocalDate.class),
                FilingState.valueOf(rs.getString("state")), rs.getObject("previous_step_id", UUID.class),
                rs.getObject("batch_id", UUID.class), rs.getObject("filed_on", LocalDate.class),
                rs.getString("filed_by"), rs.getString("late_reason"), rs.getString("note"),
                rs.getString("receipt_number"), rs.getString("received_by"), rs.getObject("received_on", LocalDate.class),
                rs.getString("return_reason"), rs.getBoolean("overdue_notified"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
