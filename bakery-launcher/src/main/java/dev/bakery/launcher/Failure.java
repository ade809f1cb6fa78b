package dev.bakery.launcher;

/**
 * Something the learner must hear about; {@code ./bakery} says it and ends with status 1.
 */
final class Failure extends RuntimeException {

	Failure(String message) {
		super(message);
	}

}
