package org.pdao.identity;

import static org.pdao.identity.Permission.*;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The platform roles of {@code rules.md} §1. The three administrator roles are a separation of
 * duties (三权分立): a user holds at most one of them, and the audit administrator holds nothing else.
 * What each role may do is granted below, one section per module, so that each module's
 * permissions are read (and changed) in one place.
 */
public enum Role {
    AUTHORITY("数据主管部门", true, Duty.BUSINESS),
    REGULATOR("行业主管部门/专区监管部门", true, Duty.BUSINESS),
    AGENCY("实施机构", false, Duty.BUSINESS),
    SOURCE_UNIT("数源单位", false, Duty.BUSINESS),
    OPERATOR("运营机构", false, Duty.BUSINESS),
    DEVELOPER("二级开发主体", false, Duty.BUSINESS),
    PRODUCT_USER("数据产品使用单位", false, Duty.BUSINESS),
    EXPERT("评审专家", false, Duty.BUSINESS),
    SECURITY_SUPERVISOR("安全监管部门(网信/公安/国安/保密)", true, Duty.BUSINESS),
    SYSADMIN("系统管理员", true, Duty.SYSTEM),
    SECADMIN("安全管理员", true, Duty.SECURITY),
    AUDITADMIN("审计管理员", true, Duty.AUDIT);

    /** Which of the three separated administrative duties a role belongs to, if any. */
    public enum Duty { BUSINESS, SYSTEM, SECURITY, AUDIT }

    private static final Map<Role, Set<Permission>> GRANTS = new EnumMap<>(Role.class);

    static {
        // identity, jurisdiction, audit (foundation)
        grant(AUTHORITY, ORG_READ, CREDIT_RECORD, USER_READ, PROFILE_READ);
        grant(REGULATOR, ORG_READ, PROFILE_READ);
        grant(AGENCY, ORG_READ, PROFILE_READ);
        grant(SOURCE_UNIT, PROFILE_READ);
        grant(OPERATOR, ORG_READ, PROFILE_READ);
        grant(DEVELOPER, PROFILE_READ);
        grant(EXPERT, PROFILE_READ);
        grant(SECURITY_SUPERVISOR, ORG_READ, INCIDENT_RECORD, AUDIT_READ, PROFILE_READ);
        grant(SYSADMIN, ORG_READ, ORG_MANAGE, USER_MANAGE, USER_READ, PROFILE_READ);
        grant(SECADMIN, ORG_READ, SECURITY_POLICY, INCIDENT_RECORD, USER_READ, PROFILE_READ);
        grant(AUDITADMIN, AUDIT_READ, AUDIT_VERIFY);

        // catalog
        grant(AUTHORITY, CATALOG_READ, CATALOG_MAINTAIN, DEV_CATALOG_APPROVE, CATALOG_REGISTER);
        grant(REGULATOR, CATALOG_READ);
        grant(AGENCY, CATALOG_READ);
        grant(SOURCE_UNIT, CATALOG_READ, CATALOG_MAINTAIN);
        grant(OPERATOR, CATALOG_READ, DEV_CATALOG_COMPILE);
        grant(DEVELOPER, CATALOG_READ);
        grant(EXPERT, CATALOG_READ);
        grant(SECURITY_SUPERVISOR, CATALOG_READ);

        // dataspace: zones and ingestion
        grant(AUTHORITY, ZONE_MANAGE, ZONE_READ);
        grant(REGULATOR, ZONE_READ);
        grant(OPERATOR, ZONE_READ, DATASET_INGEST);
        grant(SECURITY_SUPERVISOR, ZONE_READ);

        // catalog supply: demands, sharing requests (issue 7)
        grant(AUTHORITY, SUPPLY_READ, DEMAND_SUBMIT, SUPPLY_ARBITRATE, NEED_ANSWER);
        grant(REGULATOR, SUPPLY_READ, DEMAND_SUBMIT, SHARING_REQUEST);
        grant(SOURCE_UNIT, SUPPLY_READ, DEMAND_SUBMIT, DEMAND_ANSWER, SHARING_REQUEST, SHARING_REVIEW);
        grant(OPERATOR, SUPPLY_READ, DEMAND_SUBMIT, SHARING_REQUEST, NEED_RECORD, NEED_SUBMIT);
        grant(DEVELOPER, SUPPLY_READ, NEED_RECORD);
        grant(SECURITY_SUPERVISOR, SUPPLY_READ);

        // supervision: alerts, quality issues and rectification, contribution (issue 7 and later)
        grant(AUTHORITY, ALERT_READ, ALERT_HANDLE, QUALITY_READ, QUALITY_DISPATCH, QUALITY_REPORT, CONTRIBUTION_READ);
        grant(REGULATOR, ALERT_READ, ALERT_HANDLE, QUALITY_READ, CONTRIBUTION_READ);
        grant(SOURCE_UNIT, ALERT_READ, ALERT_HANDLE, QUALITY_READ, QUALITY_RECTIFY, CONTRIBUTION_READ);
        grant(OPERATOR, ALERT_READ, ALERT_HANDLE, QUALITY_READ, QUALITY_REPORT);
        grant(DEVELOPER, ALERT_READ, ALERT_HANDLE, QUALITY_READ, QUALITY_REPORT);
        grant(SECURITY_SUPERVISOR, ALERT_READ, QUALITY_READ, CONTRIBUTION_READ);

        // authorization: plans, announcements, applications, selection, agreements, filing, onboarding, exit (issue 6)
        grant(AUTHORITY, AGREEMENT_READ, AGREEMENT_DRAFT, AGREEMENT_SIGN, AGREEMENT_ENFORCE);
        grant(REGULATOR, AGREEMENT_READ, AGREEMENT_DRAFT, AGREEMENT_SIGN, AGREEMENT_ENFORCE);
        grant(AGENCY, AGREEMENT_READ, AGREEMENT_DRAFT, AGREEMENT_SIGN);
        grant(SOURCE_UNIT, AGREEMENT_READ, AGREEMENT_DRAFT, AGREEMENT_SIGN);
        grant(OPERATOR, AGREEMENT_READ, AGREEMENT_DRAFT, AGREEMENT_SIGN, AGREEMENT_ENFORCE);
        grant(DEVELOPER, AGREEMENT_READ, AGREEMENT_SIGN);
        grant(SECURITY_SUPERVISOR, AGREEMENT_READ);
        grant(DEVELOPER, ONBOARDING_APPLY, ONBOARDING_READ, MATERIAL_READ);
        grant(OPERATOR, ONBOARDING_DECIDE, ONBOARDING_READ, MATERIAL_READ);
        grant(AUTHORITY, ONBOARDING_READ, MATERIAL_READ);
        grant(SECURITY_SUPERVISOR, ONBOARDING_READ);
        grant(EXPERT, MATERIAL_READ);
        grant(AUTHORITY, SELECTION_MANAGE, SELECTION_READ, SELECTION_OBJECT);
        grant(REGULATOR, SELECTION_MANAGE, SELECTION_READ, SELECTION_OBJECT, MATERIAL_READ);
        grant(SOURCE_UNIT, SELECTION_MANAGE, SELECTION_READ, SELECTION_OBJECT, MATERIAL_READ);
        grant(AGENCY, SELECTION_MANAGE, SELECTION_READ, SELECTION_OBJECT, MATERIAL_READ);
        grant(OPERATOR, SELECTION_APPLY, SELECTION_READ, SELECTION_OBJECT);
        grant(DEVELOPER, SELECTION_READ, SELECTION_OBJECT);
        grant(PRODUCT_USER, SELECTION_READ, SELECTION_OBJECT);
        grant(EXPERT, SELECTION_REVIEW, SELECTION_READ);
        grant(SECURITY_SUPERVISOR, SELECTION_READ);
        grant(AUTHORITY, FILING_READ, FILING_SUBMIT, FILING_RECEIVE, PLAN_DRAFT, PLAN_APPROVE, PLAN_READ, EXIT_MANAGE,
                EXIT_READ, HANDOVER_CONFIRM);
        grant(REGULATOR, FILING_READ, FILING_SUBMIT, PLAN_DRAFT, PLAN_READ, EXIT_MANAGE, EXIT_READ, HANDOVER_CONFIRM);
        grant(AGENCY, FILING_READ, FILING_SUBMIT, PLAN_DRAFT, PLAN_READ, EXIT_MANAGE, EXIT_READ, HANDOVER_CONFIRM);
        grant(SOURCE_UNIT, FILING_READ, FILING_SUBMIT, PLAN_READ, EXIT_MANAGE, EXIT_READ, HANDOVER_CONFIRM);
        grant(OPERATOR, FILING_READ, FILING_SUBMIT, PLAN_READ, EXIT_MANAGE, EXIT_READ, HANDOVER_CONFIRM);
        grant(DEVELOPER, FILING_READ, EXIT_READ, HANDOVER_CONFIRM);
        grant(SECURITY_SUPERVISOR, FILING_READ, PLAN_READ, EXIT_READ);

        // dataspace access: desensitization rules, data requests, grants, consent, workspaces (issue 4)
        grant(OPERATOR, DESENSITIZATION_RULE_WRITE, DESENSITIZATION_RULE_READ, DATA_REQUEST_SUBMIT, DATA_REQUEST_REVIEW,
                DATA_REQUEST_READ, CONSENT_RECORD, CONSENT_READ, WORKSPACE_USE, WORKSPACE_OVERSEE, WORKSPACE_SEAL,
                WORKSPACE_DESTROY);
        grant(AUTHORITY, DESENSITIZATION_RULE_APPROVE, DESENSITIZATION_RULE_READ, DATA_REQUEST_FILE,
                DATA_REQUEST_CONSENT, DATA_REQUEST_READ, CONSENT_READ, WORKSPACE_OVERSEE, WORKSPACE_SEAL,
                WORKSPACE_DESTROY);
        grant(REGULATOR, DESENSITIZATION_RULE_APPROVE, DESENSITIZATION_RULE_READ, DATA_REQUEST_FILE, DATA_REQUEST_READ,
                WORKSPACE_OVERSEE, WORKSPACE_SEAL, WORKSPACE_DESTROY);
        grant(SOURCE_UNIT, DATA_REQUEST_CONSENT, DATA_REQUEST_READ);
        grant(DEVELOPER, DATA_REQUEST_SUBMIT, DATA_REQUEST_READ, WORKSPACE_USE);
        grant(SECURITY_SUPERVISOR, DESENSITIZATION_RULE_READ, CONSENT_READ);

        // dataspace queries: governed execution, output gate, review, leak tracing (issue 5)
        // output gate (issue 5, gate): reviewers of the operator; leak tracing for operator, authority, security supervisor
        grant(OPERATOR, OUTPUT_REVIEW, LEAK_TRACE);
        grant(AUTHORITY, LEAK_TRACE);
        grant(SECURITY_SUPERVISOR, LEAK_TRACE);

        // products (TZ-18): built by developers and operators, reviewed by the zone operator, called by product users
        grant(DEVELOPER, PRODUCT_READ, PRODUCT_BUILD);
        grant(OPERATOR, PRODUCT_READ, PRODUCT_BUILD, PRODUCT_REVIEW);
        grant(PRODUCT_USER, PRODUCT_READ, PRODUCT_KEY);
        grant(AUTHORITY, PRODUCT_READ, PRODUCT_REVIEW);
        grant(REGULATOR, PRODUCT_READ);
        grant(SECURITY_SUPERVISOR, PRODUCT_READ);

        // working-day calendar administration (supply): the system admin loads calendar years and sees the
        // platform's alerts (the calendar running out)
        grant(SYSADMIN, CALENDAR_MANAGE, ALERT_READ);
    }

    private final String nameZh;
    private final boolean secondFactorRequired;
    private final Duty duty;

    Role(String nameZh, boolean secondFactorRequired, Duty duty) {
        this.nameZh = nameZh;
        this.secondFactorRequired = secondFactorRequired;
        this.duty = duty;
    }

    private static void grant(Role role, Permission... permissions) {
        GRANTS.computeIfAbsent(role, r -> EnumSet.noneOf(Permission.class)).addAll(Set.of(permissions));
    }

    public String nameZh() {
        return nameZh;
    }

    /** Privileged roles sign in with a TOTP second factor (RFC 6238). */
    public boolean secondFactorRequired() {
        return secondFactorRequired;
    }

    public Duty duty() {
        return duty;
    }

    public Set<Permission> permissions() {
        Set<Permission> granted = GRANTS.get(this);
        return granted == null ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(granted);
    }
}
