package org.pdao.identity.internal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.audit.AuditEvent;
import org.pdao.audit.AuditTrail;
import org.pdao.identity.AccessRevocation;
import org.pdao.identity.AuthorityLevel;
import org.pdao.identity.CreditListType;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.OrganizationStanding;
import org.pdao.identity.OrganizationStatus;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
import org.pdao.identity.Uscc;
import org.pdao.shared.ProblemException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers organizations and keeps their credit and security record; suspends and reinstates them. */
@Service
class OrganizationRegistry implements OrganizationDirectory, AccessRevocation {

    private final Organizations organizations;
    private final UserAccounts users;
    private final Sessions sessions;
    private final AuditTrail audit;

    OrganizationRegistry(Organizations organizations, UserAccounts users, Sessions sessions, AuditTrail audit) {
        this.organizations = organizations;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Transactional
    OrganizationSummary register(String name, String uscc, OrganizationType type, @Nullable AuthorityLevel level,
            @Nullable String regionCode, @Nullable UUID parentId, @Nullable Integer mlpsLevel) {
        String code = uscc.trim().toUpperCase();
        Optional<String> problem = Uscc.problemWith(code);
        if (problem.isPresent()) {
            audit.record(AuditEvent.of("identity.organization-registered", "organization", code)
                    .refused("invalid USCC: " + problem.get(), null));
            throw ProblemException.badRequest("identity.uscc-invalid", problem.get());
        }
        if (type == OrganizationType.AUTHORITY && level == null) {
            throw ProblemException.badRequest("identity.authority-level-required");
        }
        if (type != OrganizationType.AUTHORITY && level != null) {
            throw ProblemException.badRequest("identity.authority-level-only-for-authority");
        }
        if (mlpsLevel != null && (mlpsLevel < 1 || mlpsLevel > 5)) {
            throw ProblemException.badRequest("identity.mlps-level-range");
        }
        if (regionCode != null && !regionCode.matches("\\d{6}(\\d{3}|\\d{6})?")) {
            throw ProblemException.badRequest("identity.region-code-format");
        }
        if (parentId != null && organizations.find(parentId).isEmpty()) {
            throw ProblemException.notFound("organization", parentId);
        }
        if (organizations.findByUscc(code).isPresent()) {
            throw ProblemException.conflict("identity.uscc-taken", code);
        }
        OrganizationSummary organization = new OrganizationSummary(UUID.randomUUID(), name.trim(), code, type, level,
                regionCode, parentId, mlpsLevel, OrganizationStatus.ACTIVE);
        organizations.insert(organization);
        audit.record(AuditEvent.of("identity.organization-registered", "organization", organization.id())
                .with("uscc", code).with("type", type).with("name", organization.name()));
        return organization;
    }

    @Transactional
    OrganizationStanding.CreditEntry recordCreditEntry(UUID organizationId, CreditListType listType, String source,
            LocalDate listedOn, @Nullable LocalDate removedOn, @Nullable String note) {
        require(organizationId);
        if (removedOn != null && removedOn.isBefore(listedOn)) {
            throw ProblemException.badRequest("identity.credit-dates");
        }
        var entry = new OrganizationStanding.CreditEntry(UUID.randomUUID(), listType, source, listedOn, removedOn, note);
        organizations.addCreditEntry(organizationId, entry, actorName());
        audit.record(AuditEvent.of("identity.credit-recorded", "organization", organizationId)
                .with("list", listType).with("source", source).with("listedOn", listedOn));
        return entry;
    }

    @Transactional
    OrganizationStanding.Incident recordIncident(UUID organizationId, LocalDate occurredOn, String category,
            String description, String source, boolean publiclyReported) {
        require(organizationId);
        var incident = new OrganizationStanding.Incident(UUID.randomUUID(), occurredOn, category, description, source,
                publiclyReported);
        organizations.addIncident(organizationId, incident, actorName());
        audit.record(AuditEvent.of("identity.incident-recorded", "organization", organizationId)
                .with("category", category).with("occurredOn", occurredOn).with("public", publiclyReported));
        return incident;
    }

    @Transactional
    void reinstate(UUID organizationId, String reason) {
        require(organizationId);
        organizations.setStatus(organizationId, OrganizationStatus.ACTIVE);
        audit.record(AuditEvent.of("identity.organization-reinstated", "organization", organizationId).because(reason));
    }

    @Override
    @Transactional
    public int suspendOrganization(UUID organizationId, String reason) {
        require(organizationId);
        organizations.setStatus(organizationId, OrganizationStatus.SUSPENDED);
        int ended = endSessions(organizationId, reason);
        audit.record(AuditEvent.of("identity.organization-suspended", "organization", organizationId).because(reason)
                .with("sessionsEnded", ended));
        return ended;
    }

    @Override
    @Transactional
    public int endSessionsOf(UUID organizationId, String reason) {
        require(organizationId);
        int ended = endSessions(organizationId, reason);
        audit.record(AuditEvent.of("identity.sessions-ended", "organization", organizationId).because(reason)
                .with("sessionsEnded", ended));
        return ended;
    }

    @Override
    public Optional<OrganizationSummary> find(UUID organizationId) {
        return organizations.find(organizationId);
    }

    @Override
    public OrganizationStanding standing(UUID organizationId) {
        require(organizationId);
        return organizations.standing(organizationId);
    }

    OrganizationSummary require(UUID organizationId) {
        return organizations.find(organizationId).orElseThrow(() -> ProblemException.notFound("organization", organizationId));
    }

    private int endSessions(UUID organizationId, String reason) {
        return users.idsOfOrganization(organizationId).stream().mapToInt(id -> sessions.revokeAllOf(id, reason)).sum();
    }

    private static String actorName() {
        return org.pdao.shared.Actors.currentOrSystem().username();
    }
}
