package org.pdao.dataspace;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The progress of one load into a zone: rows appended, percent of the uploaded bytes read, rows per
 * second, the SM3 digest of the uploaded content and, when it failed, a message key (never data).
 */
public record LoadProgress(UUID id, UUID zoneId, String dataset, LoadState state, long rows, double percent,
        double rowsPerSecond, @Nullable String contentSm3, boolean unchanged, @Nullable String failure,
        Instant startedAt, @Nullable Instant finishedAt) {}
