package org.pdao.catalog.internal;

import org.pdao.shared.RuleRef;

/** A marking that keeps a resource out of the development catalog, with the rule that forbids it. */
enum Restriction {
    NATIONAL_SECURITY(CatalogArticles.TZ_13),
    PUBLIC_INTEREST(CatalogArticles.TZ_13),
    PROHIBITED_BY_LAW(CatalogArticles.TZ_13),
    STATE_SECRET(CatalogArticles.SY_8),
    PUBLIC_SECURITY(CatalogArticles.SY_8),
    PRIVACY_WITHOUT_BASIS(CatalogArticles.JL_5),
    TRADE_SECRET_WITHOUT_BASIS(CatalogArticles.JL_5);

    private final RuleRef rule;

    Restriction(RuleRef rule) {
        this.rule = rule;
    }

    RuleRef rule() {
        return rule;
    }
}
