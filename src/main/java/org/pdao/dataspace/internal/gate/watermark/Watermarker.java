package org.pdao.dataspace.internal.gate.watermark;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.internal.gate.ResultColumn;
import org.pdao.shared.crypto.Sm3;

/**
 * Marks one issue of a released result for its recipient: a keyed choice (HMAC-SM3 under the issue's key) among the
 * {@link CellVariants} of every markable cell, and a recipient-keyed row order. Deterministic: the same released
 * table and key give the same file, so the registry can keep the issued values and a trace can recompute which
 * variants every cell could have had.
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
     * One marked issue: the issued values in the released table's row order ({@code rows.get(i)} is released row
     * {@code i} as issued), the order in which the file lists them, and how many independent marks it carries.
     */
    public record MarkedTable(List<ResultColumn> columns, List<List<Object>> rows, List<Integer> order, int marks) {
        public MarkedTable {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
            order = List.copyOf(order);
        }

        /** The rows in the order the file lists them. */
        public List<List<Object>> issuedRows() {
            List<List<Object>> out = new ArrayList<>(rows.size());
            for (int i : order) {
                out.add(rows.get(i));
            }
            return out;
        }
    }

    private Watermarker() {}

    public static MarkedTable mark(Released released, byte[] issueKey) {
        List<ResultColumn> columns = released.columns();
        List<List<Object>> out = new ArrayList<>(released.rows().size());
        Set<String> textMarks = new HashSet<>();
        int marks = 0;
        for (int i = 0; i < released.rows().size(); i++) {
            List<Object> row = released.rows().get(i);
            List<Object> marked = new ArrayList<>(row.size());
            for (int c = 0; c < row.size(); c++) {
                Object value = row.get(c);
                CellVariants.Kind kind = c < columns.size() ? kindOf(released, c, value) : CellVariants.Kind.NONE;
                if (kind == CellVariants.Kind.TEXT) {
                    String text = (String) value;
                    int n = CellVariants.textVariantCount(text);
                    if (n > 1) {
                        marked.add(CellVariants.textVariant(text, choice(issueKey, "t:" + c + ":" + text, n)));
                        if (textMarks.add(c + ":" + text)) {
                            marks++;
                        }
                        continue;
                    }
                } else if (kind != CellVariants.Kind.NONE) {
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
        List<Integer> order = new ArrayList<>();
        String[] rank = new String[out.size()];
        for (int i = 0; i < out.size(); i++) {
            order.add(i);
            rank[i] = java.util.HexFormat.of().formatHex(Sm3.hmac(issueKey, ("r:" + i).getBytes(StandardCharsets.UTF_8)));
        }
        order.sort(Comparator.comparing(i -> rank[i]));
        return new MarkedTable(columns, out, order, marks);
    }

    /** How cell {@code c} of a released result is marked, from its column's disclosure and its value. */
    public static CellVariants.Kind kindOf(Released released, int c, @Nullable Object value) {
        ResultColumn column = released.columns().get(c);
        if (value == null || released.unmarkedColumns().contains(column.name()) || value instanceof Boolean) {
            return CellVariants.Kind.NONE;
        }
        if (value instanceof String) {
            return CellVariants.Kind.TEXT;
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
