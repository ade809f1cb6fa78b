package dev.bakery.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every order keeps, for the till and for every reader alike. */
class OrderRulesTests {

	/** The demo's limits: five minutes per station at time scale 0.2. */
	private final OrderRules rules = new OrderRules(Duration.ofMinutes(5), 0.2);

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, OrderRules.MAX_QUANTITY + 1 })
	void aLineAsksForOneToFiftyPieces(int quantity) {
		assertThatThrownBy(() -> new OrderLine("BREZEL", quantity)).isInstanceOfSatisfying(RuleBroken.class,
				(broken) -> {
					assertThat(broken.rule()).isEqualTo(OrderRules.Rule.QUANTITY);
					assertThat(broken)
						.hasMessage("quantity must be between 1 and 50, was " + quantity + " (rule quantity)");
				});
		assertThat(new OrderLine("BREZEL", OrderRules.MAX_QUANTITY).quantity()).isEqualTo(OrderRules.MAX_QUANTITY);
	}

	@Test
	void anOrderHasOneToTwentyLines() {
		List<OrderLine> tooMany = Collections.nCopies(OrderRules.MAX_LINES + 1, new OrderLine("BREZEL", 1));

		assertBreaks(() -> order("Anna", tooMany), OrderRules.Rule.LINES, "items must have 1 to 20 lines, has 21");
		assertBreaks(() -> order("Anna", List.of()), OrderRules.Rule.LINES, "items must have 1 to 20 lines, has 0");
		assertThat(order("Anna", tooMany.subList(0, OrderRules.MAX_LINES)).items()).hasSize(OrderRules.MAX_LINES);
	}

	@Test
	void aCustomerHasAPlainNameShortEnoughForABag() {
		List<OrderLine> items = List.of(new OrderLine("BREZEL", 1));

		assertBreaks(() -> order("  ", items), OrderRules.Rule.CUSTOMER, "customer must not be blank");
		assertBreaks(() -> order("A".repeat(61), items), OrderRules.Rule.CUSTOMER,
				"customer must be at most 60 characters");
		for (String notPlain : new String[] { "A\u0000B", "A\nB", "A\u009fB", "A\ud800B", "A\udc00B", "A\ud83e" }) {
			assertBreaks(() -> order(notPlain, items), OrderRules.Rule.CUSTOMER,
					"customer must not contain control characters or unpaired surrogates");
		}
		assertThat(order("Anna \ud83e\udd68", items).customer()).isEqualTo("Anna \ud83e\udd68");
	}

	@Test
	void bakedGoodsComeInOneToTwentyLinesToo() {
		assertBreaks(() -> new BakingStatusChanged(UUID.randomUUID(), BakingStatusChanged.Status.BAKED, List.of(),
				Instant.now(), "oven"), OrderRules.Rule.LINES, "items must have 1 to 20 lines, has 0");
	}

	@Test
	void everyProductIsOnTheMenuAndTheComplaintNamesTheMenuNotTheProduct() {
		OrderPlaced order = order("Anna", List.of(new OrderLine("BREZEL", 1), new OrderLine("PIZZA{1+1}", 2)));

		assertThat(this.rules.brokenBy(order, Menus.SIX)).singleElement().satisfies((broken) -> {
			assertThat(broken.rule()).isEqualTo(OrderRules.Rule.ON_THE_MENU);
			assertThat(broken.field()).isEqualTo("items[1].product");
			assertThat(broken.complaint())
				.isEqualTo("is not on the menu [BREZEL, BROETCHEN, CROISSANT, LAUGENSTANGE, ROGGENBROT, APFELSTRUDEL]");
		});
	}

	@Test
	void anOrderNoOvenCouldBakeWithinTheLongestWorkAStationMayTakeBreaksFitsAStation() {
		// 20 lines of 50 rye breads: 100 trays of 40 s, 13 min 20 s at time scale 0.2.
		OrderPlaced order = order("Anna", Collections.nCopies(20, new OrderLine("ROGGENBROT", 50)));

		assertThat(this.rules.brokenBy(order, Menus.SIX)).singleElement().satisfies((broken) -> {
			assertThat(broken.rule()).isEqualTo(OrderRules.Rule.FITS_A_STATION);
			assertThat(broken)
				.hasMessage("items would bake for 13m20s at time scale 0.2, longer than the 5m one station"
						+ " may work on an order (bakery.longest-work) (rule fits-a-station)");
		});
	}

	@Test
	void anOrderThatBakesInTimeButPacksTooLongBreaksFitsAStation() {
		// 1000 rolls: 100 trays of 1 s bake in 1m40s; packing takes 2 + 20 + 167 s.
		OrderRules quickOvens = new OrderRules(Duration.ofMinutes(2), 1);
		Menu instant = Menu.of(List.of(Menus.offer("BROETCHEN", "Brötchen", 45, 1)));
		List<OrderLine> items = Collections.nCopies(20, new OrderLine("BROETCHEN", 50));

		assertThat(quickOvens.fitsAStation(items, instant)).hasValueSatisfying((broken) -> assertThat(broken)
			.hasMessageStartingWith("items would take 3m9s to pack at time scale 1.0"));
	}

	@Test
	void anOrderOnTheMenuThatFitsAStationBreaksNoRule() {
		OrderPlaced order = order("Anna", List.of(new OrderLine("BREZEL", 3), new OrderLine("CROISSANT", 1)));

		assertThat(this.rules.brokenBy(order, Menus.SIX)).isEmpty();
	}

	private static OrderPlaced order(String customer, List<OrderLine> items) {
		return new OrderPlaced(UUID.randomUUID(), customer, items, Instant.now());
	}

	private static void assertBreaks(Runnable make, OrderRules.Rule rule, String complaint) {
		assertThatThrownBy(make::run).isInstanceOfSatisfying(RuleBroken.class, (broken) -> {
			assertThat(broken.rule()).isEqualTo(rule);
			assertThat(broken).hasMessage(complaint + " (rule " + rule.id() + ")");
		});
	}

}
