package org.pdao.dataspace;

/** The field of an industry zone (NJ-5: finance, medical, traffic, credit, culture-tourism, sports …). */
public enum ZoneIndustry {
    FINANCE, MEDICAL, TRAFFIC, CREDIT, CULTURE_TOURISM, SPORTS, EDUCATION, AGRICULTURE, MARKET_SUPERVISION, OTHER
}
