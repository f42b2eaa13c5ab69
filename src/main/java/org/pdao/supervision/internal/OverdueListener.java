package org.pdao.supervision.internal;

import org.pdao.shared.DeadlineOverdue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns every {@link DeadlineOverdue}, from whichever module, into an alert. Synchronous, so the
 * alert is stored in the transaction that found the step overdue: both happen or neither.
 */
@Component
class OverdueListener {

    private final AlertBoard board;

    OverdueListener(AlertBoard board) {
        this.board = board;
    }

    @EventListener
    void on(DeadlineOverdue event) {
        board.raise(event);
    }
}
