package org.pdao.dataspace.internal.access;

import org.pdao.shared.RuleRef;

/** The rules that data requests, grants, consent and workspaces apply, with their articles. */
final class AccessRules {

    private static final String TZ_ZH = "《泰州市公共数据授权运营管理办法》";
    private static final String TZ_EN = "Taizhou Measures for the Administration of Public Data Authorized Operation, ";
    private static final String NJ_ZH = "《南京市公共数据授权运营管理暂行办法》";
    private static final String NJ_EN = "Nanjing Interim Measures for the Administration of Public Data Authorized Operation, ";
    private static final String SY_ZH = "《十堰市公共数据授权运营暂行办法》";
    private static final String SY_EN = "Shiyan Interim Measures for Public Data Authorized Operation, ";

    /** On expiry, termination or revocation of an agreement the party's permissions are removed at once. */
    static final RuleRef TZ_11 = new RuleRef("TZ-11", TZ_ZH + "第十一条", TZ_EN + "Art. 11");
    /** Sealing and destruction (封存销毁) and full traceability are platform functions. */
    static final RuleRef TZ_12 = new RuleRef("TZ-12", TZ_ZH + "第十二条", TZ_EN + "Art. 12");
    /** Exit: on expiry, breach, poor evaluation and the other causes the party's permissions close at once. */
    static final RuleRef TZ_27 = new RuleRef("TZ-27", TZ_ZH + "第二十七条", TZ_EN + "Art. 27");
    /** Developers request data from the published development catalog. */
    static final RuleRef TZ_13 = new RuleRef("TZ-13", TZ_ZH + "第十三条", TZ_EN + "Art. 13");
    /** Scenario-driven requests: operator approval and filing, raw data only with consents. */
    static final RuleRef TZ_14 = new RuleRef("TZ-14", TZ_ZH + "第十四条", TZ_EN + "Art. 14");
    /** The operator writes desensitization rules, the authority approves them. */
    static final RuleRef TZ_15 = new RuleRef("TZ-15", TZ_ZH + "第十五条", TZ_EN + "Art. 15");
    /** Use only within the authorized scenario and scope. */
    static final RuleRef NJ_13 = new RuleRef("NJ-13", NJ_ZH + "第十三条", NJ_EN + "Art. 13");
    /** Grade 3 and above only desensitized or usable-but-invisible. */
    static final RuleRef NJ_14 = new RuleRef("NJ-14", NJ_ZH + "第十四条", NJ_EN + "Art. 14");
    /** Data requests of a zone: evaluated and approved along the chain. */
    static final RuleRef NJ_15 = new RuleRef("NJ-15", NJ_ZH + "第十五条", NJ_EN + "Art. 15");
    /** Personal information only with the individual's real, valid authorization per scenario; no bundled consent. */
    static final RuleRef NJ_16 = new RuleRef("NJ-16", NJ_ZH + "第十六条", NJ_EN + "Art. 16");
    /** Data requests name their scenario (clear, feasible, valuable). */
    static final RuleRef SY_16 = new RuleRef("SY-16", SY_ZH + "第十六条", SY_EN + "Art. 16");
    /** The operator bears the cost of its work: resource use is metered per party. */
    static final RuleRef SY_17 = new RuleRef("SY-17", SY_ZH + "第十七条", SY_EN + "Art. 17");

    private AccessRules() {}
}
