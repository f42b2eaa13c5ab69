package org.pdao.authorization.internal;

/** A transition that a lifecycle's state table does not allow (the lifecycles other than agreements). */
final class IllegalTransition extends RuntimeException {

    private final String from;
    private final String to;

    IllegalTransition(String from, String to) {
        super(from + " -> " + to);
        this.from = from;
        this.to = to;
    }

    String from() {
        return from;
    }

    String to() {
        return to;
    }
}
