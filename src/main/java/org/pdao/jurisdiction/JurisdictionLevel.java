package org.pdao.jurisdiction;

/** The level of government a regulation comes from. */
public enum JurisdictionLevel {
    PROVINCE, CITY, COUNTY
}
