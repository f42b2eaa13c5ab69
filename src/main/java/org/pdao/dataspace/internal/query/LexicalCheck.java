package org.pdao.dataspace.internal.query;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The lexical pre-check that runs before the parser, on the text with its comments blanked ({@link SqlComments}):
 * one statement, no control or invisible
 * characters, nothing but ASCII outside string literals (so no look-alike unicode identifiers), quoted
 * identifiers plain ({@code [A-Za-z_][A-Za-z0-9_]*}), no dollar-quoted or escape strings, and string literals
 * in NFKC form. The first keyword names the class of a statement that is not a query, so its refusal can
 * say what it is even though the parser only serialises SELECT.
 */
final class LexicalCheck {

    private static final Set<String> STATEMENTS = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "CREATE",
            "DROP", "ALTER", "TRUNCATE", "PRAGMA", "SET", "RESET", "ATTACH", "DETACH", "COPY", "EXPORT", "IMPORT",
            "INSTALL", "LOAD", "FORCE", "CALL", "EXECUTE", "PREPARE", "DEALLOCATE", "BEGIN", "COMMIT", "ROLLBACK",
            "START", "ABORT", "CHECKPOINT", "VACUUM", "ANALYZE", "EXPLAIN", "DESCRIBE", "SHOW", "SUMMARIZE", "USE",
            "GRANT", "REVOKE", "COMMENT", "UNPIVOT", "PIVOT", "FROM", "VALUES", "TABLE", "UPDATE_EXTENSIONS");

    private LexicalCheck() {}

    /** The refusals of the text (empty when it may go to the parser). */
    static List<Refusal> check(String sql, int maxLength) {
        List<Refusal> out = new ArrayList<>();
        if (sql.isBlank()) {
            out.add(Refusal.of(null, QueryRules.TZ_12, null, "query.refusal.empty"));
            return out;
        }
        if (sql.length() > maxLength) {
            out.add(Refusal.of(null, QueryRules.SY_17, null, "query.refusal.too-long", maxLength));
            return out;
        }
        SqlComments.Stripped stripped = SqlComments.strip(sql);
        if (stripped.refusal() != null) {
            out.add(stripped.refusal());
            return out;
        }
        sql = stripped.text();
        if (sql.isBlank()) {
            out.add(Refusal.of(null, QueryRules.TZ_12, null, "query.refusal.empty"));
            return out;
        }
        int statements = 0;
        boolean content = false;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = stringEnd(sql, i);
                if (end < 0) {
                    out.add(Refusal.of(null, QueryRules.TZ_12, i, "query.refusal.syntax"));
                    return out;
                }
                String literal = sql.substring(i + 1, end);
                if (invisible(literal) || !Normalizer.isNormalized(literal, Normalizer.Form.NFKC)) {
                    out.add(Refusal.of(null, QueryRules.TZ_12, i, "query.refusal.literal-unicode"));
                }
                if (i > 0 && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
                        && (i == 1 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_')) {
                    out.add(Refusal.of(null, QueryRules.TZ_12, i - 1, "query.refusal.escape-string"));
                }
                content = true;
                i = end + 1;
                continue;
            }
            if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                String name = end < 0 ? "" : sql.substring(i + 1, end);
                if (end < 0 || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    out.add(Refusal.of(null, QueryRules.TZ_12, i, "query.refusal.quoted-identifier"));
                    return out;
                }
                content = true;
                i = end + 1;
                continue;
            }
            if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-'
                    || c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                out.add(Refusal.of(null, QueryRules.TZ_12, i, "query.refusal.comment"));
                return out;
            }
            if (c == '$') {
                out.add(Refusal.of(null, QueryRules.TZ_12, i, "query.refusal.dollar"));
                return out;
            }
            if (c == '`') {
                out.add(Refusal.of(null, QueryRules.TZ_12, i, "query.refusal.quoted-identifier"));
                return out;
            }
            if (c == ';') {
                statements++;
                content = false;
                i++;
                continue;
            }
            if (c > 0x7e || c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                out.add(Refusal.of(null, QueryRules.TZ_12, i, "query.refusal.character", String.format("U+%04X", (int) c)));
                return out;
            }
            if (!Character.isWhitespace(c) && statements > 0 && !content) {
                out.add(Refusal.of(null, QueryRules.TZ_12, i, "query.refusal.multiple-statements"));
                return out;
            }
            if (!Character.isWhitespace(c)) {
                content = true;
            }
            i++;
        }
        if (out.isEmpty()) {
            String first = firstKeyword(sql);
            if (!first.equals("SELECT") && !first.equals("WITH") && !first.equals("(")) {
                out.add(statementRefusal(first));
            }
        }
        return out;
    }

    static Refusal statementRefusal(String keyword) {
        String kind = STATEMENTS.contains(keyword) ? keyword : "OTHER";
        var rule = switch (kind) {
            case "COPY", "EXPORT", "IMPORT", "ATTACH", "DETACH" -> QueryRules.JL_PROHIBIT;
            case "INSTALL", "LOAD", "FORCE", "SET", "RESET", "PRAGMA", "UPDATE_EXTENSIONS" -> QueryRules.TZ_3;
            default -> QueryRules.TZ_12;
        };
        return Refusal.of(null, rule, 0, "query.refusal.statement", kind);
    }

    static String firstKeyword(String sql) {
        String trimmed = sql.strip();
        if (trimmed.startsWith("(")) {
            return "(";
        }
        int end = 0;
        while (end < trimmed.length() && (Character.isLetter(trimmed.charAt(end)) || trimmed.charAt(end) == '_')) {
            end++;
        }
        return trimmed.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static int stringEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return -1;
    }

    private static boolean invisible(String text) {
        return text.codePoints().anyMatch(cp -> {
            int type = Character.getType(cp);
            return type == Character.FORMAT || type == Character.CONTROL || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
        });
    }
}
