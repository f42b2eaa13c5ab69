package org.pdao.jurisdiction;

import java.time.LocalDate;
import java.util.List;

/** One statutory holiday of a State Council notice: its days off and the make-up working days (调休) that go with it. */
public record Holiday(LocalizedText name, LocalDate firstDay, LocalDate lastDay, List<LocalDate> makeUpWorkingDays) {

    public Holiday {
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("holiday " + name.zh() + " ends before it starts");
        }
        makeUpWorkingDays = List.copyOf(makeUpWorkingDays);
    }
}
