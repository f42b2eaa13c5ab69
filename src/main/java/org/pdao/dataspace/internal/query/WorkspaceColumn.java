package org.pdao.dataspace.internal.query;

import org.jspecify.annotations.Nullable;

/**
 * One column of a workspace table, under the dataset's own column name: its DuckDB type, the grade of
 * the source column (1–4), how its values may leave, and the desensitization method applied, if any
 * (e.g. {@code MASK_SHOW_LAST_4}, {@code GENERALISE_AGE_BAND}, {@code HMAC_SM3}).
 */
public record WorkspaceColumn(String name, String sqlType, int grade, ColumnTreatment treatment,
        @Nullable String method) {}
