package org.pdao.catalog.internal;

/**
 * A marking that keeps a resource out of the development catalog (TZ-13, SY-8, JL-5). Which article a
 * refusal cites comes from the active profile's {@code catalog.excluded} entry ({@link CatalogArticles#excluded()}).
 */
enum Restriction {
    NATIONAL_SECURITY, PUBLIC_INTEREST, PROHIBITED_BY_LAW, STATE_SECRET, PUBLIC_SECURITY, PRIVACY_WITHOUT_BASIS,
    TRADE_SECRET_WITHOUT_BASIS
}
