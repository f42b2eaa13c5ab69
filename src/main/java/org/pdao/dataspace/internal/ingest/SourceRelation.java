package org.pdao.dataspace.internal.ingest;

import java.util.Locale;
import java.util.regex.Pattern;
import org.pdao.shared.ProblemException;

/**
 * What a load reads from a source unit's database: a table ({@code schema.table} or {@code table})
 * or one SELECT. The text check refuses anything but a single read statement; the real guarantee is
 * that the source is always read inside a READ ONLY transaction, where PostgreSQL itself refuses any
 * write, even one hidden in a function call.
 */
public record SourceRelation(String sql) {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    private static final Pattern WRITES = Pattern.compile(
            "\\b(insert|update|delete|merge|create|alter|drop|truncate|grant|revoke|copy|call|do|lock|vacuum|"
                    + "analyze|refresh|listen|notify|set|reset|prepare|execute|into|nextval|setval|pg_sleep|"
                    + "dblink|lo_import|lo_export|pg_read_file|pg_read_binary_file|pg_ls_dir)\\b|\\bfor\\s+(update|share|no\\s+key|key)\\b");

    /** The relation of a table name or a single read-only SELECT (WITH … SELECT allowed). */
    public static SourceRelation of(String tableOrQuery) {
        String text = tableOrQuery.strip();
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        if (TABLE.matcher(text).matches()) {
            String[] parts = text.split("\\.");
            StringBuilder quoted = new StringBuilder();
            for (String part : parts) {
                quoted.append(quoted.isEmpty() ? "" : ".").append('"').append(part).append('"');
            }
            return new SourceRelation("SELECT * FROM " + quoted);
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String code = lower.replaceAll("'([^']|'')*'", "''");
        if (text.isEmpty() || text.length() > 20_000 || code.contains(";") || code.contains("--") || code.contains("/*")
                || code.contains("'") && code.replace("''", "").contains("'")
                || !(code.startsWith("select") || code.startsWith("with")) || WRITES.matcher(code).find()) {
            throw ProblemException.badRequest("dataspace.source.relation-invalid");
        }
        return new SourceRelation(text);
    }
}
