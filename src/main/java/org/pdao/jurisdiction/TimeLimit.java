package org.pdao.jurisdiction;

/** A time limit of a regulation: an amount and its unit ("5 working days", "3 years"). */
public record TimeLimit(long amount, LimitUnit unit) implements EntryValue {

    public TimeLimit {
        if (amount < 0) {
            throw new IllegalArgumentException("a time limit cannot be negative");
        }
    }
}
