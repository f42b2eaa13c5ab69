package org.pdao.jurisdiction;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.pdao.shared.RuleRef;

/**
 * A deadline: {@code amount} {@code unit} counted from {@code start}, due on {@code due}, under
 * {@code rule}. For a limit "before" a date (TZ-11's "期限届满3个月前") {@code due} lies before {@code start}.
 */
public record Deadline(LocalDate start, long amount, LimitUnit unit, LocalDate due, @Nullable RuleRef rule) {

    public boolean isPassed(LocalDate today) {
        return today.isAfter(due);
    }
}
