package org.pdao.dataspace;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published after a dataset was loaded into a zone: the automatic quality profile of its content
 * (counts only, never values), so that supervision can raise quality issues (TZ-17, NJ-20, TZM-12).
 *
 * @param resourceId the catalog resource the dataset is tied to, if any
 * @param sourceUnitId the source unit that supplied it, if known
 * @param duplicateRows rows that repeat another row exactly
 */
public record DatasetProfiled(UUID zoneId, String dataset, @Nullable UUID resourceId, @Nullable UUID sourceUnitId,
        long rows, long duplicateRows, List<ColumnProfile> columns, Instant loadedAt) {

    public DatasetProfiled {
        columns = List.copyOf(columns);
    }

    /**
     * One column's profile. {@code format} names the format checked ({@code ID_NUMBER}, {@code USCC},
     * {@code PHONE}) or is null; {@code formatViolations} counts non-null values that break it.
     */
    public record ColumnProfile(String name, long nulls, @Nullable String format, long formatViolations) {}
}
