package org.pdao.identity;

/** The administrative level of a data authority; JL filing chains run county → city → province. */
public enum AuthorityLevel {
    PROVINCE, CITY, COUNTY
}
