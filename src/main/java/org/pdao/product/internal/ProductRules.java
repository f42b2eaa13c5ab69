package org.pdao.product.internal;

import org.pdao.shared.RuleRef;

/** The rules products apply, with their articles. */
final class ProductRules {

    private static final String TZ_ZH = "《泰州市公共数据授权运营管理办法》";
    private static final String TZ_EN = "Taizhou Measures for the Administration of Public Data Authorized Operation, ";
    private static final String SY_ZH = "《十堰市公共数据授权运营暂行办法》";
    private static final String SY_EN = "Shiyan Interim Measures for Public Data Authorized Operation, ";

    /** A product states the sources of the data it uses and the date they were obtained. */
    static final RuleRef TZ_10 = new RuleRef("TZ-10", TZ_ZH + "第十条", TZ_EN + "Art. 10");
    /** On expiry, termination or revocation of an agreement the party's permissions are removed at once. */
    static final RuleRef TZ_11 = new RuleRef("TZ-11", TZ_ZH + "第十一条", TZ_EN + "Art. 11");
    /** Exit: on expiry, breach, poor evaluation and the other causes the party's permissions close at once. */
    static final RuleRef TZ_27 = new RuleRef("TZ-27", TZ_ZH + "第二十七条", TZ_EN + "Art. 27");
    /** Developers' products pass the operator's security and compliance review; the operator keeps the catalog. */
    static final RuleRef TZ_18 = new RuleRef("TZ-18", TZ_ZH + "第十八条", TZ_EN + "Art. 18");
    /** Resource use is metered per party. */
    static final RuleRef SY_17 = new RuleRef("SY-17", SY_ZH + "第十七条", SY_EN + "Art. 17");

    private ProductRules() {}

    static RuleRef of(String id) {
        for (RuleRef known : new RuleRef[] {TZ_10, TZ_11, TZ_18, TZ_27, SY_17}) {
            if (known.id().equals(id)) {
                return known;
            }
        }
        return RuleRef.of(id);
    }
}
