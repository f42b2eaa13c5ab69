package org.pdao.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * The platform roles of {@code rules.md} §1. The three administrator roles are a separation of
 * duties (三权分立): a user holds at most one of them, and the audit administrator holds nothing else.
 */
public enum Role {
    AUTHORITY("数据主管部门", true, Duty.BUSINESS,
            EnumSet.of(Permission.ORG_READ, Permission.CREDIT_RECORD, Permission.USER_READ, Permission.PROFILE_READ,
                    Permission.CATALOG_READ, Permission.CATALOG_MAINTAIN, Permission.DEV_CATALOG_APPROVE,
                    Permission.CATALOG_REGISTER, Permission.ZONE_MANAGE, Permission.ZONE_READ)),
    REGULATOR("行业主管部门/专区监管部门", true, Duty.BUSINESS,
            EnumSet.of(Permission.ORG_READ, Permission.PROFILE_READ, Permission.CATALOG_READ, Permission.ZONE_READ)),
    AGENCY("实施机构", false, Duty.BUSINESS,
            EnumSet.of(Permission.ORG_READ, Permission.PROFILE_READ, Permission.CATALOG_READ)),
    SOURCE_UNIT("数源单位", false, Duty.BUSINESS,
            EnumSet.of(Permission.PROFILE_READ, Permission.CATALOG_READ, Permission.CATALOG_MAINTAIN)),
    OPERATOR("运营机构", false, Duty.BUSINESS,
            EnumSet.of(Permission.ORG_READ, Permission.PROFILE_READ, Permission.CATALOG_READ,
                    Permission.DEV_CATALOG_COMPILE, Permission.ZONE_READ, Permission.DATASET_INGEST)),
    DEVELOPER("二级开发主体", false, Duty.BUSINESS,
            EnumSet.of(Permission.PROFILE_READ, Permission.CATALOG_READ)),
    PRODUCT_USER("数据产品使用单位", false, Duty.BUSINESS,
            EnumSet.noneOf(Permission.class)),
    EXPERT("评审专家", false, Duty.BUSINESS,
            EnumSet.of(Permission.PROFILE_READ, Permission.CATALOG_READ)),
    SECURITY_SUPERVISOR("安全监管部门(网信/公安/国安/保密)", true, Duty.BUSINESS,
            EnumSet.of(Permission.ORG_READ, Permission.INCIDENT_RECORD, Permission.AUDIT_READ, Permission.PROFILE_READ,
                    Permission.CATALOG_READ, Permission.ZONE_READ)),
    SYSADMIN("系统管理员", true, Duty.SYSTEM,
            EnumSet.of(Permission.ORG_READ, Permission.ORG_MANAGE, Permission.USER_MANAGE, Permission.USER_READ,
                    Permission.PROFILE_READ)),
    SECADMIN("安全管理员", true, Duty.SECURITY,
            EnumSet.of(Permission.ORG_READ, Permission.SECURITY_POLICY, Permission.INCIDENT_RECORD,
                    Permission.USER_READ, Permission.PROFILE_READ)),
    AUDITADMIN("审计管理员", true, Duty.AUDIT,
            EnumSet.of(Permission.AUDIT_READ, Permission.AUDIT_VERIFY));

    /** Which of the three separated administrative duties a role belongs to, if any. */
    public enum Duty { BUSINESS, SYSTEM, SECURITY, AUDIT }

    private final String nameZh;
    private final boolean secondFactorRequired;
    private final Duty duty;
    private final Set<Permission> permissions;

    Role(String nameZh, boolean secondFactorRequired, Duty duty, Set<Permission> permissions) {
        this.nameZh = nameZh;
        this.secondFactorRequired = secondFactorRequired;
        this.duty = duty;
        this.permissions = permissions;
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
        return EnumSet.copyOf(permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : permissions);
    }
}
