package org.pdao.dataspace.internal.access;

import java.util.Locale;

/** The kind of values a column holds, from its catalog field type; decides its DuckDB type in a workspace. */
enum ValueType {
    TEXT("VARCHAR"), NUMBER("DOUBLE"), DATE("DATE");

    private final String sqlType;

    ValueType(String sqlType) {
        this.sqlType = sqlType;
    }

    String sqlType() {
        return sqlType;
    }

    /** From a catalog field type such as {@code varchar}, {@code decimal}, {@code integer}, {@code date}. */
    static ValueType ofCatalogType(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.startsWith("date")) {
            return DATE;
        }
        if (t.startsWith("decimal") || t.startsWith("numeric") || t.startsWith("int") || t.startsWith("bigint")
                || t.startsWith("double") || t.startsWith("float") || t.startsWith("number")) {
            return NUMBER;
        }
        return TEXT;
    }
}
