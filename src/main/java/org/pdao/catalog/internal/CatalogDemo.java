package org.pdao.catalog.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.pdao.identity.OrganizationDirectory;
import org.pdao.shared.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo entries of the Taizhou human resources and social security bureau (the demo source unit) and
 * one published development-catalog entry of the demo operator. Idempotent: existing entries stay.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "pdao.demo.enabled", havingValue = "true")
class CatalogDemo implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CatalogDemo.class);
    static final UUID HRSS = org.pdao.identity.DemoOrganizations.HRSS_SOURCE_UNIT;
    static final UUID OPERATOR = org.pdao.identity.DemoOrganizations.OPERATOR;
    static final String SOCIAL_INSURANCE = "社会保险缴费记录";

    private final ResourceCatalog resources;
    private final DevelopmentCatalog development;
    private final OrganizationDirectory organizations;

    CatalogDemo(ResourceCatalog resources, DevelopmentCatalog development, OrganizationDirectory organizations) {
        this.resources = resources;
        this.development = development;
        this.organizations = organizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (organizations.find(HRSS).isEmpty() || organizations.find(OPERATOR).isEmpty()
                || resources.nameTaken(HRSS, SOCIAL_INSURANCE)) {
            return;
        }
        Actor loader = new Actor(null, "demo-loader", HRSS, List.of("SYSTEM"), null);
        org.pdao.shared.Actors.runAs(loader, () -> load(loader));
    }

    private void load(Actor loader) {
        Resource insurance = resources.create(loader, new ResourceInput(SOCIAL_INSURANCE,
                "泰州市参保单位和个人的社会保险缴费明细，含养老、医疗、失业、工伤保险的缴费基数、月份和金额。", HRSS,
                "社会保障", "社保缴费", "MONTHLY", "CONDITIONAL", "CONDITIONAL",
                "《社会保险法》第八十一条；《泰州市公共数据管理办法》第十四条", List.of(), List.of(
                        field("insured_id", "参保人编号", "varchar", 3, "个人标识", true),
                        field("id_card_no", "公民身份号码", "varchar", 4, "个人身份信息", true),
                        field("employer_uscc", "参保单位统一社会信用代码", "varchar", 1, "法人标识", false),
                        field("insurance_type", "险种", "varchar", 1, "业务类别", false),
                        field("contribution_month", "缴费月份", "date", 2, "时间", false),
                        field("contribution_base", "缴费基数", "decimal", 3, "个人财产信息", false),
                        field("paid_amount", "实缴金额", "decimal", 3, "个人财产信息", false))));
        resources.create(loader, new ResourceInput("居民基本信息",
                "泰州市户籍及常住居民的基本信息：姓名、性别、出生日期、住址等。", HRSS, "人口", "基础信息", "DAILY",
                "CONDITIONAL", "NOT_OPEN", "《个人信息保护法》第十三条、第二十八条", List.of("PRIVACY_WITHOUT_BASIS"),
                List.of(field("person_id", "人员编号", "varchar", 3, "个人标识", true),
                        field("name", "姓名", "varchar", 4, "个人身份信息", true),
                        field("gender", "性别", "varchar", 2, "个人基本信息", false),
                        field("birth_date", "出生日期", "date", 3, "个人基本信息", false),
                        field("address", "住址", "varchar", 4, "个人位置信息", false))));
        resources.create(loader, new ResourceInput("医疗就诊记录",
                "参保人员在定点医疗机构的门诊和住院就诊记录及医保结算信息。", HRSS, "医疗健康", "医保结算", "DAILY",
                "CONDITIONAL", "CONDITIONAL", "《基本医疗保险用药管理暂行办法》；《个人信息保护法》第二十八条",
                List.of(), List.of(field("insured_id", "参保人编号", "varchar", 3, "个人标识", true),
                        field("hospital_code", "定点医疗机构编码", "varchar", 1, "机构标识", false),
                        field("visit_date", "就诊日期", "date", 2, "时间", false),
                        field("diagnosis_code", "诊断编码", "varchar", 4, "个人健康信息", false),
                        field("settled_amount", "医保结算金额", "decimal", 3, "个人财产信息", false))));
        resources.create(loader, new ResourceInput("企业登记信息",
                "在泰州市参保的企业登记信息：名称、统一社会信用代码、参保职工人数。", HRSS, "市场主体", "企业信息",
                "WEEKLY", "UNCONDITIONAL", "UNCONDITIONAL", null, List.of(), List.of(
                        field("uscc", "统一社会信用代码", "varchar", 1, "法人标识", false),
                        field("enterprise_name", "企业名称", "varchar", 1, "法人基本信息", false),
                        field("registered_on", "参保登记日期", "date", 1, "时间", false),
                        field("employee_count", "参保职工人数", "integer", 2, "经营信息", false))));
        Actor operator = new Actor(null, "demo-loader", OPERATOR, List.of("SYSTEM"), null);
        DevelopmentEntry entry = development.compile(operator, new DevelopmentCatalog.Compilation(
                "企业社保缴纳统计数据", "按企业和月份汇总的社会保险缴费情况，可用于普惠金融的企业经营状况核验。",
                insurance.id(), List.of("employer_uscc", "insurance_type", "contribution_month", "paid_amount"), null));
        development.transition(operator, entry.id(), DevelopmentState.SUBMITTED, "演示数据");
        development.transition(loader, entry.id(), DevelopmentState.APPROVED, "演示数据");
        development.transition(operator, entry.id(), DevelopmentState.PUBLISHED, "演示数据");
        log.info("Demo catalog loaded: 4 resources, 1 published development entry ({})", LocalDate.now());
    }

    private static FieldInput field(String name, String label, String type, int grade, String classification,
            boolean personKey) {
        return new FieldInput(name, label, type, grade, classification, personKey);
    }
}
