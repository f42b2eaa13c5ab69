package org.pdao.dataspace.internal.gate;

/** Where a query result stands at the output gate. */
public enum ResultState {
    /** Waiting for an operator reviewer. */
    PENDING_REVIEW,
    /** Released to the workspace's developer, automatically or by a reviewer. */
    RELEASED,
    /** Released by a reviewer after a change (rows suppressed, columns dropped, values rounded). */
    RELEASED_WITH_CHANGE,
    /** Refused by a reviewer; never leaves the space. */
    REJECTED,
    /**
     * Destroyed with its workspace (封存销毁, TZ-12): its sealed rows, changed version and SQL are erased together with
     * their key, whatever state it was in; digests, sizes, history and the issue register stay.
     */
    DESTROYED
}
