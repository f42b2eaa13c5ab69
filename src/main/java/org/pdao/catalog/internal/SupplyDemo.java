package org.pdao.catalog.internal;

import java.util.List;
import org.pdao.identity.DemoOrganizations;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.identity.Role;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo data supply: the demo operator's data demands to the demo source unit (one open, one agreed),
 * a sharing request for one of its resources, and an unmet development-catalog need. Loaded once
 * (skipped when the operator has demands already), after the demo catalog.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "pdao.demo.enabled", havingValue = "true")
class SupplyDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SupplyDemo.class);

    private final DemandDesk demands;
    private final Demands demandTable;
    private final SharingDesk sharing;
    private final NeedDesk needs;
    private final Resources resources;
    private final OrganizationDirectory organizations;

    SupplyDemo(DemandDesk demands, Demands demandTable, SharingDesk sharing, NeedDesk needs, Resources resources,
            OrganizationDirectory organizations) {
        this.demands = demands;
        this.demandTable = demandTable;
        this.sharing = sharing;
        this.needs = needs;
        this.resources = resources;
        this.organizations = organizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            load();
        } catch (org.pdao.jurisdiction.MissingProfileEntry e) {
            // the active profile has no data-supply deadlines (e.g. JL, SY, NJ): no supply demo
        }
    }

    private void load() {
        if (organizations.find(DemoOrganizations.HRSS_SOURCE_UNIT).isEmpty()
                || organizations.find(DemoOrganizations.OPERATOR).isEmpty()
                || demandTable.count(DemoOrganizations.OPERATOR, null) > 0) {
            return;
        }
        Actor operator = new Actor(null, "demo-loader", DemoOrganizations.OPERATOR, List.of(Role.OPERATOR.name()), null);
        Actor unit = new Actor(null, "demo-loader", DemoOrganizations.HRSS_SOURCE_UNIT,
                List.of(Role.SOURCE_UNIT.name()), null);
        Actors.runAs(operator, () -> {
            demands.submit(operator, new DemandDesk.Submission(DemoOrganizations.HRSS_SOURCE_UNIT,
                    "新就业形态劳动者职业伤害保障参保数据", "平台企业新就业形态劳动者职业伤害保障的参保人数、险种和月份（按企业汇总）。",
                    "普惠金融场景：评估平台企业用工稳定性"));
            DataDemand agreed = demands.submit(operator, new DemandDesk.Submission(DemoOrganizations.HRSS_SOURCE_UNIT,
                    "技能人才补贴发放数据", "按月份和补贴类别汇总的职业技能提升补贴发放人数与金额。", "人才政策效果评估"));
            Actors.runAs(unit, () -> demands.agree(unit, agreed.id(), "同意提供按月汇总数据，不含个人明细"));
            resources.page(DemoOrganizations.HRSS_SOURCE_UNIT, null, 0, 1).stream().findFirst().ifPresent(r ->
                    sharing.submit(operator, new SharingDesk.Submission(r.id(), "核验企业参保状态",
                            "受数据主管部门委托开展公共数据授权运营，依据《泰州市公共数据授权运营管理办法》第十四条")));
            needs.record(operator, new NeedDesk.Recording(null, "养老服务补贴精准测算", "高龄老人与失能老人名单（脱敏、按街道汇总）",
                    null));
        });
        log.info("Demo data supply loaded: 2 demands, 1 sharing request, 1 unmet need");
    }
}
