package org.pdao.dataspace.internal.query;

/**
 * How the values of one workspace column may leave the trusted space. The workspace decides it from
 * the column's grade, the approved desensitization rules (TZ-15, NJ-14) and the grant; the governed
 * executor enforces it through the lineage of every output column.
 */
public enum ColumnTreatment {
    /** A grade 1–2 value as loaded: may leave as it is. */
    CLEAR,
    /** Desensitized by an approved rule (masked, generalised, noised, suppressed): may leave as it is. */
    DESENSITIZED,
    /** A raw grade ≥ 3 value kept inside the space: leaves only inside an aggregate over at least k persons. */
    AGGREGATE_ONLY,
    /** The table's person key, pseudonymised with the grant's key: joins and counts, never leaves, never a group key. */
    PERSON_PSEUDONYM,
    /** Another personal identifier pseudonymised with the grant's key (e.g. an enterprise's legal person): joins, never leaves. */
    PSEUDONYM
}
