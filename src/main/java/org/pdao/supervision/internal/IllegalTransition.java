package org.pdao.supervision.internal;

/** A transition that a state table does not allow. */
final class IllegalTransition extends RuntimeException {

    IllegalTransition(Enum<?> from, Enum<?> to) {
        super(from + " -> " + to);
    }
}
