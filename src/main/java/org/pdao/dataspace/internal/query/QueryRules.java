package org.pdao.dataspace.internal.query;

import org.pdao.shared.RuleRef;

/** The rules the governed executor applies, with their articles (see {@code guide/rules.md} §6). */
final class QueryRules {

    private static final String TZ_ZH = "《泰州市公共数据授权运营管理办法》";
    private static final String TZ_EN = "Taizhou Measures for the Administration of Public Data Authorized Operation, ";
    private static final String NJ_ZH = "《南京市公共数据授权运营管理暂行办法》";
    private static final String NJ_EN = "Nanjing Interim Measures for the Administration of Public Data Authorized Operation, ";
    private static final String SY_ZH = "《十堰市公共数据授权运营暂行办法》";
    private static final String SY_EN = "Shiyan Interim Measures for Public Data Authorized Operation, ";

    /** Raw data never leaves the domain; usable but invisible. */
    static final RuleRef TZ_3 = new RuleRef("TZ-3", TZ_ZH + "第三条", TZ_EN + "Art. 3");
    /** Access control, supervision and traceability are platform functions: only the governed path reaches data. */
    static final RuleRef TZ_12 = new RuleRef("TZ-12", TZ_ZH + "第十二条", TZ_EN + "Art. 12");
    /** Use only within the authorized scope (the workspace's tables and columns). */
    static final RuleRef NJ_13 = new RuleRef("NJ-13", NJ_ZH + "第十三条", NJ_EN + "Art. 13");
    /** Grade 3 and above only desensitized or through usable-but-invisible techniques. */
    static final RuleRef NJ_14 = new RuleRef("NJ-14", NJ_ZH + "第十四条", NJ_EN + "Art. 14");
    /** Personal information only with the individual's authorization: person identifiers never leave. */
    static final RuleRef NJ_16 = new RuleRef("NJ-16", NJ_ZH + "第十六条", NJ_EN + "Art. 16");
    /** No export or copy of raw data, no reversible restoring of raw data, minimum necessary. */
    static final RuleRef JL_PROHIBIT = new RuleRef("JL-prohibit",
            "《吉林省公共数据资源授权运营管理办法（征求意见稿）》“运营管理”章",
            "Jilin Province Measures for the Administration of Authorized Operation of Public Data Resources "
                    + "(consultation draft), chapter “Operation management”");
    /** Resource use is metered and bounded per party. */
    static final RuleRef SY_17 = new RuleRef("SY-17", SY_ZH + "第十七条", SY_EN + "Art. 17");

    private QueryRules() {}
}
