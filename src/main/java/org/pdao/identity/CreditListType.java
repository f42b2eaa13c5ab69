package org.pdao.identity;

/** The credit lists that bar an organization from authorization (TZ-7, SY-9, NJ-8). */
public enum CreditListType {
    /** 失信被执行人. */
    DISHONEST_JUDGMENT_DEBTOR("失信被执行人"),
    /** 重大税收违法案件当事人. */
    MAJOR_TAX_VIOLATION("重大税收违法案件当事人"),
    /** 信用中国严重失信主体名单. */
    SERIOUS_DISHONESTY("严重失信主体名单");

    private final String nameZh;

    CreditListType(String nameZh) {
        this.nameZh = nameZh;
    }

    public String nameZh() {
        return nameZh;
    }
}
