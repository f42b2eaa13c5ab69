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
    static final String RESIDENTS = "居民基本信息";
    static final String MEDICAL_VISITS = "医疗就诊记录";
    static final String ENTERPRISES = "企业登记信息";
    static final String SOCIAL_INSURANCE_ENTRY = "企业社保缴纳统计数据";

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

    /**
     * The demo city's four resources, described field by field exactly as the synthetic city's
     * datasets are loaded into the comprehensive zone (same column names and grades), and one
     * published development entry per resource, so that a developer can request them.
     */
    private void load(Actor loader) {
        Resource insurance = resources.create(loader, new ResourceInput(SOCIAL_INSURANCE,
                "泰州市参保个人的社会保险缴费明细，含养老、医疗保险的缴费月份、缴费基数和金额。", HRSS,
                "社会保障", "社保缴费", "MONTHLY", "CONDITIONAL", "CONDITIONAL",
                "《社会保险法》第八十一条；《泰州市公共数据管理办法》第十四条", List.of(), List.of(
                        field("id_number", "公民身份号码", "varchar", 4, "个人身份信息", true),
                        field("month", "缴费月份", "varchar", 2, "时间", false),
                        field("insurance_type", "险种", "varchar", 2, "业务类别", false),
                        field("base", "缴费基数", "decimal", 3, "个人财产信息", false),
                        field("amount", "实缴金额", "decimal", 3, "个人财产信息", false))));
        Resource residents = resources.create(loader, new ResourceInput(RESIDENTS,
                "泰州市户籍及常住居民的基本信息：姓名、性别、出生日期、联系电话、住址、行政区划和月收入。", HRSS, "人口",
                "基础信息", "DAILY", "CONDITIONAL", "CONDITIONAL",
                "《个人信息保护法》第十三条、第二十八条；经脱敏处理后在可信数据空间内使用", List.of(),
                List.of(field("id_number", "公民身份号码", "varchar", 4, "个人身份信息", true),
                        field("name", "姓名", "varchar", 3, "个人身份信息", false),
                        field("gender", "性别", "varchar", 2, "个人基本信息", false),
                        field("birth_date", "出生日期", "date", 3, "个人基本信息", false),
                        field("phone", "联系电话", "varchar", 4, "个人联系信息", false),
                        field("region_code", "行政区划代码", "varchar", 1, "地区", false),
                        field("address", "住址", "varchar", 3, "个人位置信息", false),
                        field("monthly_income", "月收入", "decimal", 3, "个人财产信息", false))));
        Resource visits = resources.create(loader, new ResourceInput(MEDICAL_VISITS,
                "参保人员在定点医疗机构的门诊和住院就诊记录：就诊日期、医疗机构、ICD-10诊断编码和费用。", HRSS, "医疗健康",
                "医保结算", "DAILY", "CONDITIONAL", "CONDITIONAL", "《基本医疗保险用药管理暂行办法》；《个人信息保护法》第二十八条",
                List.of(), List.of(field("id_number", "公民身份号码", "varchar", 4, "个人身份信息", true),
                        field("visit_date", "就诊日期", "date", 3, "时间", false),
                        field("hospital", "医疗机构", "varchar", 2, "机构信息", false),
                        field("icd10", "诊断编码(ICD-10)", "varchar", 4, "个人健康信息", false),
                        field("cost", "医疗费用", "decimal", 3, "个人财产信息", false))));
        Resource enterprises = resources.create(loader, new ResourceInput(ENTERPRISES,
                "在泰州市登记的企业信息：统一社会信用代码、名称、法定代表人身份号码、行业和注册资本。", HRSS, "市场主体",
                "企业信息", "WEEKLY", "UNCONDITIONAL", "CONDITIONAL", "《企业信息公示暂行条例》；法定代表人身份信息经去标识化处理",
                List.of(), List.of(field("uscc", "统一社会信用代码", "varchar", 1, "法人标识", false),
                        field("name", "企业名称", "varchar", 1, "法人基本信息", false),
                        field("legal_person_id", "法定代表人公民身份号码", "varchar", 3, "个人身份信息", true),
                        field("industry", "行业门类", "varchar", 1, "经营信息", false),
                        field("registered_capital_wan", "注册资本(万元)", "decimal", 1, "经营信息", false))));
        Actor operator = new Actor(null, "demo-loader", OPERATOR, List.of("SYSTEM"), null);
        publish(loader, operator, SOCIAL_INSURANCE_ENTRY, "按人员和月份的社会保险缴费情况，可用于普惠金融的收入稳定性评估。", insurance);
        publish(loader, operator, "居民基本信息（脱敏）", "居民性别、年龄段、行政区划和收入区间等脱敏信息，用于区域分析与普惠金融评估。", residents);
        publish(loader, operator, "医疗就诊统计数据", "按诊断、医疗机构和时间汇总的就诊情况，用于区域医疗资源配置分析。", visits);
        publish(loader, operator, "企业登记信息", "企业统一社会信用代码、行业和注册资本，用于企业经营状况核验。", enterprises);
        log.info("Demo catalog loaded: 4 resources, 4 published development entries ({})", LocalDate.now());
    }

    private void publish(Actor authority, Actor operator, String title, String description, Resource resource) {
        DevelopmentEntry entry = development.compile(operator, new DevelopmentCatalog.Compilation(title, description,
                resource.id(), resource.fields().stream().map(ResourceField::name).toList(), null));
        development.transition(operator, entry.id(), DevelopmentState.SUBMITTED, "演示数据");
        development.transition(authority, entry.id(), DevelopmentState.APPROVED, "演示数据");
        development.transition(operator, entry.id(), DevelopmentState.PUBLISHED, "演示数据");
    }

    private static FieldInput field(String name, String label, String type, int grade, String classification,
            boolean personKey) {
        return new FieldInput(name, label, type, grade, classification, personKey);
    }
}
