package org.pdao.catalog.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pdao.catalog.internal.CatalogSheet.Column;
import org.pdao.catalog.internal.CatalogSheet.SheetRow;

/**
 * The resource columns (A–I) that every row of one resource repeats. The resource is described by the values most
 * of its rows agree on, so that one mistyped row is reported alone rather than every row that disagrees with it.
 */
final class ResourceColumns {

    private static final List<Column> COLUMNS =
            List.of(Arrays.copyOfRange(Column.values(), 0, Column.FIELD_NAME.ordinal()));

    private ResourceColumns() {}

    /** The row whose resource columns most rows share; on a tie the earliest of them. */
    static SheetRow usualRow(List<SheetRow> rows) {
        Map<List<String>, Integer> counts = new HashMap<>();
        SheetRow usual = rows.get(0);
        int best = 0;
        for (SheetRow row : rows) {
            int count = counts.merge(values(row), 1, Integer::sum);
            if (count > best) {
                best = count;
                usual = row;
            }
        }
        SheetRow chosen = usual;
        return rows.stream().filter(r -> values(r).equals(values(chosen))).findFirst().orElse(chosen);
    }

    /** The first resource column in which {@code row} differs from {@code usual}, if any. */
    static Optional<Column> firstDifference(SheetRow usual, SheetRow row) {
        return COLUMNS.stream().filter(c -> !usual.get(c).equals(row.get(c))).findFirst();
    }

    private static List<String> values(SheetRow row) {
        return COLUMNS.stream().map(row::get).toList();
    }
}
