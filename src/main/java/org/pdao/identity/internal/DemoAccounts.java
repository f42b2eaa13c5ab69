package org.pdao.identity.internal;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.pdao.identity.AuthorityLevel;
import org.pdao.identity.OrganizationSummary;
import org.pdao.identity.OrganizationType;
import org.pdao.identity.Role;
import org.pdao.identity.Uscc;
import org.pdao.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo city's organizations (Taizhou, region 321200) and one account per role, all with the
 * demo password, which only demo mode accepts. Privileged accounts get fixed TOTP secrets listed in
 * the README. Loading is idempotent: what exists is left alone.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "pdao.demo.enabled", havingValue = "true")
class DemoAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    record DemoOrg(String key, String name, OrganizationType type, @Nullable AuthorityLevel level, String region,
            String orgBody, char registration, char kind, @Nullable String parentKey) {}

    record DemoUser(String username, String displayName, String orgKey, Role role) {
        String totpSecret() {
            String base = "PDAODEMO" + username.toUpperCase().replaceAll("[^A-Z]", "");
            return (base + "A".repeat(32)).substring(0, 32);
        }
    }

    static final List<DemoOrg> ORGANIZATIONS = List.of(
            new DemoOrg("province", "江苏省数据局", OrganizationType.AUTHORITY, AuthorityLevel.PROVINCE, "320000",
                    "MB1A2B3C", '1', '1', null),
            new DemoOrg("city", "泰州市数据局", OrganizationType.AUTHORITY, AuthorityLevel.CITY, "321200",
                    "MB1D4E5F", '1', '1', "province"),
            new DemoOrg("county", "泰州市海陵区数据局", OrganizationType.AUTHORITY, AuthorityLevel.COUNTY, "321202",
                    "MB1G6H7J", '1', '1', "city"),
            new DemoOrg("health", "泰州市卫生健康委员会", OrganizationType.INDUSTRY_REGULATOR, null, "321200",
                    "MB1K8L9M", '1', '1', null),
            new DemoOrg("agency", "泰州市公共数据授权运营实施中心", OrganizationType.IMPLEMENTING_AGENCY, null, "321200",
                    "MB1N2P3Q", '1', '2', null),
            new DemoOrg("hrss", "泰州市人力资源和社会保障局", OrganizationType.SOURCE_UNIT, null, "321200",
                    "MB1R4T5U", '1', '1', null),
            new DemoOrg("operator", "泰州数据运营有限公司", OrganizationType.OPERATOR, null, "321200",
                    "MA1W6X7Y", '9', '1', null),
            new DemoOrg("developer", "泰州智算科技有限公司", OrganizationType.DEVELOPER, null, "321202",
                    "MA2A8B9C", '9', '1', null),
            new DemoOrg("bank", "泰州普惠银行股份有限公司", OrganizationType.PRODUCT_USER, null, "321200",
                    "MA2D1E2F", '9', '1', null),
            new DemoOrg("experts", "泰州市数据评审专家委员会", OrganizationType.EXPERT, null, "321200",
                    "MA2G3H4J", '5', '1', null),
            new DemoOrg("cac", "中共泰州市委网络安全和信息化委员会办公室", OrganizationType.SECURITY_SUPERVISOR, null,
                    "321200", "MB2K5L6M", '1', '1', null),
            new DemoOrg("platform", "泰州公共数据授权运营平台运维中心", OrganizationType.PLATFORM, null, "321200",
                    "MA2N7P8Q", '9', '1', null));

    static final List<DemoUser> USERS = List.of(
            new DemoUser("authority", "市数据局 张主任", "city", Role.AUTHORITY),
            new DemoUser("regulator", "市卫健委 李处长", "health", Role.REGULATOR),
            new DemoUser("agency", "实施中心 王科长", "agency", Role.AGENCY),
            new DemoUser("sourceunit", "市人社局 赵科长", "hrss", Role.SOURCE_UNIT),
            new DemoUser("operator", "运营公司 陈经理", "operator", Role.OPERATOR),
            new DemoUser("developer", "智算科技 刘工", "developer", Role.DEVELOPER),
            new DemoUser("consumer", "普惠银行 周经理", "bank", Role.PRODUCT_USER),
            new DemoUser("expert", "评审专家 吴教授", "experts", Role.EXPERT),
            new DemoUser("supervisor", "市委网信办 郑科长", "cac", Role.SECURITY_SUPERVISOR),
            new DemoUser("sysadmin", "系统管理员", "platform", Role.SYSADMIN),
            new DemoUser("secadmin", "安全管理员", "platform", Role.SECADMIN),
            new DemoUser("auditadmin", "审计管理员", "platform", Role.AUDITADMIN));

    private final Organizations organizations;
    private final UserAccounts users;
    private final UserAdministration administration;

    DemoAccounts(Organizations organizations, UserAccounts users, UserAdministration administration) {
        this.organizations = organizations;
        this.users = users;
        this.administration = administration;
    }

    @Override
    public void run(ApplicationArguments args) {
        org.pdao.shared.Actors.runAs(new Actor(null, "demo-loader", null, List.of("SYSTEM"), null), this::load);
    }

    private void load() {
        Map<String, UUID> ids = new LinkedHashMap<>();
        int created = 0;
        for (DemoOrg o : ORGANIZATIONS) {
            Uscc uscc = Uscc.compose(o.registration(), o.kind(), o.region(), o.orgBody());
            var existing = organizations.findByUscc(uscc.value());
            if (existing.isPresent()) {
                ids.put(o.key(), existing.get().id());
                continue;
            }
            UUID id = org.pdao.identity.DemoOrganizations.id(o.key());
            organizations.insert(new OrganizationSummary(id, o.name(), uscc.value(), o.type(), o.level(), o.region(),
                    o.parentKey() == null ? null : ids.get(o.parentKey()),
                    o.type() == OrganizationType.OPERATOR || o.type() == OrganizationType.PLATFORM ? 3 : null,
                    org.pdao.identity.OrganizationStatus.ACTIVE));
            ids.put(o.key(), id);
            created++;
        }
        for (DemoUser u : USERS) {
            if (users.findByUsername(u.username()).isPresent()) {
                continue;
            }
            administration.create(u.username(), u.displayName(), ids.get(u.orgKey()), EnumSet.of(u.role()),
                    PasswordPolicy.DEMO_PASSWORD, u.role().secondFactorRequired() ? u.totpSecret() : null);
            created++;
        }
        log.info("demo city: {} organizations and accounts created (password {} — demo mode only)", created,
                PasswordPolicy.DEMO_PASSWORD);
    }
}
