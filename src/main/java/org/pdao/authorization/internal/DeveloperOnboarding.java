package org.pdao.authorization.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.authorization.AgreementTier;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
import org.pdao.jurisdiction.Deadline;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.ListItem;
import org.pdao.jurisdiction.Ruled;
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
 * Developer onboarding (二级开发主体入驻审核, TZ-9): application with materials, automatic admission checks
 * (TZ-7), the operator's decision within {@code onboarding.decision.deadline} working days of receiving the
 * materials, a rejection with reasons, and the filing of an approval with the authority within
 * {@code onboarding.filing.deadline} working days. A step still open after its deadline publishes
 * {@link DeadlineOverdue} once. A late decision or filing is not void — the applicant still needs it — but
 * it is refused unless the operator states why it is late (see docs/decisions/2026-12-02-onboarding-deadlines.md).
 */
@Service
class DeveloperOnboarding {

    static final String SUBJECT = "onboarding-application";
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,59}");

    private final JdbcClient jdbc;
    private final Materials materials;
    private final Agreements agreements;
    private final OrganizationDirectory organizations;
    private final JurisdictionProfiles profiles;
    private final WorkingDayCalendar calendar;
    private final LifecycleHistory history;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Filings filings;

    DeveloperOnboarding(JdbcClient jdbc, Materials materials, Agreements agreements,
            OrganizationDirectory organizations, JurisdictionProfiles profiles, WorkingDayCalendar calendar,
            LifecycleHistory history, AuditTrail audit, ApplicationEventPublisher events, Clock clock,
            Filings filings) {
        this.filings = filings;
        this.jdbc = jdbc;
        this.materials = materials;
        this.agreements = agreements;
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

    // the applicant

    @Transactional
    OnboardingApplication apply(UUID operatorId, List<String> scenarios, String description, Actor actor) {
        JurisdictionProfile profile = profiles.active();
        profile.workingDays("onboarding.decision.deadline");
        UUID applicantId = organizationOf(actor);
        OrganizationSummary applicant = organizations.find(applicantId)
                .orElseThrow(() -> ProblemException.notFound("organization", applicantId));
        OrganizationSummary operator = organizations.find(operatorId)
                .orElseThrow(() -> ProblemException.notFound("organization", operatorId));
        RuleRef rule = profile.timeLimit("onboarding.decision.deadline").rule();
        if (operator.type() != OrganizationType.OPERATOR) {
            throw ProblemException.ruleViolation(rule, "authorization.onboarding.not-an-operator");
        }
        if (applicant.type() != OrganizationType.DEVELOPER) {
            throw ProblemException.ruleViolation(rule, "authorization.onboarding.applicant-not-developer");
        }
        if (applicantId.equals(operatorId)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.onboarding.own-application", null);
        }
        List<String> clean = scenarios.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        if (clean.isEmpty()) {
            throw ProblemException.badRequest("authorization.agreement.scenarios-required");
        }
        Instant now = clock.instant();
        OnboardingApplication a = new OnboardingApplication(UUID.randomUUID(), profile.id(), applicantId,
                applicant.name(), operatorId, clean, description.strip(), OnboardingState.DRAFT, null, null, null,
                null, null, null, null, null, null, null, false, false, actor.username(), now, now);
        jdbc.sql("""
                insert into authorization_onboarding (id, profile_id, applicant_org_id, applicant_name, operator_org_id,
                    scenarios, description, state, decision_overdue_notified, filing_overdue_notified, created_by,
                    created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, false, false, ?, ?, ?)""")
                .params(a.id(), a.profileId(), applicantId, applicant.name(), operatorId, String.join("\n", clean),
                        a.description(), a.state().name(), actor.username(), Timestamp.from(now), Timestamp.from(now))
                .update();
        history.record(new LifecycleHistory.Entry(SUBJECT, a.id(), null, a.state().name(), actor.username(), null,
                null, now));
        audit.record(AuditEvent.of("authorization.onboarding-apply", SUBJECT, a.id()).by(actor)
                .with("operator", operatorId));
        return a;
    }

    @Transactional
    Materials.Material addMaterial(UUID id, String kind, String fileName, byte[] content, Actor actor) {
        OnboardingApplication a = require(id, actor);
        requireApplicant(a, actor);
        if (a.state() != OnboardingState.DRAFT) {
            throw ProblemException.conflict("authorization.onboarding.not-draft", a.state().name());
        }
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (!KIND.matcher(kind).matches() || (profile.has("application.materials")
                && profile.items("application.materials").value().stream().noneMatch(i -> i.key().equals(kind)))) {
            throw ProblemException.badRequest("authorization.material.kind-unknown", profile.has("application.materials")
                    ? String.join(", ", profile.items("application.materials").value().stream().map(ListItem::key)
                            .toList()) : "");
        }
        return materials.store(SUBJECT, id, kind, fileName, content, actor);
    }

    @Transactional
    OnboardingApplication submit(UUID id, Actor actor) {
        OnboardingApplication a = require(id, actor);
        requireApplicant(a, actor);
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (a.state() == OnboardingState.DRAFT) {
            refuseUnless(actor, "authorization.onboarding-submit", id, materialsComplete(profile, id));
            refuseUnless(actor, "authorization.onboarding-submit", id, admission(profile, a.applicantId()));
            refuseUnless(actor, "authorization.onboarding-submit", id, operatorAuthorized(profile, a.operatorId()));
        }
        LocalDate today = today();
        Deadline due = calendar.deadline(today, profile.timeLimit("onboarding.decision.deadline"));
        OnboardingApplication next = move(a, OnboardingState.SUBMITTED, actor, "materials received", due.rule());
        jdbc.sql("update authorization_onboarding set submitted_on = ?, decision_due = ? where id = ?")
                .params(today, due.due(), id).update();
        return require(id, actor);
    }

    @Transactional
    OnboardingApplication withdraw(UUID id, String reason, Actor actor) {
        OnboardingApplication a = require(id, actor);
        requireApplicant(a, actor);
        return move(a, OnboardingState.WITHDRAWN, actor, reason, null);
    }

    // the operator

    @Transactional
    OnboardingApplication approve(UUID id, @Nullable String reason, @Nullable String lateReason, Actor actor) {
        OnboardingApplication a = require(id, actor);
        requireDecider(a, actor);
        JurisdictionProfile profile = profiles.require(a.profileId());
        requireState(a, OnboardingState.SUBMITTED, OnboardingState.APPROVED);
        Ruled<TimeLimit> limit = profile.timeLimit("onboarding.decision.deadline");
        refuseUnless(actor, "authorization.onboarding-approve", id,
                onTimeOrExplained(limit.rule(), a.decisionDue(), lateReason, "authorization.onboarding.decision-late"),
                admission(profile, a.applicantId()), operatorAuthorized(profile, a.operatorId()));
        LocalDate today = today();
        Deadline filing = calendar.deadline(today, profile.timeLimit("onboarding.filing.deadline"));
        move(a, OnboardingState.APPROVED, actor, reason == null ? "approved" : reason, limit.rule());
        jdbc.sql("""
                update authorization_onboarding set decided_on = ?, decided_by = ?, decision_reason = ?,
                    decision_late_reason = ?, filing_due = ? where id = ?""")
                .params(today, actor.username(), reason, blankToNull(lateReason), filing.due(), id).update();
        Ruled<TimeLimit> filingLimit = profile.timeLimit("onboarding.filing.deadline");
        filings.open(new Filings.Duty(profile, SUBJECT, id, a.applicantName(), "developer-onboarding",
                filingLimit.rule(), a.operatorId(), supervisingAuthority(a.operatorId()).orElse(null),
                filingLimit.value(), today, null), actor);
        return require(id, actor);
    }

    @Transactional
    OnboardingApplication reject(UUID id, @Nullable String reasons, @Nullable String lateReason, Actor actor) {
        OnboardingApplication a = require(id, actor);
        requireDecider(a, actor);
        JurisdictionProfile profile = profiles.require(a.profileId());
        requireState(a, OnboardingState.SUBMITTED, OnboardingState.REJECTED);
        Ruled<TimeLimit> limit = profile.timeLimit("onboarding.decision.deadline");
        boolean reasonsRequired = !profile.has("onboarding.rejection.reasons.required")
                || profile.flag("onboarding.rejection.reasons.required").value();
        if (reasonsRequired && (reasons == null || reasons.isBlank())) {
            RuleRef rule = profile.has("onboarding.rejection.reasons.required")
                    ? profile.flag("onboarding.rejection.reasons.required").rule() : limit.rule();
            refuseUnless(actor, "authorization.onboarding-reject", id,
                    Decision.refused(rule, "authorization.onboarding.reasons-required"));
        }
        refuseUnless(actor, "authorization.onboarding-reject", id,
                onTimeOrExplained(limit.rule(), a.decisionDue(), lateReason, "authorization.onboarding.decision-late"));
        move(a, OnboardingState.REJECTED, actor, reasons, limit.rule());
        jdbc.sql("""
                update authorization_onboarding set decided_on = ?, decided_by = ?, decision_reason = ?,
                    decision_late_reason = ? where id = ?""")
                .params(today(), actor.username(), reasons, blankToNull(lateReason), id).update();
        return require(id, actor);
    }

    /** The operator files an approval with the authority that authorized it (TZ-9 "报市数据主管部门备案"). */
    @Transactional
    OnboardingApplication file(UUID id, @Nullable String lateReason, Actor actor) {
        OnboardingApplication a = require(id, actor);
        requireDecider(a, actor);
        JurisdictionProfile profile = profiles.require(a.profileId());
        requireState(a, OnboardingState.APPROVED, OnboardingState.FILED);
        Ruled<TimeLimit> limit = profile.timeLimit("onboarding.filing.deadline");
        refuseUnless(actor, "authorization.onboarding-file", id,
                onTimeOrExplained(limit.rule(), a.filingDue(), lateReason, "authorization.onboarding.filing-late"));
        UUID authority = supervisingAuthority(a.operatorId()).orElseThrow(() -> ProblemException.ruleViolation(
                limit.rule(), "authorization.onboarding.no-authority"));
        move(a, OnboardingState.FILED, actor, "filed with " + authority, limit.rule());
        jdbc.sql("""
                update authorization_onboarding set filed_on = ?, filed_with_org_id = ?, filing_late_reason = ?
                where id = ?""")
                .params(today(), authority, blankToNull(lateReason), id).update();
        filings.markFiled(SUBJECT, id, authority, lateReason, actor);
        return require(id, actor);
    }

    // deadlines

    /** Publishes {@link DeadlineOverdue} once for every decision and every filing past its deadline; returns how many. */
    @Transactional
    int publishOverdue() {
        LocalDate today = today();
        int published = 0;
        for (OnboardingApplication a : jdbc.sql("""
                select * from authorization_onboarding where (state = 'SUBMITTED' and decision_due < ?
                    and decision_overdue_notified = false) or (state = 'APPROVED' and filing_due < ?
                    and filing_overdue_notified = false)""")
                .params(today, today).query(DeveloperOnboarding::row).list()) {
            JurisdictionProfile profile = profiles.require(a.profileId());
            boolean decision = a.state() == OnboardingState.SUBMITTED;
            String key = decision ? "onboarding.decision.deadline" : "onboarding.filing.deadline";
            String rule = profile.timeLimit(key).rule().id();
            events.publishEvent(new DeadlineOverdue(rule, decision ? "onboarding-decision" : "onboarding-filing",
                    a.id().toString(), a.operatorId(), supervisingAuthority(a.operatorId()).orElse(null),
                    java.util.Objects.requireNonNull(decision ? a.decisionDue() : a.filingDue()),
                    decision ? "authorization.onboarding.decision-overdue" : "authorization.onboarding.filing-overdue"));
            jdbc.sql("update authorization_onboarding set " + (decision ? "decision_overdue_notified"
                    : "filing_overdue_notified") + " = true where id = ?").param(a.id()).update();
            audit.record(AuditEvent.of("authorization.onboarding-overdue", SUBJECT, a.id()).by(Actor.system())
                    .underRule(rule).with("step", decision ? "decision" : "filing"));
            published++;
        }
        return published;
    }

    // reading

    /** True when the developer's onboarding with this operator was approved (TZ-9), so an agreement may follow. */
    boolean admitted(UUID operatorId, UUID developerId) {
        return jdbc.sql("""
                select count(*) from authorization_onboarding where operator_org_id = ? and applicant_org_id = ?
                    and state in ('APPROVED', 'FILED')""")
                .params(operatorId, developerId).query(Long.class).single() > 0;
    }

    OnboardingApplication require(UUID id, Actor actor) {
        OnboardingApplication a = jdbc.sql("select * from authorization_onboarding where id = ?").param(id)
                .query(DeveloperOnboarding::row).optional()
                .orElseThrow(() -> ProblemException.notFound("onboarding-application", id));
        if (!seesAll(actor) && !a.involves(actor.organizationId())) {
            throw ProblemException.notFound("onboarding-application", id);
        }
        return a;
    }

    Page<OnboardingApplication> list(@Nullable OnboardingState state, int page, int size, Actor actor) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!seesAll(actor)) {
            where.append(" and (applicant_org_id = ? or operator_org_id = ? or filed_with_org_id = ?)");
            UUID org = organizationOf(actor);
            args.addAll(List.of(org, org, org));
        }
        if (state != null) {
            where.append(" and state = ?");
            args.add(state.name());
        }
        long total = jdbc.sql("select count(*) from authorization_onboarding" + where).params(args)
                .query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<OnboardingApplication> items = jdbc.sql("select * from authorization_onboarding" + where
                + " order by created_at desc limit ? offset ?").params(pageArgs).query(DeveloperOnboarding::row).list();
        return new Page<>(items, page, size, total);
    }

    List<AdmissionChecks.Check> admissionChecks(OnboardingApplication a) {
        JurisdictionProfile profile = profiles.require(a.profileId());
        OrganizationSummary org = organizations.find(a.applicantId())
                .orElseThrow(() -> ProblemException.notFound("organization", a.applicantId()));
        return AdmissionChecks.run(profile, org, organizations.standing(a.applicantId()), today());
    }

    List<Materials.Material> materialsOf(UUID id) {
        return materials.of(SUBJECT, id);
    }

    List<String> missingMaterials(OnboardingApplication a) {
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (!profile.has("application.materials")) {
            return List.of();
        }
        List<String> present = materials.of(SUBJECT, a.id()).stream().map(Materials.Material::kind).toList();
        return profile.items("application.materials").value().stream().map(ListItem::key)
                .filter(k -> !present.contains(k)).toList();
    }

    /** Whether the actor may download a material of this application: the applicant, the operator, the authority it was filed with, authorities. */
    boolean mayDownload(UUID applicationId, Actor actor) {
        return jdbc.sql("select * from authorization_onboarding where id = ?").param(applicationId)
                .query(DeveloperOnboarding::row).optional()
                .map(a -> a.involves(actor.organizationId()) || actor.hasRole("AUTHORITY")).orElse(false);
    }

    List<LifecycleHistory.Entry> history(UUID id) {
        return history.of(SUBJECT, id);
    }

    // the guarded transition

    private OnboardingApplication move(OnboardingApplication a, OnboardingState target, Actor actor,
            @Nullable String reason, @Nullable RuleRef rule) {
        Instant now = clock.instant();
        OnboardingApplication next;
        try {
            next = a.transitionTo(target, now);
        } catch (IllegalTransition e) {
            audit.record(AuditEvent.of("authorization.onboarding-transition", SUBJECT, a.id()).by(actor)
                    .refused("transition not allowed", rule == null ? null : rule.id()).with("from", e.from())
                    .with("to", e.to()));
            throw ProblemException.conflict("authorization.onboarding.transition-refused", e.from(), e.to());
        }
        int changed = jdbc.sql("update authorization_onboarding set state = ?, updated_at = ? where id = ? and state = ?")
                .params(target.name(), Timestamp.from(now), a.id(), a.state().name()).update();
        if (changed != 1) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
        history.record(new LifecycleHistory.Entry(SUBJECT, a.id(), a.state().name(), target.name(), actor.username(),
                reason, rule == null ? null : rule.id(), now));
        AuditEvent event = AuditEvent.of("authorization.onboarding-transition", SUBJECT, a.id()).by(actor)
                .with("from", a.state()).with("to", target).with("applicant", a.applicantId())
                .with("operator", a.operatorId());
        if (reason != null) {
            event = event.because(reason);
        }
        if (rule != null) {
            event = event.underRule(rule.id());
        }
        audit.record(event);
        return next;
    }

    // checks

    private Decision materialsComplete(JurisdictionProfile profile, UUID id) {
        if (!profile.has("application.materials")) {
            return Decision.ALLOWED;
        }
        var required = profile.items("application.materials");
        List<String> present = materials.of(SUBJECT, id).stream().map(Materials.Material::kind).toList();
        List<String> missing = required.value().stream().filter(i -> !present.contains(i.key()))
                .map(i -> i.key() + "（" + i.zh() + "）").toList();
        return missing.isEmpty() ? Decision.ALLOWED
                : Decision.refused(required.rule(), "authorization.onboarding.materials-missing", String.join("、", missing));
    }

    private Decision admission(JurisdictionProfile profile, UUID applicantId) {
        OrganizationSummary org = organizations.find(applicantId)
                .orElseThrow(() -> ProblemException.notFound("organization", applicantId));
        return AdmissionChecks.verdict(AdmissionChecks.run(profile, org, organizations.standing(applicantId), today()));
    }

    private Decision operatorAuthorized(JurisdictionProfile profile, UUID operatorId) {
        LocalDate today = today();
        boolean authorized = agreements.ofParty(operatorId, List.of(AgreementState.EFFECTIVE)).stream()
                .anyMatch(g -> g.tier() == AgreementTier.OPERATOR && g.inForceOn(today));
        return authorized ? Decision.ALLOWED : Decision.refused(profile.items("authorization.models").rule(),
                "authorization.agreement.grantor-not-authorized");
    }

    private Decision onTimeOrExplained(RuleRef rule, @Nullable LocalDate due, @Nullable String lateReason, String code) {
        if (due == null || !today().isAfter(due) || (lateReason != null && !lateReason.isBlank())) {
            return Decision.ALLOWED;
        }
        return Decision.refused(rule, code, due.toString());
    }

    private Optional<UUID> supervisingAuthority(UUID operatorId) {
        LocalDate today = today();
        return agreements.ofParty(operatorId, List.of(AgreementState.EFFECTIVE, AgreementState.SUSPENDED)).stream()
                .filter(g -> g.tier() == AgreementTier.OPERATOR)
                .sorted((x, y) -> Boolean.compare(y.inForceOn(today), x.inForceOn(today)))
                .map(Agreement::grantorId).findFirst();
    }

    private void refuseUnless(Actor actor, String action, UUID id, Decision... decisions) {
        for (Decision d : decisions) {
            if (d instanceof Decision.Refused refused) {
                audit.record(AuditEvent.of(action, SUBJECT, id).by(actor).refused(refused.code(), refused.rule().id()));
                throw refused.problem();
            }
        }
    }

    private static void requireState(OnboardingApplication a, OnboardingState expected, OnboardingState target) {
        if (a.state() != expected) {
            throw ProblemException.conflict("authorization.onboarding.transition-refused", a.state().name(),
                    target.name());
        }
    }

    private static void requireApplicant(OnboardingApplication a, Actor actor) {
        if (!a.applicantId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.onboarding.not-applicant", null);
        }
    }

    /** The deciding operator: the application's operator, and never the applicant itself. */
    private static void requireDecider(OnboardingApplication a, Actor actor) {
        if (a.applicantId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.onboarding.own-application", null);
        }
        if (!a.operatorId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.onboarding.not-operator", null);
        }
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

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static OnboardingApplication row(ResultSet rs, int n) throws SQLException {
        String scenarios = rs.getString("scenarios");
        return new OnboardingApplication(rs.getObject("id", UUID.class), rs.getString("profile_id"),
                rs.getObject("applicant_org_id", UUID.class), rs.getString("applicant_name"),
                rs.getObject("operator_org_id", UUID.class),
                scenarios.isEmpty() ? List.of() : Arrays.asList(scenarios.split("\n")), rs.getString("description"),
                OnboardingState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                rs.getObject("submitted_on", LocalDate.class), rs.getObject("decision_due", LocalDate.class),
                rs.getObject("decided_on", LocalDate.class), rs.getString("decided_by"),
                rs.getString("decision_reason"), rs.getString("decision_late_reason"),
                rs.getObject("filing_due", LocalDate.class), rs.getObject("filed_on", LocalDate.class),
                rs.getObject("filed_with_org_id", UUID.class), rs.getString("filing_late_reason"),
                rs.getBoolean("decision_overdue_notified"), rs.getBoolean("filing_overdue_notified"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
