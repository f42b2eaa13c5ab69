package org.pdao.dataspace.internal.query;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which workspace columns flow into a value and how ({@code via}: {@code raw}, {@code expression},
 * {@code aggregate sum}, {@code per-person aggregate sum}, {@code group key}, {@code window rank} …).
 */
record Lineage(Set<Use> uses) {

    /** One source column and the way it reaches the value. */
    record Use(String table, String column, ColumnTreatment treatment, String via, boolean released) {

        Use(String table, String column, ColumnTreatment treatment, String via) {
            this(table, column, treatment, via, false);
        }

        /** A person identifier that has not already left as part of a released (suppressed, noised) aggregate. */
        boolean identifier() {
            return !released && (treatment == ColumnTreatment.PERSON_PSEUDONYM || treatment == ColumnTreatment.PSEUDONYM);
        }

        boolean aggregateOnly() {
            return !released && treatment == ColumnTreatment.AGGREGATE_ONLY;
        }

        String qualified() {
            return table + "." + column;
        }
    }

    static final Lineage NONE = new Lineage(Set.of());

    Lineage {
        uses = Set.copyOf(new LinkedHashSet<>(uses));
    }

    static Lineage of(Use use) {
        return new Lineage(Set.of(use));
    }

    Lineage plus(Lineage other) {
        if (other.uses.isEmpty()) {
            return this;
        }
        if (uses.isEmpty()) {
            return other;
        }
        Set<Use> all = new LinkedHashSet<>(uses);
        all.addAll(other.uses);
        return new Lineage(all);
    }

    static Lineage union(List<Lineage> parts) {
        Lineage out = NONE;
        for (Lineage part : parts) {
            out = out.plus(part);
        }
        return out;
    }

    /** The same sources, now reached {@code via}. */
    Lineage via(String via) {
        Set<Use> out = new LinkedHashSet<>();
        for (Use use : uses) {
            out.add(new Use(use.table(), use.column(), use.treatment(), via, use.released()));
        }
        return new Lineage(out);
    }

    /** The same sources, now inside a released aggregate (a sub-result already suppressed and noised). */
    Lineage released() {
        Set<Use> out = new LinkedHashSet<>();
        for (Use use : uses) {
            out.add(new Use(use.table(), use.column(), use.treatment(), "released " + use.via(), true));
        }
        return new Lineage(out);
    }

    /**
     * The same sources as the condition of a band of constants: an AGGREGATE_ONLY value that only decided which
     * band a row falls in (through coarse thresholds) is no longer a value of its own ({@code coarse band}).
     */
    Lineage banded() {
        Set<Use> out = new LinkedHashSet<>();
        for (Use use : uses) {
            boolean coarse = use.treatment() == ColumnTreatment.AGGREGATE_ONLY;
            out.add(new Use(use.table(), use.column(), use.treatment(), coarse ? "coarse band" : "case",
                    use.released() || coarse));
        }
        return new Lineage(out);
    }

    boolean hasIdentifier() {
        return uses.stream().anyMatch(Use::identifier);
    }

    boolean hasAggregateOnly() {
        return uses.stream().anyMatch(Use::aggregateOnly);
    }

    String firstIdentifier() {
        return uses.stream().filter(Use::identifier).map(Use::qualified).findFirst().orElse(null);
    }

    String firstAggregateOnly() {
        return uses.stream().filter(Use::aggregateOnly).map(Use::qualified).findFirst().orElse(null);
    }
}
