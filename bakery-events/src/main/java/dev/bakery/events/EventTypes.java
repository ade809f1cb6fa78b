package dev.bakery.events;

import java.util.Map;

/**
 * The stable names the events carry in their {@code __TypeId__} header. Producers write
 * these names rather than Java class names, and consumers map them back, so a class can
 * move without breaking the wire format, and a consumer never instantiates a type that is
 * not listed here.
 */
public final class EventTypes {

	/** Type name to contract class. */
	public static final Map<String, Class<?>> BY_NAME = Map.of("OrderPlaced", OrderPlaced.class, "BakingStatusChanged",
			BakingStatusChanged.class, "PackagingStatusChanged", PackagingStatusChanged.class, "SalesStatusChanged",
			SalesStatusChanged.class, "ProductOffered", ProductOffered.class);

	private EventTypes() {
	}

}
