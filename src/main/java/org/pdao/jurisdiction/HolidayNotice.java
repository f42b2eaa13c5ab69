package org.pdao.jurisdiction;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** The State Council notice a year's holidays come from (e.g. 国办发明电〔2024〕12号). */
public record HolidayNotice(LocalizedText title, @Nullable String number, LocalDate issued) {}
