package org.pdao.supervision.internal;

import java.util.List;
import org.pdao.catalog.CatalogSupply;
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
 * Demo supervision: the demo developer's quality issue on one of the demo source unit's resources,
 * dispatched by the demo authority as a rectification task. Loaded once, after the demo catalog.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "pdao.demo.enabled", havingValue = "true")
class SupervisionDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SupervisionDemo.class);

    private final QualityDesk desk;
    private final QualityIssues issues;
    private final CatalogSupply catalog;
    private final OrganizationDirectory organizations;
    private final org.pdao.jurisdiction.JurisdictionProfiles profiles;

    SupervisionDemo(QualityDesk desk, QualityIssues issues, CatalogSupply catalog, OrganizationDirectory organizations,
            org.pdao.jurisdiction.JurisdictionProfiles profiles) {
        this.profiles = profiles;
        this.desk = desk;
        this.issues = issues;
        this.catalog = catalog;
        this.organizations = organizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!profiles.active().has("quality.rectification.deadline")) {
            return; // the profile has no rectification deadline (JL, SY, NJ): no demo rectification task
        }
        if (organizations.find(DemoOrganizations.DEVELOPER).isEmpty()
                || issues.count(null, new QualityIssues.Filter(DemoOrganizations.HRSS_SOURCE_UNIT, null, null, null)) > 0) {
            return;
        }
        var resource = catalog.resourcesAfter(null, 200).stream()
                .filter(r -> r.sourceUnitId().equals(DemoOrganizations.HRSS_SOURCE_UNIT)).findFirst();
        if (resource.isEmpty()) {
            return;
        }
        Actor developer = new Actor(null, "demo-loader", DemoOrganizations.DEVELOPER, List.of(Role.DEVELOPER.name()),
                null);
        Actor authority = new Actor(null, "demo-loader", DemoOrganizations.CITY_AUTHORITY,
                List.of(Role.AUTHORITY.name()), null);
        Actors.runAs(developer, () -> {
            QualityIssue issue = desk.report(developer, resource.get().id(), "COMPLETENESS",
                    "部分参保单位的统一社会信用代码为空，无法与企业登记信息关联");
            Actors.runAs(authority, () -> desk.dispatch(authority, issue.id(), "请核实补全"));
        });
        log.info("Demo supervision loaded: 1 quality issue with a rectification task");
    }
}
