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
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
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
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Implementation plans (实施方案, JL-plan): drafted by a data authority, an industry regulator or an implementing
 * agency it guides, with the contents the profile requires ({@code plan.contents.required}); submitted to the
 * government of the authority's level and approved there under 三重一大 (the authority of that level records the
 * government's reference and decision — approval at another level is refused); then filed within
 * {@code plan.filing.deadline} up the chain county → city (aggregated) → province ({@link Filings}). An approved
 * plan changes only through a new version that goes through approval again ({@code plan.change.reapproval.required});
 * the old version stays readable and is superseded when the new one is approved.
 */
@Service
class ImplementationPlans {

    private static final Pattern SECTION_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,59}");

    record Draft(String title, String model, @Nullable String domain, List<String> scenarios,
            @Nullable UUID authorityId, @Nullable UUID agencyId, List<Section> sections) {}

    record Section(String key, String title, String body) {}

    record Changes(@Nullable String title, @Nullable String model, @Nullable String domain,
            @Nullable List<String> scenarios) {}

    private final JdbcClient jdbc;
    private final OrganizationDirectory organizations;
    private final JurisdictionProfiles profiles;
    private final Filings filings;
    private final LifecycleHistory history;
    private final AuditTrail audit;
    private final Clock clock;

    ImplementationPlans(JdbcClient jdbc, OrganizationDirectory organizations, JurisdictionProfiles profiles,
            Filings filings, LifecycleHistory history, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.profiles = profiles;
        this.filings = filings;
        this.history = history;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE);
    }

    // drafting

    @Transactional
    ImplementationPlan draft(Draft d, Actor actor) {
        JurisdictionProfile profile = profiles.active();
        RuleRef rule = planRule(profile);
        UUID drafterId = organizationOf(actor);
        OrganizationSummary drafter = organizations.find(drafterId)
                .orElseThrow(() -> ProblemException.notFound("organization", drafterId));
        if (drafter.type() != OrganizationType.AUTHORITY && drafter.type() != OrganizationType.INDUSTRY_REGULATOR
                && drafter.type() != OrganizationType.IMPLEMENTING_AGENCY) {
            throw ProblemException.ruleViolation(rule, "authorization.plan.drafter-not-allowed");
        }
        UUID authorityId = drafter.type() == OrganizationType.AUTHORITY ? drafterId : d.authorityId();
        if (authorityId == null) {
            throw ProblemException.ruleViolation(rule, "authorization.plan.authority-required");
        }
        OrganizationSummary authority = organizations.find(authorityId)
                .orElseThrow(() -> ProblemException.notFound("organization", authorityId));
        if (authority.type() != OrganizationType.AUTHORITY || authority.authorityLevel() == null) {
            throw ProblemException.ruleViolation(rule, "authorization.plan.authority-required");
        }
        UUID agencyId = drafter.type() == OrganizationType.IMPLEMENTING_AGENCY ? drafterId : d.agencyId();
        List<String> scenarios = clean(d.scenarios());
        checkModel(profile, d.model(), d.domain(), scenarios);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        ImplementationPlan p = new ImplementationPlan(id, id, 1, profile.id(), d.title().strip(), d.model(),
                blank(d.domain()), scenarios, drafterId, authorityId, authority.authorityLevel(), agencyId,
                PlanState.DRAFT, null, null, null, null, null, null, null, actor.username(), now, now);
        insert(p);
        int position = 1;
        for (Section s : d.sections()) {
            putSectionRow(id, s, position++);
        }
        history.record(new LifecycleHistory.Entry(ImplementationPlan.SUBJECT, id, null, PlanState.DRAFT.name(),
                actor.username(), null, rule.id(), now));
        audit.record(AuditEvent.of("authorization.plan-draft", ImplementationPlan.SUBJECT, id).by(actor)
                .underRule(rule.id()).with("model", d.model()).with("authority", authorityId)
                .with("level", authority.authorityLevel()));
        return p;
    }

    @Transactional
    List<Section> putSection(UUID id, Section s, Actor actor) {
        ImplementationPlan p = require(id, actor);
        requireEditor(p, actor);
        if (p.state() != PlanState.DRAFT) {
            throw ProblemException.conflict("authorization.plan.not-draft", p.state().name());
        }
        Integer position = jdbc.sql("select position from authorization_plan_section where plan_id = ? and section_key = ?")
                .params(id, s.key()).query(Integer.class).optional().orElseGet(() -> jdbc.sql(
                        "select coalesce(max(position), 0) + 1 from authorization_plan_section where plan_id = ?")
                        .param(id).query(Integer.class).single());
        putSectionRow(id, s, position);
        audit.record(AuditEvent.of("authorization.plan-section-put", ImplementationPlan.SUBJECT, id).by(actor)
                .with("section", s.key()).with("version", p.version()));
        return sections(id);
    }

    @Transactional
    ImplementationPlan submit(UUID id, Actor actor) {
        ImplementationPlan p = require(id, actor);
        requireEditor(p, actor);
        JurisdictionProfile profile = profiles.require(p.profileId());
        if (p.state() == PlanState.DRAFT && profile.has("plan.contents.required")) {
            var required = profile.items("plan.contents.required");
            List<Section> present = sections(id);
            List<String> missing = required.value().stream().filter(i -> present.stream()
                    .noneMatch(s -> s.key().equals(i.key()) && !s.body().isBlank()))
                    .map(i -> i.key() + "（" + i.zh() + "）").toList();
            if (!missing.isEmpty()) {
                audit.record(AuditEvent.of("authorization.plan-submit", ImplementationPlan.SUBJECT, id).by(actor)
                        .refused("authorization.plan.contents-missing", required.rule().id()));
                throw ProblemException.ruleViolation(required.rule(), "authorization.plan.contents-missing",
                        String.join("、", missing));
            }
        }
        return move(p, PlanState.SUBMITTED, actor, "submitted to the government of level " + p.level(),
                approvalRule(profile));
    }

    @Transactional
    ImplementationPlan withdraw(UUID id, String reason, Actor actor) {
        ImplementationPlan p = require(id, actor);
        requireEditor(p, actor);
        return move(p, PlanState.WITHDRAWN, actor, reason, planRule(profiles.require(p.profileId())));
    }

    // the authority of the plan's level

    @Transactional
    ImplementationPlan returnToDraft(UUID id, String reason, Actor actor) {
        ImplementationPlan p = require(id, actor);
        requireLevelAuthority(p, actor);
        return move(p, PlanState.DRAFT, actor, reason, approvalRule(profiles.require(p.profileId())));
    }

    /**
     * Records the government's approval: only the data authority of the plan's level, for the government of
     * that same level, with the government's reference and the 三重一大 decision. Opens the filing chain;
     * a revision supersedes the version it changes.
     */
    @Transactional
    ImplementationPlan approve(UUID id, AuthorityLevel governmentLevel, @Nullable String governmentReference,
            @Nullable String collectiveDecision, Actor actor) {
        ImplementationPlan p = require(id, actor);
        requireLevelAuthority(p, actor);
        JurisdictionProfile profile = profiles.require(p.profileId());
        RuleRef rule = approvalRule(profile);
        if (p.state() != PlanState.SUBMITTED) {
            throw ProblemException.conflict("authorization.plan.transition-refused", p.state().name(),
                    PlanState.APPROVED.name());
        }
        if (governmentLevel != p.level()) {
            audit.record(AuditEvent.of("authorization.plan-approve", ImplementationPlan.SUBJECT, id).by(actor)
                    .refused("authorization.plan.wrong-government-level", rule.id()).with("level", governmentLevel));
            throw ProblemException.ruleViolation(rule, "authorization.plan.wrong-government-level",
                    governmentLevel.name(), p.level().name());
        }
        if (governmentReference == null || governmentReference.isBlank() || collectiveDecision == null
                || collectiveDecision.isBlank()) {
            audit.record(AuditEvent.of("authorization.plan-approve", ImplementationPlan.SUBJECT, id).by(actor)
                    .refused("authorization.plan.decision-required", rule.id()));
            throw ProblemException.ruleViolation(rule, "authorization.plan.decision-required");
        }
        LocalDate today = today();
        ImplementationPlan approved = move(p, PlanState.APPROVED, actor, "approved by the " + governmentLevel
                + " government: " + governmentReference.strip() + "; " + collectiveDecision.strip(), rule);
        jdbc.sql("""
                update authorization_plan set government_reference = ?, collective_decision = ?, approved_on = ?,
                    approved_by = ? where id = ?""")
                .params(governmentReference.strip(), collectiveDecision.strip(), today, actor.username(), id).update();
        if (p.supersedesId() != null) {
            find(p.supersedesId()).filter(ImplementationPlan::inEffect).ifPresent(old -> {
                move(old, PlanState.SUPERSEDED, actor, "superseded by version " + p.version(), planRule(profile));
                filings.withdrawOpen(ImplementationPlan.SUBJECT, old.id(), "superseded by version " + p.version(),
                        actor);
            });
        }
        Optional<Filing> filing = filings.openLevelChain(profile, "plan-filing", "plan.filing.deadline",
                ImplementationPlan.SUBJECT, id, p.title() + " v" + p.version(), p.authorityId(), today, actor);
        if (filing.isEmpty()) {
            move(approved, PlanState.FILED, actor, "kept on record by the province authority itself",
                    profile.timeLimit("plan.filing.deadline").rule());
            jdbc.sql("update authorization_plan set filed_on = ? where id = ?").params(today, id).update();
        }
        return find(id).orElseThrow();
    }

    /** The last step of the plan's filing chain was received by the province: the plan is filed. */
    @EventListener
    void on(Filings.ChainCompleted completed) {
        if (!completed.subjectType().equals(ImplementationPlan.SUBJECT)) {
            return;
        }
        find(completed.subjectId()).filter(p -> p.state() == PlanState.APPROVED).ifPresent(p -> {
            move(p, PlanState.FILED, org.pdao.shared.Actors.currentOrSystem(), "filing received, step "
                    + completed.lastStepId(), profiles.require(p.profileId()).timeLimit("plan.filing.deadline").rule());
            jdbc.sql("update authorization_plan set filed_on = ? where id = ?").params(completed.receivedOn(), p.id())
                    .update();
        });
    }

    /** A change of an approved plan: a new version (draft) that must be approved again; the old one stays in effect until then. */
    @Transactional
    ImplementationPlan revise(UUID id, String reason, Changes changes, Actor actor) {
        ImplementationPlan p = require(id, actor);
        requireEditor(p, actor);
        JurisdictionProfile profile = profiles.require(p.profileId());
        RuleRef rule = profile.has("plan.change.reapproval.required")
                ? profile.flag("plan.change.reapproval.required").rule() : planRule(profile);
        if (!p.inEffect()) {
            throw ProblemException.conflict("authorization.plan.not-in-effect", p.state().name());
        }
        boolean open = jdbc.sql("select count(*) from authorization_plan where supersedes_id = ? and state in ('DRAFT', 'SUBMITTED')")
                .param(id).query(Long.class).single() > 0;
        if (open) {
            throw ProblemException.conflict("authorization.plan.revision-open");
        }
        String model = changes.model() != null ? changes.model() : p.model();
        String domain = changes.domain() != null ? changes.domain() : p.domain();
        List<String> scenarios = changes.scenarios() != null ? clean(changes.scenarios()) : p.scenarios();
        checkModel(profile, model, domain, scenarios);
        int version = jdbc.sql("select max(version) from authorization_plan where plan_key = ?").param(p.planKey())
                .query(Integer.class).single() + 1;
        Instant now = clock.instant();
        ImplementationPlan next = new ImplementationPlan(UUID.randomUUID(), p.planKey(), version, p.profileId(),
                changes.title() != null ? changes.title().strip() : p.title(), model, blank(domain), scenarios,
                organizationOf(actor), p.authorityId(), p.level(), p.agencyId(), PlanState.DRAFT, p.id(),
                reason.strip(), null, null, null, null, null, actor.username(), now, now);
        insert(next);
        for (Section s : sections(p.id())) {
            putSectionRow(next.id(), s, positionOf(p.id(), s.key()));
        }
        history.record(new LifecycleHistory.Entry(ImplementationPlan.SUBJECT, next.id(), null, PlanState.DRAFT.name(),
                actor.username(), "revision of version " + p.version() + ": " + reason, rule.id(), now));
        audit.record(AuditEvent.of("authorization.plan-revise", ImplementationPlan.SUBJECT, next.id()).by(actor)
                .underRule(rule.id()).because(reason).with("supersedes", p.id()).with("version", version));
        return next;
    }

    // reading

    ImplementationPlan require(UUID id, Actor actor) {
        ImplementationPlan p = find(id).orElseThrow(() -> ProblemException.notFound("implementation-plan", id));
        if (!mayRead(p, actor)) {
            throw ProblemException.notFound("implementation-plan", id);
        }
        return p;
    }

    Optional<ImplementationPlan> find(UUID id) {
        return jdbc.sql("select * from authorization_plan where id = ?").param(id).query(ImplementationPlans::row)
                .optional();
    }

    List<ImplementationPlan> versions(UUID planKey) {
        return jdbc.sql("select * from authorization_plan where plan_key = ? order by version").param(planKey)
                .query(ImplementationPlans::row).list();
    }

    List<Section> sections(UUID id) {
        return jdbc.sql("select * from authorization_plan_section where plan_id = ? order by position, section_key")
                .param(id).query((rs, n) -> new Section(rs.getString("section_key"), rs.getString("title"),
                        rs.getString("body"))).list();
    }

    Page<ImplementationPlan> list(@Nullable PlanState state, @Nullable String model, int page, int size, Actor actor) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!seesAll(actor)) {
            UUID org = organizationOf(actor);
            where.append(" and (drafter_org_id = ? or authority_org_id = ? or agency_org_id = ? or state in ('APPROVED', 'FILED'))");
            args.addAll(List.of(org, org, org));
        }
        if (state != null) {
            where.append(" and state = ?");
            args.add(state.name());
        }
        if (model != null) {
            where.append(" and model = ?");
            args.add(model);
        }
        long total = jdbc.sql("select count(*) from authorization_plan" + where).params(args).query(Long.class).single();
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        return new Page<>(jdbc.sql("select * from authorization_plan" + where
                + " order by created_at desc limit ? offset ?").params(pageArgs).query(ImplementationPlans::row).list(),
                page, size, total);
    }

    List<LifecycleHistory.Entry> history(UUID id) {
        return history.of(ImplementationPlan.SUBJECT, id);
    }

    // the guarded transition

    private ImplementationPlan move(ImplementationPlan p, PlanState target, Actor actor, @Nullable String reason,
            RuleRef rule) {
        Instant now = clock.instant();
        try {
            p.state().next(target);
        } catch (IllegalTransition e) {
            audit.record(AuditEvent.of("authorization.plan-transition", ImplementationPlan.SUBJECT, p.id()).by(actor)
                    .refused("transition not allowed", rule.id()).with("from", e.from()).with("to", e.to()));
            throw ProblemException.conflict("authorization.plan.transition-refused", e.from(), e.to());
        }
        int changed = jdbc.sql("update authorization_plan set state = ?, updated_at = ? where id = ? and state = ?")
                .params(target.name(), Timestamp.from(now), p.id(), p.state().name()).update();
        if (changed != 1) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
        history.record(new LifecycleHistory.Entry(ImplementationPlan.SUBJECT, p.id(), p.state().name(), target.name(),
                actor.username(), reason, rule.id(), now));
        AuditEvent event = AuditEvent.of("authorization.plan-transition", ImplementationPlan.SUBJECT, p.id()).by(actor)
                .underRule(rule.id()).with("from", p.state()).with("to", target).with("version", p.version());
        audit.record(reason == null ? event : event.because(reason));
        return find(p.id()).orElseThrow();
    }

    // checks

    private static void checkModel(JurisdictionProfile profile, String model, @Nullable String domain,
            List<String> scenarios) {
        var models = profile.items("authorization.models");
        if (models.value().stream().noneMatch(i -> i.key().equals(model))) {
            throw ProblemException.ruleViolation(models.rule(), "authorization.agreement.model-unknown",
                    String.join(", ", models.value().stream().map(ListItem::key).toList()));
        }
        if (model.equals("PER_DOMAIN") && (domain == null || domain.isBlank())) {
            throw ProblemException.ruleViolation(models.rule(), "authorization.plan.domain-required");
        }
        if (model.equals("PER_SCENARIO") && scenarios.isEmpty()) {
            throw ProblemException.ruleViolation(models.rule(), "authorization.plan.scenarios-required");
        }
    }

    private static RuleRef planRule(JurisdictionProfile profile) {
        if (!profile.has("approval.chain.plan")) {
            throw ProblemException.ruleViolation(profile.items("authorization.models").rule(),
                    "authorization.plan.not-in-profile");
        }
        return profile.approvalChain("plan").rule();
    }

    private static RuleRef approvalRule(JurisdictionProfile profile) {
        return planRule(profile);
    }

    private void requireEditor(ImplementationPlan p, Actor actor) {
        if (!p.drafterId().equals(actor.organizationId()) && !p.authorityId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.plan.not-editor", null);
        }
    }

    private static void requireLevelAuthority(ImplementationPlan p, Actor actor) {
        if (!p.authorityId().equals(actor.organizationId()) || !actor.hasRole("AUTHORITY")) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.plan.not-level-authority", null);
        }
    }

    private static boolean mayRead(ImplementationPlan p, Actor actor) {
        return seesAll(actor) || p.involves(actor.organizationId()) || p.inEffect() || p.state() == PlanState.SUPERSEDED;
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

    private static List<String> clean(List<String> values) {
        return values.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private int positionOf(UUID planId, String key) {
        return jdbc.sql("select position from authorization_plan_section where plan_id = ? and section_key = ?")
                .params(planId, key).query(Integer.class).single();
    }

    private void putSectionRow(UUID planId, Section s, int position) {
        if (!SECTION_KEY.matcher(s.key()).matches()) {
            throw ProblemException.badRequest("authorization.plan.section-key-invalid");
        }
        int changed = jdbc.sql("update authorization_plan_section set title = ?, body = ? where plan_id = ? and section_key = ?")
                .params(s.title().strip(), s.body().strip(), planId, s.key()).update();
        if (changed == 0) {
            jdbc.sql("insert into authorization_plan_section (plan_id, section_key, position, title, body) values (?, ?, ?, ?, ?)")
                    .params(planId, s.key(), position, s.title().strip(), s.body().strip()).update();
        }
    }

    private void insert(ImplementationPlan p) {
        jdbc.sql("""
                insert into authorization_plan (id, plan_key, version, profile_id, title, model, domain, scenarios,
                    drafter_org_id, authority_org_id, authority_level, agency_org_id, state, supersedes_id,
                    change_reason, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.id(), p.planKey(), p.version(), p.profileId(), p.title(), p.model(), p.domain(),
                        String.join("\n", p.scenarios()), p.drafterId(), p.authorityId(), p.level().name(),
                        p.agencyId(), p.state().name(), p.supersedesId(), p.changeReason(), p.createdBy(),
                        Timestamp.from(p.createdAt()), Timestamp.from(p.updatedAt()))
                .update();
    }

    private static ImplementationPlan row(ResultSet rs, int n) throws SQLException {
        String scenarios = rs.getString("scenarios");
        return new ImplementationPlan(rs.getObject("id", UUID.class), rs.getObject("plan_key", UUID.class),
                rs.getInt("version"), rs.getString("profile_id"), rs.getString("title"), rs.getString("model"),
                rs.getString("domain"), scenarios.isEmpty() ? List.of() : Arrays.asList(scenarios.split("\n")),
                rs.getObject("drafter_org_id", UUID.class), rs.getObject("authority_org_id", UUID.class),
                AuthorityLevel.valueOf(rs.getString("authority_level")), rs.getObject("agency_org_id", UUID.class),
                PlanState.valueOf(rs.getString("state")), rs.getObject("supersedes_id", UUID.class),
                rs.getString("change_reason"), rs.getString("government_reference"),
                rs.getString("collective_decision"), rs.getObject("approved_on", LocalDate.class),
                rs.getString("approved_by"), rs.getObject("filed_on", LocalDate.class), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
