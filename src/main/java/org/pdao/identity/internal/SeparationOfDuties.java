package org.pdao.identity.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.pdao.identity.OrganizationType;
import org.pdao.identity.Role;
import org.pdao.shared.ProblemException;
import org.pdao.shared.RuleRef;

/**
 * Which roles a user may hold together, and in which kind of organization. The system, security
 * and audit administrators are three separate people (三权分立, MLPS level 3 as NJ-22 requires), and
 * none of them also holds a business role.
 */
final class SeparationOfDuties {

    static final RuleRef MLPS = new RuleRef("NJ-22",
            "《南京市公共数据授权运营管理暂行办法》第二十二条（网络安全等级保护第三级：系统管理员、安全管理员、审计管理员三权分立）",
            "Nanjing Interim Measures, Art. 22 (MLPS level 3: separate system, security and audit administrators)");

    private static final Map<Role, Set<OrganizationType>> HOMES = Map.ofEntries(
            Map.entry(Role.AUTHORITY, EnumSet.of(OrganizationType.AUTHORITY)),
            Map.entry(Role.REGULATOR, EnumSet.of(OrganizationType.INDUSTRY_REGULATOR, OrganizationType.AUTHORITY)),
            Map.entry(Role.AGENCY, EnumSet.of(OrganizationType.IMPLEMENTING_AGENCY)),
            Map.entry(Role.SOURCE_UNIT, EnumSet.of(OrganizationType.SOURCE_UNIT)),
            Map.entry(Role.OPERATOR, EnumSet.of(OrganizationType.OPERATOR)),
            Map.entry(Role.DEVELOPER, EnumSet.of(OrganizationType.DEVELOPER)),
            Map.entry(Role.PRODUCT_USER, EnumSet.allOf(OrganizationType.class)),
            Map.entry(Role.EXPERT, EnumSet.of(OrganizationType.EXPERT)),
            Map.entry(Role.SECURITY_SUPERVISOR, EnumSet.of(OrganizationType.SECURITY_SUPERVISOR)),
            Map.entry(Role.SYSADMIN, EnumSet.of(OrganizationType.PLATFORM, OrganizationType.OPERATOR)),
            Map.entry(Role.SECADMIN, EnumSet.of(OrganizationType.PLATFORM, OrganizationType.OPERATOR)),
            Map.entry(Role.AUDITADMIN, EnumSet.of(OrganizationType.PLATFORM, OrganizationType.OPERATOR)));

    private SeparationOfDuties() {}

    static void check(Set<Role> roles, OrganizationType organizationType) {
        if (roles.isEmpty()) {
            throw ProblemException.badRequest("identity.roles-required");
        }
        long administrative = roles.stream().filter(r -> r.duty() != Role.Duty.BUSINESS).count();
        if (administrative > 0 && roles.size() > 1) {
            throw ProblemException.ruleViolation(MLPS, "identity.separation-of-duties");
        }
        for (Role role : roles) {
            if (!HOMES.get(role).contains(organizationType)) {
                throw ProblemException.badRequest("identity.role-organization-mismatch", role.name(),
                        organizationType.name());
            }
        }
    }
}
