package org.pdao.dataspace.internal.ingest;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.pdao.dataspace.DatasetProfiled;

/**
 * Counts, while rows stream past, the nulls of every column, the values that break the column's format, and the rows
 * that repeat an earlier one ({@link RowHashes}).
 */
public final class DatasetProfiler {

    private final DatasetColumns columns;
    private final @Nullable ColumnFormat[] formats;
    private final long[] nulls;
    private final long[] violations;
    private final RowHashes hashes = new RowHashes();

    public DatasetProfiler(DatasetColumns columns) {
        this.columns = columns;
        int n = columns.columns().size();
        this.formats = new ColumnFormat[n];
        for (int i = 0; i < n; i++) {
            formats[i] = columns.columns().get(i).format();
        }
        this.nulls = new long[n];
        this.violations = new long[n];
    }

    /**
     * Counts one row given as UTF-8 bytes. Every format is ASCII: a byte of a multi-byte character is above 0x7F,
     * which no format accepts.
     */
    public void accept(byte @Nullable [][] row) {
        hashes.add(row);
        for (int i = 0; i < row.length; i++) {
            byte[] value = row[i];
            if (value == null || value.length == 0) {
                nulls[i]++;
            } else if (formats[i] != null && !formats[i].accepts(value)) {
                violations[i]++;
            }
        }
    }

    /** Rows seen so far that repeat an earlier row. */
    public long duplicateRows() {
        return hashes.duplicates();
    }

    public List<DatasetProfiled.ColumnProfile> profile() {
        List<DatasetProfiled.ColumnProfile> profile = new ArrayList<>();
        for (int i = 0; i < nulls.length; i++) {
            ColumnFormat format = formats[i];
            profile.add(new DatasetProfiled.ColumnProfile(columns.columns().get(i).name(), nulls[i],
                    format == null ? null : format.name(), violations[i]));
        }
        return profile;
    }
}
