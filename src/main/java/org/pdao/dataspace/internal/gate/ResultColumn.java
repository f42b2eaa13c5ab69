package org.pdao.dataspace.internal.gate;

/**
 * One column of a result: its name and DuckDB type, and how it may be disclosed, worked out by the
 * governed executor from its lineage: {@code CLEAR} (grade 1–2 or desensitized values),
 * {@code AGGREGATE} (an aggregate over at least k persons of a grade ≥ 3 value), {@code COUNT} (a count
 * of persons or rows, noised where the policy adds noise).
 */
public record ResultColumn(String name, String sqlType, Disclosure disclosure) {

    public enum Disclosure { CLEAR, AGGREGATE, COUNT }
}
