package org.pdao.identity;

/** The kinds of organization that take part in authorized operation ({@code rules.md} §1). */
public enum OrganizationType {
    /** 数据主管部门, at province, city or county level. */
    AUTHORITY("数据主管部门"),
    /** 行业主管部门 / 专区监管部门. */
    INDUSTRY_REGULATOR("行业主管部门"),
    /** 实施机构 (JL). */
    IMPLEMENTING_AGENCY("实施机构"),
    /** 数源单位 / 公共管理和服务机构. */
    SOURCE_UNIT("数源单位"),
    /** 一级运营主体 / 运营单位 / 运营机构. */
    OPERATOR("运营机构"),
    /** 二级开发主体. */
    DEVELOPER("二级开发主体"),
    /** 数据产品使用单位. */
    PRODUCT_USER("数据产品使用单位"),
    /** 网信、公安、国家安全、保密. */
    SECURITY_SUPERVISOR("安全监管部门"),
    /** 第三方专家机构 / 评审专家. */
    EXPERT("评审专家"),
    /** The platform's own organization. */
    PLATFORM("平台");

    private final String nameZh;

    OrganizationType(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
