package org.pdao.catalog.internal;

import org.pdao.shared.RuleRef;

/**
 * The articles the catalog applies, in one place. The same rule ids and articles are in the
 * jurisdiction profiles; reading them from the active profile instead of these constants is still
 * to do (it also decides which jurisdiction's rule a refusal should cite).
 */
final class CatalogArticles {

    static final RuleRef TZM_8 = new RuleRef("TZM-8", "《泰州市公共数据管理办法》第八条",
            "Taizhou Public Data Management Measures, Article 8");
    static final RuleRef TZM_14 = new RuleRef("TZM-14", "《泰州市公共数据管理办法》第十四条",
            "Taizhou Public Data Management Measures, Article 14");
    static final RuleRef TZM_16 = new RuleRef("TZM-16", "《泰州市公共数据管理办法》第十六条",
            "Taizhou Public Data Management Measures, Article 16");
    static final RuleRef TZM_17 = new RuleRef("TZM-17", "《泰州市公共数据管理办法》第十七条",
            "Taizhou Public Data Management Measures, Article 17");
    static final RuleRef TZ_13 = new RuleRef("TZ-13", "《泰州市公共数据授权运营管理办法》第十三条",
            "Taizhou Measures for Authorized Operation of Public Data, Article 13");
    static final RuleRef SY_8 = new RuleRef("SY-8", "《十堰市公共数据授权运营暂行办法》第八条",
            "Shiyan Interim Measures for Authorized Operation of Public Data, Article 8");
    static final RuleRef JL_5 = new RuleRef("JL-5", "《吉林省公共数据资源授权运营管理办法（征求意见稿）》基本要求",
            "Jilin Measures for Authorized Operation of Public Data Resources (draft), basic requirements");
    static final RuleRef JL_REGISTRATION = new RuleRef("JL-ops",
            "《吉林省公共数据资源授权运营管理办法（征求意见稿）》运营实施（公共数据资源登记）",
            "Jilin Measures for Authorized Operation of Public Data Resources (draft), operation (registration)");

    private CatalogArticles() {}
}
