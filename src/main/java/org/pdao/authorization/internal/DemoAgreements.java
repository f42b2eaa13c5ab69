package org.pdao.authorization.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pdao.authorization.AgreementTier;
import org.pdao.identity.DemoOrganizations;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.jurisdiction.JurisdictionProfile;
import org.pdao.jurisdiction.JurisdictionProfiles;
import org.pdao.jurisdiction.ListItem;
import org.pdao.jurisdiction.TimeLimit;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.pdao.shared.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo city's agreements, signed with the demo SM2 keys: the city data authority authorizes the demo
 * operator for the comprehensive zone ({@code TZ-COMPREHENSIVE}) for the longest term the profile allows,
 * and the operator admits the demo developer for two scenarios. Idempotent: demo keys are registered once,
 * and an agreement between the same parties and tier is never drafted twice.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "pdao.demo.enabled", havingValue = "true")
class DemoAgreements implements ApplicationRunner {

    static final String ZONE = "TZ-COMPREHENSIVE";
    static final List<String> DEVELOPER_SCENARIOS = List.of("普惠金融企业经营状况评估", "区域医疗资源配置分析");
    private static final List<String> KEYED = List.of("province", "city", "county", "health", "agency", "hrss",
            "operator", "developer");
    private static final Logger log = LoggerFactory.getLogger(DemoAgreements.class);

    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("RIGHTS_OBLIGATIONS", "授权方按本协议提供公共数据资源并实施监督；被授权方在授权范围内开展数据加工处理和产品开发，承担数据安全主体责任。"),
            Map.entry("SCENARIO", "仅限本协议列明的应用场景，不得超出场景使用数据。"),
            Map.entry("TERM", "授权期限以本协议首部载明的起止日期为准，期满前三个月可重新申请。"),
            Map.entry("DATA_SCOPE", "以经市数据主管部门审核发布的开发数据目录为限，原始数据不出域。"),
            Map.entry("USE_CONDITIONS", "在授权运营平台可信环境内开发利用，数据可用不可见，结果经审核后出域。"),
            Map.entry("SECURITY", "落实数据安全负责人和管理部门，遵守等级保护和商用密码要求，发生安全事件立即报告。"),
            Map.entry("FEES", "公共治理、公益事业用途有条件无偿使用；产业发展用途按政府指导价收费。"),
            Map.entry("REVENUE_SHARE", "按成本分摊、利润分成方式分配收益，具体比例见附件。"),
            Map.entry("PROHIBITIONS", "禁止导出、复制原始数据，禁止转授权第三方，禁止可逆还原原始数据的模型和算法。"),
            Map.entry("CREDIT_COMMITMENT", "被授权方承诺不在失信被执行人等信用惩戒名单之列，并如实报送信用信息。"),
            Map.entry("EXIT", "期满、违约、评估不合格经约谈仍未改善等情形退出，权限即时关闭，留存数据封存销毁。"),
            Map.entry("LIABILITY", "违反本协议造成损失的，依法承担赔偿责任；情节严重的，授权方可撤销授权。"));

    private final AgreementLifecycle lifecycle;
    private final Agreements agreements;
    private final SigningKeys keys;
    private final OrganizationDirectory organizations;
    private final JurisdictionProfiles profiles;
    private final DeveloperOnboarding onboarding;

    DemoAgreements(AgreementLifecycle lifecycle, Agreements agreements, SigningKeys keys,
            OrganizationDirectory organizations, JurisdictionProfiles profiles, DeveloperOnboarding onboarding) {
        this.onboarding = onboarding;
        this.lifecycle = lifecycle;
        this.agreements = agreements;
        this.keys = keys;
        this.organizations = organizations;
        this.profiles = profiles;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (organizations.find(DemoOrganizations.OPERATOR).isEmpty()) {
            log.warn("demo organizations missing; no demo agreements");
            return;
        }
        Actor loader = new Actor(null, "demo-loader", null, List.of("SYSTEM"), null);
        Actors.runAs(loader, this::load);
    }

    private void load() {
        for (String key : KEYED) {
            UUID org = DemoOrganizations.id(key);
            if (organizations.find(org).isPresent() && keys.active(org).isEmpty()) {
                keys.register(org, DemoSigningKeys.publicKeyHex(key), actorOf(org, "AUTHORITY"));
            }
        }
        JurisdictionProfile profile = profiles.active();
        LocalDate today = lifecycle.today();
        try {
            if (!exists(DemoOrganizations.CITY_AUTHORITY, DemoOrganizations.OPERATOR, AgreementTier.OPERATOR)) {
                LocalDate until = AgreementPolicies.lastDay(today, term(profile));
                create(profile, AgreementTier.OPERATOR, "city", DemoOrganizations.CITY_AUTHORITY, "operator",
                        DemoOrganizations.OPERATOR, "泰州市公共数据授权运营协议（综合专区）",
                        List.of("公共数据授权运营综合专区运营"), today, until);
            }
            if (profile.items("authorization.models").value().stream().anyMatch(i -> i.key().equals("TWO_TIER"))
                    && !exists(DemoOrganizations.OPERATOR, DemoOrganizations.DEVELOPER, AgreementTier.DEVELOPER)) {
                admitDeveloper(profile);
                LocalDate cap = AgreementPolicies.lastDay(today, term(profile));
                LocalDate until = today.plusYears(2).minusDays(1).isBefore(cap) ? today.plusYears(2).minusDays(1) : cap;
                create(profile, AgreementTier.DEVELOPER, "operator", DemoOrganizations.OPERATOR, "developer",
                        DemoOrganizations.DEVELOPER, "二级开发主体授权协议（泰州智算科技有限公司）", DEVELOPER_SCENARIOS,
                        today, until);
            }
        } catch (ProblemException e) {
            log.warn("demo agreements not loaded under profile {}: {}", profile.id(), e.getMessage());
        }
    }

    /** The developer's onboarding (TZ-9): application with its materials, approval and filing by the operator. */
    private void admitDeveloper(JurisdictionProfile profile) {
        if (!profile.has("approval.chain.developer-onboarding")
                || onboarding.admitted(DemoOrganizations.OPERATOR, DemoOrganizations.DEVELOPER)) {
            return;
        }
        Actor developer = actorOf(DemoOrganizations.DEVELOPER, "DEVELOPER");
        Actor operator = actorOf(DemoOrganizations.OPERATOR, "OPERATOR");
        OnboardingApplication a = onboarding.apply(DemoOrganizations.OPERATOR, DEVELOPER_SCENARIOS,
                "泰州智算科技有限公司申请入驻授权运营平台，开展普惠金融与医疗资源配置分析。", developer);
        if (profile.has("application.materials")) {
            for (ListItem kind : profile.items("application.materials").value()) {
                onboarding.addMaterial(a.id(), kind.key(), kind.key().toLowerCase(java.util.Locale.ROOT) + ".pdf",
                        DemoDocuments.pdf(kind.zh()), developer);
            }
        }
        onboarding.submit(a.id(), developer);
        onboarding.approve(a.id(), "符合准入条件和应用场景要求", null, operator);
        onboarding.file(a.id(), null, operator);
    }

    private void create(JurisdictionProfile profile, AgreementTier tier, String grantorKey, UUID grantor,
            String partyKey, UUID party, String title, List<String> scenarios, LocalDate from, LocalDate until) {
        List<AgreementLifecycle.ClauseText> clauses = new ArrayList<>();
        if (profile.has("agreement.clauses.required")) {
            var required = profile.items("agreement.clauses.required");
            for (ListItem item : required.value()) {
                clauses.add(new AgreementLifecycle.ClauseText(item.key(), item.zh(), BODIES.getOrDefault(item.key(),
                        "双方就“" + item.zh() + "”约定：按照" + required.rule().articleZh() + "及本协议附件执行。")));
            }
        }
        String model = tier == AgreementTier.DEVELOPER ? "TWO_TIER"
                : profile.items("authorization.models").value().get(0).key();
        Actor grantorActor = actorOf(grantor, tier == AgreementTier.OPERATOR ? "AUTHORITY" : "OPERATOR");
        Agreement a = lifecycle.draft(new AgreementLifecycle.Draft(tier, model, party, title, scenarios, List.of(),
                List.of(ZONE), from, until, clauses), grantorActor);
        sign(a.id(), grantorKey, grantorActor);
        sign(a.id(), partyKey, actorOf(party, tier == AgreementTier.OPERATOR ? "OPERATOR" : "DEVELOPER"));
        log.info("Demo agreement {} ({}) in force {} to {}", a.number(), tier, from, until);
    }

    private void sign(UUID id, String demoKey, Actor actor) {
        AgreementLifecycle.SigningText text = lifecycle.signingText(id, actor);
        lifecycle.sign(id, text.version(), text.sm3(),
                DemoSigningKeys.sign(DemoSigningKeys.privateKey(demoKey), text.sm3()), actor);
    }

    private boolean exists(UUID grantor, UUID party, AgreementTier tier) {
        return agreements.page(new Agreements.Filter(null, party, null, tier), 0, 200).stream()
                .anyMatch(a -> a.grantorId().equals(grantor) && a.partyId().equals(party));
    }

    private static TimeLimit term(JurisdictionProfile profile) {
        return profile.has("agreement.term.exact") ? profile.timeLimit("agreement.term.exact").value()
                : profile.timeLimit("agreement.term.max").value();
    }

    private static Actor actorOf(UUID organization, String role) {
        return new Actor(null, "demo-loader", organization, List.of(role), null);
    }
}
