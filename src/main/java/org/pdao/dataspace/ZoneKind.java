package org.pdao.dataspace;

/** NJ-4/5/6: one comprehensive zone supervised by the data authority, and industry zones supervised by their regulators. */
public enum ZoneKind {
    /** 综合专区. */
    COMPREHENSIVE,
    /** 行业领域专区. */
    INDUSTRY
}
