package dev.bakery.runtime;

/** Something went wrong that the learner must hear about, said in words for them. */
public final class BakeryFailure extends RuntimeException {

	public BakeryFailure(String message) {
		super(message);
	}

}
