package org.pdao.dataspace.internal.access;

import java.util.List;
import java.util.Map;
import org.pdao.dataspace.Zone;
import org.pdao.dataspace.internal.ZoneDatasets;
import org.pdao.identity.DemoOrganizations;
import org.pdao.shared.Actor;
import org.pdao.shared.Actors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo comprehensive zone's desensitization rules, written by the demo operator and approved by the city
 * data authority (TZ-15), so that a developer's workspace shows masked, generalised and noised columns out of
 * the box. Idempotent: nothing is written once the zone has any rule.
 */
@Component
@Order(50)
@ConditionalOnProperty(name = "pdao.demo.enabled", havingValue = "true")
class DemoAccess implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAccess.class);

    private record DemoRule(String dataset, String column, DesensitizationMethod method, Map<String, String> params) {}

    private static final List<DemoRule> RULES = List.of(
            new DemoRule("residents", "name", DesensitizationMethod.MASK_SHOW_FIRST_N, Map.of("n", "1")),
            new DemoRule("residents", "phone", DesensitizationMethod.MASK_SHOW_LAST_N, Map.of("n", "4")),
            new DemoRule("residents", "birth_date", DesensitizationMethod.GENERALISE_AGE_BAND, Map.of("width", "10")),
            new DemoRule("residents", "address", DesensitizationMethod.SUPPRESS, Map.of()),
            new DemoRule("residents", "monthly_income", DesensitizationMethod.NOISE_BOUNDED,
                    Map.of("distribution", "LAPLACE", "scale", "200", "clamp", "1000")),
            new DemoRule("social_insurance", "base", DesensitizationMethod.NOISE_BOUNDED,
                    Map.of("distribution", "LAPLACE", "scale", "100", "clamp", "500")),
            new DemoRule("social_insurance", "amount", DesensitizationMethod.KEEP_RAW_AGGREGATE_ONLY, Map.of()),
            new DemoRule("medical_visits", "visit_date", DesensitizationMethod.GENERALISE_DATE, Map.of("level", "MONTH")),
            new DemoRule("medical_visits", "icd10", DesensitizationMethod.MASK_SHOW_FIRST_N,
                    Map.of("n", "3", "mask", "*")),
            new DemoRule("medical_visits", "cost", DesensitizationMethod.KEEP_RAW_AGGREGATE_ONLY, Map.of()));

    private final DesensitizationRules rules;
    private final ZoneDatasets datasets;
    private final JdbcClient jdbc;

    DemoAccess(DesensitizationRules rules, ZoneDatasets datasets, JdbcClient jdbc) {
        this.rules = rules;
        this.datasets = datasets;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        Zone zone = datasets.zoneByCode("TZ-COMPREHENSIVE").orElse(null);
        if (zone == null || datasets.datasets(zone.id()).size() < 4
                || jdbc.sql("select count(*) from dataspace_desens_rule where zone_id = ?").param(zone.id())
                        .query(Long.class).single() > 0) {
            return;
        }
        Actor operator = new Actor(null, "demo-loader", zone.operatorOrganizationId(), List.of("OPERATOR"), null);
        Actor authority = new Actor(null, "demo-loader", zone.supervisorOrganizationId(), List.of("AUTHORITY"), null);
        if (!zone.supervisorOrganizationId().equals(DemoOrganizations.CITY_AUTHORITY)) {
            return;
        }
        Actors.runAs(operator, () -> {
            for (DemoRule demo : RULES) {
                DesensitizationRule rule = rules.write(operator, new DesensitizationRules.Draft(zone.id(),
                        demo.dataset(), demo.column(), demo.method(), demo.params()));
                rules.transition(operator, rule.id(), RuleState.SUBMITTED, "演示数据");
                rules.transition(authority, rule.id(), RuleState.APPROVED, "演示数据");
            }
        });
        log.info("Demo desensitization rules approved for zone {}: {}", zone.code(), RULES.size());
    }
}
