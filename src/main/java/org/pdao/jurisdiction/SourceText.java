package org.pdao.jurisdiction;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The regulation text a profile comes from: its short code, seed file, title, status and dates
 * (null where the text leaves them open).
 */
public record SourceText(String code, String file, LocalizedText title, String status, @Nullable LocalDate issued,
        @Nullable LocalDate effectiveFrom, @Nullable LocalDate effectiveUntil) {}
