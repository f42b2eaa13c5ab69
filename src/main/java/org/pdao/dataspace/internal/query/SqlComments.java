package org.pdao.dataspace.internal.query;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Ordinary SQL comments ({@code -- …} to the end of the line, {@code /* … *}{@code /}) blanked out before anything
 * else looks at a query. The lexer knows string literals ({@code '…'} with {@code ''}) and quoted identifiers
 * ({@code "…"} with {@code ""}), so comment marks inside them stay text; every character of a comment becomes a
 * space (line breaks stay), so the text keeps its length and positions, and a comment between two halves of a
 * word ({@code SEL/**}{@code /ECT}) separates them as DuckDB's own scanner does. What DuckDB would read
 * differently from a plain comment is refused: a block comment opened inside another (DuckDB nests them), an
 * unterminated one, optimizer-hint or executable comment forms ({@code /*+}, {@code /*!}), and control or
 * invisible characters inside a comment. Everything after this step (lexical check, parser, analysis,
 * execution) sees the blanked text only.
 */
final class SqlComments {

    /** The text with comments blanked, or the refusal. */
    record Stripped(String text, @Nullable Refusal refusal) {}

    private SqlComments() {}

    static Stripped strip(String sql) {
        StringBuilder out = new StringBuilder(sql);
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = quotedEnd(sql, i, c);
                continue;
            }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = i;
                while (end < n && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
                    end++;
                }
                Refusal bad = content(sql, i + 2, end);
                if (bad != null) {
                    return new Stripped(sql, bad);
                }
                blank(out, i, end);
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                if (i + 2 < n && (sql.charAt(i + 2) == '+' || sql.charAt(i + 2) == '!')) {
                    return new Stripped(sql, refusal(i));
                }
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return new Stripped(sql, refusal(i));
                }
                int nested = sql.indexOf("/*", i + 2);
                if (nested >= 0 && nested < end) {
                    return new Stripped(sql, refusal(nested));
                }
                Refusal bad = content(sql, i + 2, end);
                if (bad != null) {
                    return new Stripped(sql, bad);
                }
                blank(out, i, end + 2);
                i = end + 2;
                continue;
            }
            i++;
        }
        return new Stripped(out.toString(), null);
    }

    /** The text DuckDB is given: comments blanked (the text must have passed {@link #strip} without refusal). */
    static String executable(String sql) {
        Stripped s = strip(sql);
        if (s.refusal() != null) {
            throw new QueryRefused(List.of(s.refusal()));
        }
        return s.text();
    }

    /** The index after a quoted literal or identifier starting at {@code start} (its end when unterminated). */
    private static int quotedEnd(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static @Nullable Refusal content(String sql, int from, int to) {
        for (int i = from; i < to; i++) {
            int cp = sql.codePointAt(i);
            int type = Character.getType(cp);
            boolean invisible = type == Character.FORMAT || type == Character.CONTROL && cp != '\t' && cp != '\n'
                    && cp != '\r' || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            if (invisible) {
                return Refusal.of(null, QueryRules.TZ_12, i, "query.refusal.character", String.format("U+%04X", cp));
            }
            if (Character.isSupplementaryCodePoint(cp)) {
                i++;
            }
        }
        return null;
    }

    private static Refusal refusal(int at) {
        return Refusal.of(null, QueryRules.TZ_12, at, "query.refusal.comment");
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = out.charAt(i);
            if (c != '\n' && c != '\r') {
                out.setCharAt(i, ' ');
            }
        }
    }
}
