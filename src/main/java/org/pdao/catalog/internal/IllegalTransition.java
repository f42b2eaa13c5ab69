package org.pdao.catalog.internal;

/** A transition that a state table does not allow. */
final class IllegalTransition extends RuntimeException {

    private final Enum<?> from;
    private final Enum<?> to;

    IllegalTransition(Enum<?> from, Enum<?> to) {
        super(from + " -> " + to);
        this.from = from;
        this.to = to;
    }

    Enum<?> from() {
        return from;
    }

    Enum<?> to() {
        return to;
    }
}
