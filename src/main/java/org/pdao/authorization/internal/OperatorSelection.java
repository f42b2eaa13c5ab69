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
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.ListItem;
import org.pdao.jurisdiction.TimeLimit;
import org.pdao.jurisdiction.WorkingDayCalendar;
import org.pdao.shared.Actor;
import org.pdao.shared.Page;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Selecting an operator (TZ-6/8, SY-10, NJ-7/10, JL-agreement): an announcement states the conditions;
 * operators apply with the profile's materials; the automatic admission checks and the publisher's
 * qualification review (资格审查) sort the applications; an expert panel declares conflicts of interest and
 * scores with comments; the publisher proposes a candidate, records the government's approval, publicizes
 * the result where the profile requires (JL: 公示, objections handled) and publishes it. The agreement is
 * then drafted with the selected operator ({@code announcementId} on the draft).
 */
@Service
class OperatorSelection {

    static final String ANNOUNCEMENT = "announcement";
    static final String APPLICATION = "selection-application";
    private static final List<String> SELECTION_RULE_KEYS = List.of("approval.chain.operator-selection",
            "approval.chain.comprehensive-authorization", "selection.methods", "announcement.required",
            "announcement.frequency", "authorization.models");

    record Announcement(UUID id, String profileId, String model, UUID publisherId, String title, String conditions,
            List<String> zoneCodes, List<String> scenarios, @Nullable String tenderMode, int year, LocalDate closesOn,
            AnnouncementState state, @Nullable UUID selectedApplicationId, @Nullable String approvalReference,
            @Nullable String collectiveDecision, @Nullable LocalDate publicityUntil,
            @Nullable LocalDate resultPublishedOn, Instant createdAt, Instant updatedAt, @Nullable UUID planId) {}

    record Application(UUID id, UUID announcementId, UUID applicantId, String applicantName, String proposal,
            SelectionApplicationState state, @Nullable String qualification, Instant createdAt, Instant updatedAt) {}

    record Review(UUID applicationId, UUID userId, String username, boolean conflict, String statement,
            Instant declaredAt, @Nullable Integer score, @Nullable String comment, @Nullable Instant scoredAt) {}

    record Objection(UUID id, UUID announcementId, UUID filedByOrgId, String filedBy, String text, String state,
            @Nullable String resolution, Instant filedAt, @Nullable Instant resolvedAt) {}

    record Expert(UUID userId, String username, @Nullable UUID organizationId) {}

    record NewAnnouncement(@Nullable String model, String title, String conditions, List<String> zoneCodes,
            List<String> scenarios, @Nullable String tenderMode, LocalDate closesOn, @Nullable UUID planId) {

        NewAnnouncement(@Nullable String model, String title, String conditions, List<String> zoneCodes,
                List<String> scenarios, @Nullable String tenderMode, LocalDate closesOn) {
            this(model, title, conditions, zoneCodes, scenarios, tenderMode, closesOn, null);
        }
    }

    private final JdbcClient jdbc;
    private final Materials materials;
    private final OrganizationDirectory organizations;
    private final JurisdictionProfiles profiles;
    private final WorkingDayCalendar calendar;
    private final LifecycleHistory history;
    private final AuditTrail audit;
    private final Clock clock;
    private final ImplementationPlans plans;

    OperatorSelection(JdbcClient jdbc, Materials materials, OrganizationDirectory organizations,
            JurisdictionProfiles profiles, WorkingDayCalendar calendar, LifecycleHistory history, AuditTrail audit,
            Clock clock, ImplementationPlans plans) {
        this.plans = plans;
        this.jdbc = jdbc;
        this.materials = materials;
        this.organizations = organizations;
        this.profiles = profiles;
        this.calendar = calendar;
        this.history = history;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), AgreementLifecycle.ZONE);
    }

    // the announcement

    @Transactional
    Announcement announce(NewAnnouncement n, Actor actor) {
        JurisdictionProfile profile = profiles.active();
        UUID publisher = organizationOf(actor);
        OrganizationSummary org = organizations.find(publisher)
                .orElseThrow(() -> ProblemException.notFound("organization", publisher));
        RuleRef rule = selectionRule(profile);
        if (!AgreementPolicies.OPERATOR_GRANTORS.contains(org.type())) {
            refuse(actor, ANNOUNCEMENT, null, Decision.refused(rule, "authorization.agreement.grantor-not-public"));
        }
        List<ListItem> models = profile.items("authorization.models").value();
        String model = n.model() != null ? n.model() : models.get(0).key();
        if (models.stream().noneMatch(m -> m.key().equals(model))) {
            refuse(actor, ANNOUNCEMENT, null, Decision.refused(profile.items("authorization.models").rule(),
                    "authorization.agreement.model-unknown",
                    String.join(", ", models.stream().map(ListItem::key).toList())));
        }
        String tender = n.tenderMode();
        if (profile.has("selection.methods")) {
            var methods = profile.items("selection.methods");
            if (tender == null || methods.value().stream().noneMatch(m -> m.key().equals(tender))) {
                refuse(actor, ANNOUNCEMENT, null, Decision.refused(methods.rule(),
                        "authorization.selection.tender-mode-required",
                        String.join(", ", methods.value().stream().map(ListItem::key).toList())));
            }
        }
        if (profile.has("plan.required-before-selection") && profile.flag("plan.required-before-selection").value()) {
            RuleRef planRule = profile.flag("plan.required-before-selection").rule();
            ImplementationPlan plan = n.planId() == null ? null : plans.find(n.planId()).orElse(null);
            if (plan == null || !plan.inEffect()) {
                refuse(actor, ANNOUNCEMENT, null, Decision.refused(planRule, "authorization.selection.plan-required"));
            } else if (!plan.model().equals(model)) {
                refuse(actor, ANNOUNCEMENT, null, Decision.refused(planRule, "authorization.selection.plan-model",
                        plan.model(), model));
            } else if (!plan.involves(publisher)) {
                refuse(actor, ANNOUNCEMENT, null, Decision.refused(planRule, "authorization.selection.plan-not-own"));
            }
        }
        if (n.closesOn().isBefore(today())) {
            throw ProblemException.badRequest("authorization.selection.closes-in-past");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into authorization_announcement (id, profile_id, model, publisher_org_id, title, conditions,
                    zone_codes, scenarios, tender_mode, announcement_year, closes_on, state, created_by, created_at,
                    updated_at, plan_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, profile.id(), model, publisher, n.title().strip(), n.conditions().strip(),
                        String.join("\n", n.zoneCodes()), String.join("\n", n.scenarios()), tender,
                        today().getYear(), n.closesOn(), AnnouncementState.DRAFT.name(), actor.username(),
                        Timestamp.from(now), Timestamp.from(now), n.planId())
                .update();
        history.record(new LifecycleHistory.Entry(ANNOUNCEMENT, id, null, "DRAFT", actor.username(), null, null, now));
        audit.record(AuditEvent.of("authorization.announcement-draft", ANNOUNCEMENT, id).by(actor).with("model", model));
        return announcement(id);
    }

    @Transactional
    Announcement publish(UUID id, Actor actor) {
        Announcement a = publisherOf(id, actor);
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (profile.has("announcement.frequency") && a.state() == AnnouncementState.DRAFT) {
            var frequency = profile.timeLimit("announcement.frequency");
            long sameYear = jdbc.sql("""
                    select count(*) from authorization_announcement where publisher_org_id = ? and model = ?
                        and announcement_year = ? and state not in ('DRAFT', 'CANCELLED') and id <> ?""")
                    .params(a.publisherId(), a.model(), a.year(), id).query(Long.class).single();
            if (sameYear > 0) {
                refuse(actor, ANNOUNCEMENT, id, Decision.refused(frequency.rule(),
                        "authorization.selection.annual-announcement-exists", a.year()));
            }
        }
        move(a, AnnouncementState.PUBLISHED, actor, null, selectionRule(profile));
        return announcement(id);
    }

    @Transactional
    Announcement close(UUID id, Actor actor) {
        Announcement a = publisherOf(id, actor);
        if (a.state() == AnnouncementState.PUBLISHED && !today().isAfter(a.closesOn())) {
            throw ProblemException.conflict("authorization.selection.still-open", a.closesOn().toString());
        }
        move(a, AnnouncementState.CLOSED, actor, "applications closed", selectionRule(profiles.require(a.profileId())));
        return announcement(id);
    }

    @Transactional
    Announcement cancel(UUID id, String reason, Actor actor) {
        Announcement a = publisherOf(id, actor);
        move(a, AnnouncementState.CANCELLED, actor, reason, null);
        return announcement(id);
    }

    // applications

    @Transactional
    Application apply(UUID announcementId, String proposal, Actor actor) {
        Announcement a = announcement(announcementId);
        UUID applicant = organizationOf(actor);
        OrganizationSummary org = organizations.find(applicant)
                .orElseThrow(() -> ProblemException.notFound("organization", applicant));
        RuleRef rule = selectionRule(profiles.require(a.profileId()));
        if (org.type() != OrganizationType.OPERATOR) {
            refuse(actor, APPLICATION, null, Decision.refused(rule, "authorization.agreement.party-not-operator"));
        }
        if (a.state() != AnnouncementState.PUBLISHED || today().isAfter(a.closesOn())) {
            throw ProblemException.conflict("authorization.selection.not-open");
        }
        if (a.publisherId().equals(applicant)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.onboarding.own-application", null);
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                    insert into authorization_selection_application (id, announcement_id, applicant_org_id,
                        applicant_name, proposal, state, created_by, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, announcementId, applicant, org.name(), proposal.strip(), "DRAFT", actor.username(),
                            Timestamp.from(now), Timestamp.from(now))
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw ProblemException.conflict("authorization.selection.already-applied");
        }
        history.record(new LifecycleHistory.Entry(APPLICATION, id, null, "DRAFT", actor.username(), null, null, now));
        audit.record(AuditEvent.of("authorization.selection-apply", APPLICATION, id).by(actor)
                .with("announcement", announcementId));
        return application(id);
    }

    @Transactional
    Materials.Material addMaterial(UUID applicationId, String kind, String fileName, byte[] content, Actor actor) {
        Application app = application(applicationId);
        requireApplicant(app, actor);
        if (app.state() != SelectionApplicationState.DRAFT) {
            throw ProblemException.conflict("authorization.onboarding.not-draft", app.state().name());
        }
        JurisdictionProfile profile = profiles.require(announcement(app.announcementId()).profileId());
        if (!kind.matches("[A-Z][A-Z0-9_]{0,59}") || (profile.has("application.materials")
                && profile.items("application.materials").value().stream().noneMatch(i -> i.key().equals(kind)))) {
            throw ProblemException.badRequest("authorization.material.kind-unknown", profile.has("application.materials")
                    ? String.join(", ", profile.items("application.materials").value().stream().map(ListItem::key)
                            .toList()) : "");
        }
        return materials.store(APPLICATION, applicationId, kind, fileName, content, actor);
    }

    @Transactional
    Application submit(UUID applicationId, Actor actor) {
        Application app = application(applicationId);
        requireApplicant(app, actor);
        Announcement a = announcement(app.announcementId());
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (a.state() != AnnouncementState.PUBLISHED || today().isAfter(a.closesOn())) {
            throw ProblemException.conflict("authorization.selection.not-open");
        }
        if (profile.has("application.materials")) {
            var required = profile.items("application.materials");
            List<String> present = materials.of(APPLICATION, applicationId).stream().map(Materials.Material::kind)
                    .toList();
            List<String> missing = required.value().stream().filter(i -> !present.contains(i.key()))
                    .map(i -> i.key() + "（" + i.zh() + "）").toList();
            if (!missing.isEmpty()) {
                refuse(actor, APPLICATION, applicationId, Decision.refused(required.rule(),
                        "authorization.onboarding.materials-missing", String.join("、", missing)));
            }
        }
        refuse(actor, APPLICATION, applicationId, admission(profile, app.applicantId()));
        moveApplication(app, SelectionApplicationState.SUBMITTED, actor, null, null);
        return application(applicationId);
    }

    /** The publisher's qualification review (资格审查): never of its own application; admission re-checked. */
    @Transactional
    Application qualify(UUID applicationId, boolean qualified, String note, Actor actor) {
        Application app = application(applicationId);
        Announcement a = publisherOf(app.announcementId(), actor);
        if (app.applicantId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.onboarding.own-application", null);
        }
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (qualified) {
            refuse(actor, APPLICATION, applicationId, admission(profile, app.applicantId()));
        }
        moveApplication(app, qualified ? SelectionApplicationState.QUALIFIED : SelectionApplicationState.DISQUALIFIED,
                actor, note, selectionRule(profile).id());
        jdbc.sql("update authorization_selection_application set qualification = ? where id = ?")
                .params(note, applicationId).update();
        return application(applicationId);
    }

    // the expert panel

    @Transactional
    List<Expert> assignExpert(UUID announcementId, UUID userId, String username, @Nullable UUID organizationId,
            Actor actor) {
        Announcement a = publisherOf(announcementId, actor);
        if (a.state().isFinal()) {
            throw ProblemException.conflict("authorization.selection.finished");
        }
        boolean exists = jdbc.sql("select count(*) from authorization_expert where announcement_id = ? and user_id = ?")
                .params(announcementId, userId).query(Long.class).single() > 0;
        if (!exists) {
            jdbc.sql("""
                    insert into authorization_expert (announcement_id, user_id, username, organization_id, assigned_by,
                        assigned_at) values (?, ?, ?, ?, ?, ?)""")
                    .params(announcementId, userId, username, organizationId, actor.username(),
                            Timestamp.from(clock.instant()))
                    .update();
            audit.record(AuditEvent.of("authorization.expert-assign", ANNOUNCEMENT, announcementId).by(actor)
                    .with("expert", username));
        }
        return experts(announcementId);
    }

    @Transactional
    Review declare(UUID applicationId, boolean conflict, String statement, Actor actor) {
        Application app = application(applicationId);
        requireExpert(app.announcementId(), actor);
        Instant now = clock.instant();
        Optional<Review> existing = review(applicationId, actor.userId());
        if (existing.isPresent() && existing.get().score() != null) {
            throw ProblemException.conflict("authorization.selection.already-scored");
        }
        if (existing.isPresent()) {
            jdbc.sql("update authorization_expert_review set conflict = ?, statement = ?, declared_at = ? "
                    + "where application_id = ? and user_id = ?")
                    .params(conflict, statement, Timestamp.from(now), applicationId, actor.userId()).update();
        } else {
            jdbc.sql("""
                    insert into authorization_expert_review (application_id, user_id, username, conflict, statement,
                        declared_at) values (?, ?, ?, ?, ?, ?)""")
                    .params(applicationId, actor.userId(), actor.username(), conflict, statement, Timestamp.from(now))
                    .update();
        }
        audit.record(AuditEvent.of("authorization.expert-declare", APPLICATION, applicationId).by(actor)
                .with("conflict", conflict));
        return review(applicationId, actor.userId()).orElseThrow();
    }

    /** An expert scores (0–100, with a comment) only after declaring no conflict of interest. */
    @Transactional
    Review score(UUID applicationId, int score, String comment, Actor actor) {
        Application app = application(applicationId);
        Announcement a = requireExpert(app.announcementId(), actor);
        RuleRef rule = selectionRule(profiles.require(a.profileId()));
        Optional<Review> declared = review(applicationId, actor.userId());
        if (declared.isEmpty()) {
            refuse(actor, APPLICATION, applicationId, Decision.refused(rule, "authorization.selection.declaration-missing"));
        }
        if (declared.get().conflict()) {
            refuse(actor, APPLICATION, applicationId, Decision.refused(rule, "authorization.selection.expert-conflict"));
        }
        if (app.state() != SelectionApplicationState.QUALIFIED || a.state() != AnnouncementState.CLOSED) {
            throw ProblemException.conflict("authorization.selection.not-scorable");
        }
        if (score < 0 || score > 100 || comment.isBlank()) {
            throw ProblemException.badRequest("authorization.selection.score-invalid");
        }
        jdbc.sql("update authorization_expert_review set score = ?, comment = ?, scored_at = ? "
                + "where application_id = ? and user_id = ?")
                .params(score, comment.strip(), Timestamp.from(clock.instant()), applicationId, actor.userId()).update();
        audit.record(AuditEvent.of("authorization.expert-score", APPLICATION, applicationId).by(actor).underRule(rule.id())
                .with("score", score));
        return review(applicationId, actor.userId()).orElseThrow();
    }

    // decision

    /** The publisher proposes the candidate after qualification and (where the chain has it) expert review. */
    @Transactional
    Announcement propose(UUID announcementId, UUID applicationId, Actor actor) {
        Announcement a = publisherOf(announcementId, actor);
        Application app = application(applicationId);
        if (!app.announcementId().equals(announcementId) || app.state() != SelectionApplicationState.QUALIFIED) {
            throw ProblemException.conflict("authorization.selection.not-qualified");
        }
        JurisdictionProfile profile = profiles.require(a.profileId());
        RuleRef rule = selectionRule(profile);
        boolean expertsNeeded = chainHas(profile, "EXPERT") || !experts(announcementId).isEmpty();
        if (expertsNeeded && reviews(applicationId).stream().noneMatch(r -> !r.conflict() && r.score() != null)) {
            refuse(actor, ANNOUNCEMENT, announcementId, Decision.refused(rule, "authorization.selection.expert-review-missing"));
        }
        move(a, AnnouncementState.REVIEWED, actor, "candidate " + app.applicantName(), rule);
        jdbc.sql("update authorization_announcement set selected_application = ? where id = ?")
                .params(applicationId, announcementId).update();
        return announcement(announcementId);
    }

    /** Records the government's approval of the candidate (本级人民政府审定 / 市政府同意), by its reference. */
    @Transactional
    Announcement approve(UUID announcementId, String reference, Actor actor) {
        Announcement a = publisherOf(announcementId, actor);
        move(a, AnnouncementState.APPROVED, actor, "government approval " + reference,
                selectionRule(profiles.require(a.profileId())));
        jdbc.sql("update authorization_announcement set approval_reference = ? where id = ?").params(reference,
                announcementId).update();
        return announcement(announcementId);
    }

    /** Publicity (公示) for the profile's period, where the profile requires it (JL). */
    @Transactional
    Announcement publicize(UUID announcementId, Actor actor) {
        Announcement a = publisherOf(announcementId, actor);
        JurisdictionProfile profile = profiles.require(a.profileId());
        if (!publicityRequired(profile)) {
            throw ProblemException.conflict("authorization.selection.no-publicity");
        }
        TimeLimit period = (TimeLimit) profile.platformDefault("selection.publicity.period");
        LocalDate until = calendar.deadline(today(), period, null).due();
        move(a, AnnouncementState.IN_PUBLICITY, actor, "publicity until " + until,
                profile.flag("selection.publicity.required").rule());
        jdbc.sql("update authorization_announcement set publicity_until = ? where id = ?").params(until, announcementId)
                .update();
        return announcement(announcementId);
    }

    @Transactional
    Objection object(UUID announcementId, String text, Actor actor) {
        Announcement a = announcement(announcementId);
        if (a.state() != AnnouncementState.IN_PUBLICITY || today().isAfter(java.util.Objects.requireNonNull(
                a.publicityUntil()))) {
            throw ProblemException.conflict("authorization.selection.not-in-publicity");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into authorization_objection (id, announcement_id, filed_by_org_id, filed_by, text, state, filed_at)
                values (?, ?, ?, ?, ?, 'OPEN', ?)""")
                .params(id, announcementId, organizationOf(actor), actor.username(), text.strip(),
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(AuditEvent.of("authorization.selection-objection", ANNOUNCEMENT, announcementId).by(actor)
                .with("objection", id));
        return objection(id);
    }

    /** The publisher answers an objection; an upheld one sends the selection back to review. */
    @Transactional
    Objection resolve(UUID objectionId, boolean upheld, String resolution, Actor actor) {
        Objection o = objection(objectionId);
        Announcement a = publisherOf(o.announcementId(), actor);
        if (!o.state().equals("OPEN")) {
            throw ProblemException.conflict("authorization.selection.objection-closed");
        }
        jdbc.sql("update authorization_objection set state = ?, resolution = ?, resolved_at = ? where id = ?")
                .params(upheld ? "UPHELD" : "DISMISSED", resolution, Timestamp.from(clock.instant()), objectionId)
                .update();
        if (upheld) {
            move(a, AnnouncementState.CLOSED, actor, "objection upheld: " + resolution,
                    profiles.require(a.profileId()).flag("selection.publicity.required").rule());
            jdbc.sql("update authorization_announcement set selected_application = null, publicity_until = null "
                    + "where id = ?").param(a.id()).update();
        }
        audit.record(AuditEvent.of("authorization.selection-objection-resolve", ANNOUNCEMENT, a.id()).by(actor)
                .with("objection", objectionId).with("upheld", upheld));
        return objection(objectionId);
    }

    /**
     * Publishes the result: after the publicity period without an open objection where publicity is required,
     * and (JL) after the implementing agency's 三重一大 decision. The candidate becomes SELECTED.
     */
    @Transactional
    Announcement publishResult(UUID announcementId, @Nullable String collectiveDecision, Actor actor) {
        Announcement a = publisherOf(announcementId, actor);
        JurisdictionProfile profile = profiles.require(a.profileId());
        RuleRef rule = selectionRule(profile);
        if (publicityRequired(profile)) {
            RuleRef publicity = profile.flag("selection.publicity.required").rule();
            if (a.state() != AnnouncementState.IN_PUBLICITY) {
                refuse(actor, ANNOUNCEMENT, announcementId, Decision.refused(publicity,
                        "authorization.selection.publicity-required"));
            }
            if (!today().isAfter(java.util.Objects.requireNonNull(a.publicityUntil()))) {
                refuse(actor, ANNOUNCEMENT, announcementId, Decision.refused(publicity,
                        "authorization.selection.publicity-running", a.publicityUntil().toString()));
            }
            if (openObjections(announcementId) > 0) {
                refuse(actor, ANNOUNCEMENT, announcementId, Decision.refused(publicity,
                        "authorization.selection.objection-open"));
            }
        }
        if (collectiveDecisionRequired(profile) && (collectiveDecision == null || collectiveDecision.isBlank())) {
            refuse(actor, ANNOUNCEMENT, announcementId, Decision.refused(profile.approvalChain("agreement").rule(),
                    "authorization.selection.collective-decision-required"));
        }
        move(a, AnnouncementState.RESULT_PUBLISHED, actor, "result published", rule);
        jdbc.sql("update authorization_announcement set result_published_on = ?, collective_decision = ? where id = ?")
                .params(today(), collectiveDecision, announcementId).update();
        for (Application app : applications(announcementId)) {
            if (app.state() == SelectionApplicationState.QUALIFIED) {
                moveApplication(app, app.id().equals(a.selectedApplicationId()) ? SelectionApplicationState.SELECTED
                        : SelectionApplicationState.NOT_SELECTED, actor, "result published", rule.id());
            }
        }
        return announcement(announcementId);
    }

    /** The selected operator of a published result, for drafting its agreement. */
    Optional<UUID> selectedOperator(UUID announcementId) {
        Announcement a = announcement(announcementId);
        if (a.state() != AnnouncementState.RESULT_PUBLISHED || a.selectedApplicationId() == null) {
            return Optional.empty();
        }
        return Optional.of(application(a.selectedApplicationId()).applicantId());
    }

    // reading

    Announcement announcement(UUID id) {
        return jdbc.sql("select * from authorization_announcement where id = ?").param(id)
                .query(OperatorSelection::announcementRow).optional()
                .orElseThrow(() -> ProblemException.notFound("announcement", id));
    }

    /** Drafts are visible to their publisher only; everything published is public. */
    Announcement visibleAnnouncement(UUID id, Actor actor) {
        Announcement a = announcement(id);
        if (a.state() == AnnouncementState.DRAFT && !a.publisherId().equals(actor.organizationId())) {
            throw ProblemException.notFound("announcement", id);
        }
        return a;
    }

    Page<Announcement> announcements(int page, int size, Actor actor) {
        Page.checkedPage(page);
        Page.checkedSize(size);
        List<Announcement> items = jdbc.sql("select * from authorization_announcement where state <> 'DRAFT' "
                + "or publisher_org_id = ? order by created_at desc limit ? offset ?")
                .params(actor.organizationId(), size, (long) page * size).query(OperatorSelection::announcementRow).list();
        long total = jdbc.sql("select count(*) from authorization_announcement where state <> 'DRAFT' "
                + "or publisher_org_id = ?").param(actor.organizationId()).query(Long.class).single();
        return new Page<>(items, page, size, total);
    }

    Application application(UUID id) {
        return jdbc.sql("select * from authorization_selection_application where id = ?").param(id)
                .query(OperatorSelection::applicationRow).optional()
                .orElseThrow(() -> ProblemException.notFound("selection-application", id));
    }

    /** The applicant, the publisher and the announcement's experts see an application. */
    Application visibleApplication(UUID id, Actor actor) {
        Application app = application(id);
        if (!mayRead(app, actor)) {
            throw ProblemException.notFound("selection-application", id);
        }
        return app;
    }

    boolean mayRead(Application app, Actor actor) {
        Announcement a = announcement(app.announcementId());
        return app.applicantId().equals(actor.organizationId()) || a.publisherId().equals(actor.organizationId())
                || isExpert(a.id(), actor) || actor.hasRole("AUTHORITY");
    }

    boolean mayDownload(UUID applicationId, Actor actor) {
        try {
            return mayRead(application(applicationId), actor);
        } catch (ProblemException e) {
            return false;
        }
    }

    List<Application> applications(UUID announcementId) {
        return jdbc.sql("select * from authorization_selection_application where announcement_id = ? order by created_at")
                .param(announcementId).query(OperatorSelection::applicationRow).list();
    }

    List<Expert> experts(UUID announcementId) {
        return jdbc.sql("select * from authorization_expert where announcement_id = ? order by assigned_at")
                .param(announcementId).query((rs, n) -> new Expert(rs.getObject("user_id", UUID.class),
                        rs.getString("username"), rs.getObject("organization_id", UUID.class))).list();
    }

    List<Review> reviews(UUID applicationId) {
        return jdbc.sql("select * from authorization_expert_review where application_id = ? order by declared_at")
                .param(applicationId).query(OperatorSelection::reviewRow).list();
    }

    List<Objection> objections(UUID announcementId) {
        return jdbc.sql("select * from authorization_objection where announcement_id = ? order by filed_at")
                .param(announcementId).query(OperatorSelection::objectionRow).list();
    }

    List<Materials.Material> materialsOf(UUID applicationId) {
        return materials.of(APPLICATION, applicationId);
    }

    List<AdmissionChecks.Check> admissionChecks(Application app) {
        JurisdictionProfile profile = profiles.require(announcement(app.announcementId()).profileId());
        OrganizationSummary org = organizations.find(app.applicantId()).orElseThrow();
        return AdmissionChecks.run(profile, org, organizations.standing(app.applicantId()), today());
    }

    List<LifecycleHistory.Entry> history(String type, UUID id) {
        return history.of(type, id);
    }

    // the guarded transitions

    private void move(Announcement a, AnnouncementState target, Actor actor, @Nullable String reason,
            @Nullable RuleRef rule) {
        AnnouncementState next;
        try {
            next = a.state().next(target);
        } catch (IllegalTransition e) {
            audit.record(AuditEvent.of("authorization.announcement-transition", ANNOUNCEMENT, a.id()).by(actor)
                    .refused("transition not allowed", rule == null ? null : rule.id()).with("from", e.from())
                    .with("to", e.to()));
            throw ProblemException.conflict("authorization.selection.transition-refused", e.from(), e.to());
        }
        Instant now = clock.instant();
        if (jdbc.sql("update authorization_announcement set state = ?, updated_at = ? where id = ? and state = ?")
                .params(next.name(), Timestamp.from(now), a.id(), a.state().name()).update() != 1) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
        record(ANNOUNCEMENT, a.id(), a.state().name(), next.name(), actor, reason, rule == null ? null : rule.id(), now);
    }

    private void moveApplication(Application app, SelectionApplicationState target, Actor actor,
            @Nullable String reason, @Nullable String ruleId) {
        SelectionApplicationState next;
        try {
            next = app.state().next(target);
        } catch (IllegalTransition e) {
            audit.record(AuditEvent.of("authorization.selection-transition", APPLICATION, app.id()).by(actor)
                    .refused("transition not allowed", ruleId).with("from", e.from()).with("to", e.to()));
            throw ProblemException.conflict("authorization.selection.transition-refused", e.from(), e.to());
        }
        Instant now = clock.instant();
        if (jdbc.sql("update authorization_selection_application set state = ?, updated_at = ? where id = ? and state = ?")
                .params(next.name(), Timestamp.from(now), app.id(), app.state().name()).update() != 1) {
            throw ProblemException.conflict("authorization.agreement.changed-concurrently");
        }
        record(APPLICATION, app.id(), app.state().name(), next.name(), actor, reason, ruleId, now);
    }

    private void record(String type, UUID id, String from, String to, Actor actor, @Nullable String reason,
            @Nullable String ruleId, Instant now) {
        history.record(new LifecycleHistory.Entry(type, id, from, to, actor.username(), reason, ruleId, now));
        AuditEvent event = AuditEvent.of("authorization." + type + "-transition", type, id).by(actor)
                .with("from", from).with("to", to);
        if (reason != null) {
            event = event.because(reason);
        }
        if (ruleId != null) {
            event = event.underRule(ruleId);
        }
        audit.record(event);
    }

    // checks

    static RuleRef selectionRule(JurisdictionProfile profile) {
        for (String key : SELECTION_RULE_KEYS) {
            if (profile.has(key) && profile.entry(key).rule() != null) {
                return profile.entry(key).rule();
            }
        }
        throw new IllegalStateException("profile " + profile.id() + " has no authorization model");
    }

    private static boolean chainHas(JurisdictionProfile profile, String role) {
        for (String process : List.of("operator-selection", "comprehensive-authorization")) {
            if (profile.has("approval.chain." + process)
                    && profile.approvalChain(process).value().stream().anyMatch(i -> i.key().equals(role))) {
                return true;
            }
        }
        return false;
    }

    private static boolean publicityRequired(JurisdictionProfile profile) {
        return profile.has("selection.publicity.required") && profile.flag("selection.publicity.required").value();
    }

    private static boolean collectiveDecisionRequired(JurisdictionProfile profile) {
        return profile.has("approval.chain.agreement")
                && profile.approvalChain("agreement").value().stream().anyMatch(i -> i.key().equals("AGENCY"));
    }

    private long openObjections(UUID announcementId) {
        return jdbc.sql("select count(*) from authorization_objection where announcement_id = ? and state = 'OPEN'")
                .param(announcementId).query(Long.class).single();
    }

    private Decision admission(JurisdictionProfile profile, UUID applicantId) {
        OrganizationSummary org = organizations.find(applicantId)
                .orElseThrow(() -> ProblemException.notFound("organization", applicantId));
        return AdmissionChecks.verdict(AdmissionChecks.run(profile, org, organizations.standing(applicantId), today()));
    }

    private Announcement publisherOf(UUID id, Actor actor) {
        Announcement a = announcement(id);
        if (!a.publisherId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.selection.not-publisher", null);
        }
        return a;
    }

    private Announcement requireExpert(UUID announcementId, Actor actor) {
        Announcement a = announcement(announcementId);
        if (!isExpert(announcementId, actor)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.selection.not-assigned-expert", null);
        }
        return a;
    }

    private boolean isExpert(UUID announcementId, Actor actor) {
        return actor.userId() != null && actor.hasRole("EXPERT") && jdbc.sql(
                "select count(*) from authorization_expert where announcement_id = ? and user_id = ?")
                .params(announcementId, actor.userId()).query(Long.class).single() > 0;
    }

    private Optional<Review> review(UUID applicationId, @Nullable UUID userId) {
        return jdbc.sql("select * from authorization_expert_review where application_id = ? and user_id = ?")
                .params(applicationId, userId).query(OperatorSelection::reviewRow).optional();
    }

    private Objection objection(UUID id) {
        return jdbc.sql("select * from authorization_objection where id = ?").param(id)
                .query(OperatorSelection::objectionRow).optional()
                .orElseThrow(() -> ProblemException.notFound("objection", id));
    }

    private void refuse(Actor actor, String type, @Nullable UUID id, Decision d) {
        if (d instanceof Decision.Refused refused) {
            audit.record(AuditEvent.of("authorization." + type + "-refused", type, id).by(actor)
                    .refused(refused.code(), refused.rule().id()));
            throw refused.problem();
        }
    }

    private static void requireApplicant(Application app, Actor actor) {
        if (!app.applicantId().equals(actor.organizationId())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.onboarding.not-applicant", null);
        }
    }

    private static UUID organizationOf(Actor actor) {
        if (actor.organizationId() == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "authorization.no-organization", null);
        }
        return actor.organizationId();
    }

    private static List<String> lines(@Nullable String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }

    private static Announcement announcementRow(ResultSet rs, int n) throws SQLException {
        return new Announcement(rs.getObject("id", UUID.class), rs.getString("profile_id"), rs.getString("model"),
                rs.getObject("publisher_org_id", UUID.class), rs.getString("title"), rs.getString("conditions"),
                lines(rs.getString("zone_codes")), lines(rs.getString("scenarios")), rs.getString("tender_mode"),
                rs.getInt("announcement_year"), rs.getObject("closes_on", LocalDate.class),
                AnnouncementState.valueOf(rs.getString("state")), rs.getObject("selected_application", UUID.class),
                rs.getString("approval_reference"), rs.getString("collective_decision"),
                rs.getObject("publicity_until", LocalDate.class), rs.getObject("result_published_on", LocalDate.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getObject("plan_id", UUID.class));
    }

    private static Application applicationRow(ResultSet rs, int n) throws SQLException {
        return new Application(rs.getObject("id", UUID.class), rs.getObject("announcement_id", UUID.class),
                rs.getObject("applicant_org_id", UUID.class), rs.getString("applicant_name"), rs.getString("proposal"),
                SelectionApplicationState.valueOf(rs.getString("state")), rs.getString("qualification"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static Review reviewRow(ResultSet rs, int n) throws SQLException {
        Timestamp scored = rs.getTimestamp("scored_at");
        Object score = rs.getObject("score");
        return new Review(rs.getObject("application_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("username"), rs.getBoolean("conflict"), rs.getString("statement"),
                rs.getTimestamp("declared_at").toInstant(), score == null ? null : ((Number) score).intValue(),
                rs.getString("comment"), scored == null ? null : scored.toInstant());
    }

    private static Objection objectionRow(ResultSet rs, int n) throws SQLException {
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new Objection(rs.getObject("id", UUID.class), rs.getObject("announcement_id", UUID.class),
                rs.getObject("filed_by_org_id", UUID.class), rs.getString("filed_by"), rs.getString("text"),
                rs.getString("state"), rs.getString("resolution"), rs.getTimestamp("filed_at").toInstant(),
                resolved == null ? null : resolved.toInstant());
    }
}
