package dev.bakery.board;

import java.util.List;

/**
 * The Kafka Connect worker as the board shows it.
 *
 * @param worker whether a worker answers
 * @param connectors its connectors, by name
 */
record ConnectView(boolean worker, List<ConnectorState> connectors) {

	/**
	 * A connector and its tasks.
	 *
	 * @param name {@code till-outbox}, {@code head-office}
	 * @param type {@code source} or {@code sink}
	 * @param state {@code RUNNING}, {@code PAUSED}, {@code STOPPED}, {@code FAILED}, ...
	 * @param tasks each task's state
	 */
	record ConnectorState(String name, String type, String state, List<String> tasks) {
	}

}
