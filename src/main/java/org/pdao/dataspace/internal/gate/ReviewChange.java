package org.pdao.dataspace.internal.gate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.ProblemException;

/**
 * A reviewer's change to what is released (the original stays sealed): columns dropped by name, rows suppressed by
 * their 0-based index in the held result, and the numbers of aggregate and count columns rounded to the nearest
 * multiple of {@code roundTo} (e.g. 5 or 10, as statistical disclosure control rounds small counts).
 */
record ReviewChange(List<String> dropColumns, List<Integer> suppressRows, @Nullable Integer roundTo) {

    ReviewChange {
        dropColumns = dropColumns == null ? List.of() : List.copyOf(dropColumns);
        suppressRows = suppressRows == null ? List.of() : List.copyOf(suppressRows);
    }

    boolean isEmpty() {
        return dropColumns.isEmpty() && suppressRows.isEmpty() && roundTo == null;
    }

    /** Checks the change against the held result; bad input is refused (400) before anything changes. */
    void checkAgainst(ResultCodec.Table table) {
        if (isEmpty()) {
            throw ProblemException.badRequest("gate.change.empty");
        }
        Set<String> names = new HashSet<>();
        table.columns().forEach(c -> names.add(c.name()));
        for (String drop : dropColumns) {
            if (!names.contains(drop)) {
                throw ProblemException.badRequest("gate.change.unknown-column", drop);
            }
        }
        if (new HashSet<>(dropColumns).size() >= table.columns().size()) {
            throw ProblemException.badRequest("gate.change.all-columns");
        }
        for (Integer row : suppressRows) {
            if (row == null || row < 0 || row >= table.rows().size()) {
                throw ProblemException.badRequest("gate.change.unknown-row", row == null ? "null" : row,
                        table.rows().size());
            }
        }
        if (roundTo != null && (roundTo < 1 || roundTo > 1_000_000)) {
            throw ProblemException.badRequest("gate.change.round-to", roundTo);
        }
    }

    ResultCodec.Table apply(ResultCodec.Table table) {
        Set<String> dropped = new HashSet<>(dropColumns);
        Set<Integer> suppressed = new HashSet<>(suppressRows);
        List<Integer> kept = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            if (!dropped.contains(table.columns().get(i).name())) {
                kept.add(i);
                columns.add(table.columns().get(i));
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            if (suppressed.contains(r)) {
                continue;
            }
            List<Object> row = table.rows().get(r);
            List<Object> out = new ArrayList<>(kept.size());
            for (int i : kept) {
                Object cell = i < row.size() ? row.get(i) : null;
                boolean numeric = table.columns().get(i).disclosure() != ResultColumn.Disclosure.CLEAR;
                out.add(roundTo != null && numeric ? round(cell, roundTo) : cell);
            }
            rows.add(out);
        }
        return new ResultCodec.Table(columns, rows);
    }

    static @Nullable Object round(@Nullable Object cell, int step) {
        if (cell instanceof Long l) {
            return Math.round((double) l / step) * step;
        }
        if (cell instanceof BigDecimal d) {
            BigDecimal s = BigDecimal.valueOf(step);
            return d.divide(s, 0, RoundingMode.HALF_UP).multiply(s);
        }
        return cell;
    }

    /** A short description of the change for the record (names and indexes, never values). */
    String describe() {
        return "dropColumns=" + dropColumns + "; suppressRows=" + suppressRows + "; roundTo=" + roundTo;
    }
}
