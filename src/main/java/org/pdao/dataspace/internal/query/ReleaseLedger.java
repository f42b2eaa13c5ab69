package org.pdao.dataspace.internal.query;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The release ledger of a grant: every cell the executor handed to the output gate, as the population that defines
 * it (the canonical population statement of its query and its group key values) and its exact number of persons.
 * Before a new cell leaves, earlier cells whose counts lie within k of it are compared person by person: a
 * symmetric difference of 1 … k-1 persons would isolate them (differencing / tracker attack). A cell's
 * {@link ContributionSketch} lets most comparisons of unrelated cells end without re-reading the data.
 */
interface ReleaseLedger {

    /** One recorded cell. */
    record Cell(UUID queryId, String canonicalPopulation, String populationSql, List<@Nullable String> keys,
            long persons, @Nullable ContributionSketch sketch) {
        public Cell {
            keys = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(keys));
        }

        Cell(UUID queryId, String canonicalPopulation, String populationSql, List<@Nullable String> keys, long persons) {
            this(queryId, canonicalPopulation, populationSql, keys, persons, null);
        }
    }

    /** Earlier cells of the grant with {@code |persons - n| < k}, of another population than {@code canonicalPopulation}. */
    List<Cell> near(UUID grantId, long persons, int k, String canonicalPopulation, int limit);

    /** Records the cells of a query that went to the gate. */
    void record(UUID grantId, List<Cell> cells);
}
