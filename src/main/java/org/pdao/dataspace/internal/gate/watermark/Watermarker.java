package org.pdao.dataspace.internal.gate.watermark;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.internal.gate.ResultColumn;
import org.pdao.shared.crypto.Sm3;

/**
 * Marks one issue of a released result for its recipient: a keyed choice (HMAC-SM3 under the issue's key) among the
 * {@link CellVariants} of every markable cell — noised counts and aggregates, in their least significant digits and
 * within the executor's announced noise. Nothing else changes: the rows keep the released order (an analyst's
 * {@code ORDER BY} exactly), and group keys and texts stay byte for byte what the SQL computed. Deterministic: the
 * same released table and key give the same file, so the registry can keep the issued values and a trace can
 * recompute which variants every cell could have had.
 */
public final class Watermarker {

    /** A result as released, before marking: its columns, rows in the stored order, and how counts were noised. */
    public record Released(List<ResultColumn> columns, List<List<Object>> rows, @Nullable Double countNoiseBound,
            Set<String> unmarkedColumns) {
        public Released {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
            unmarkedColumns = Set.copyOf(unmarkedColumns);
        }
    }

    /**
     * One marked issue: the issued values, row {@code i} being released row {@code i} as issued (the file lists them
     * in that order), and how many independent marks it carries.
     */
    public record MarkedTable(List<ResultColumn> columns, List<List<Object>> rows, int marks) {
        public MarkedTable {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    private Watermarker() {}

    public static MarkedTable mark(Released released, byte[] issueKey) {
        List<ResultColumn> columns = released.columns();
        List<List<Object>> out = new ArrayList<>(released.rows().size());
        int marks = 0;
        for (int i = 0; i < released.rows().size(); i++) {
            List<Object> row = released.rows().get(i);
            List<Object> marked = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                Object value = row.get(c);
                CellVariants.Kind kind = c < columns.size() ? kindOf(released, c, value) : CellVariants.Kind.NONE;
                if (kind != CellVariants.Kind.NONE) {
                    List<BigDecimal> variants = CellVariants.numberVariants(kind, value);
                    if (!variants.isEmpty()) {
                        BigDecimal chosen = variants.get(choice(issueKey, "n:" + c + ":" + i, variants.size()));
                        marked.add(value instanceof Long ? (Object) chosen.longValueExact() : chosen);
                        marks++;
                        continue;
                    }
                }
                marked.add(value);
            }
            out.add(marked);
        }
        return new MarkedTable(columns, out, marks);
    }

    /** How cell {@code c} of a released result is marked, from its column's disclosure and its value. */
    public static CellVariants.Kind kindOf(Released released, int c, @Nullable Object value) {
        ResultColumn column = released.columns().get(c);
        if (value == null || released.unmarkedColumns().contains(column.name()) || value instanceof Boolean
                || value instanceof String) {
            return CellVariants.Kind.NONE;
        }
        boolean decimal = value instanceof BigDecimal d && d.scale() > 0;
        return switch (column.disclosure()) {
            case CLEAR -> CellVariants.Kind.NONE;
            case AGGREGATE -> decimal ? CellVariants.Kind.DECIMAL : CellVariants.Kind.WHOLE;
            case COUNT -> decimal ? CellVariants.Kind.DECIMAL
                    : released.countNoiseBound() != null && released.countNoiseBound() >= 1 ? CellVariants.Kind.COUNT
                    : CellVariants.Kind.NONE;
        };
    }

    static int choice(byte[] key, String what, int n) {
        byte[] mac = Sm3.hmac(key, what.getBytes(StandardCharsets.UTF_8));
        long v = ((long) (mac[0] & 0xff) << 24) | ((mac[1] & 0xff) << 16) | ((mac[2] & 0xff) << 8) | (mac[3] & 0xff);
        return (int) (v % n);
    }
}
