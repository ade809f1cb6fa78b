package dev.bakery.sales.board;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.bakery.sales.counter.StepRecorded;

/**
 * The board follows the counter: once a step is stored (after commit), open boards are
 * sent the order.
 */
@Component
class StepRecordedListener {

	private final Board board;

	StepRecordedListener(Board board) {
		this.board = board;
	}

	@TransactionalEventListener
	void on(StepRecorded step) {
		this.board.orderMoved(step.orderId());
	}

}
