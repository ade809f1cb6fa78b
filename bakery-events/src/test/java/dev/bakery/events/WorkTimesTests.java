package dev.bakery.events;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkTimesTests {

	@Test
	void aSinglePieceBakesForItsProductsBakeTimeOnTheMenu() {
		for (ProductOffered product : Menus.SIX.products()) {
			assertThat(WorkTimes.baking(List.of(new OrderLine(product.product(), 1)), Menus.SIX))
				.isEqualTo(Duration.ofSeconds(product.bakeTimeSeconds()));
		}
	}

	@Test
	void aFullTrayBakesAsLongAsOnePiece() {
		assertThat(WorkTimes.baking(List.of(new OrderLine("BREZEL", 12)), Menus.SIX)).isEqualTo(Duration.ofSeconds(12));
	}

	@Test
	void onePieceMoreThanATrayHoldsNeedsASecondTray() {
		assertThat(WorkTimes.baking(List.of(new OrderLine("BREZEL", 13)), Menus.SIX)).isEqualTo(Duration.ofSeconds(24));
	}

	@Test
	void theLinesOfAnOrderBakeOneAfterAnother() {
		List<OrderLine> items = List.of(new OrderLine("BREZEL", 3), new OrderLine("ROGGENBROT", 1),
				new OrderLine("BROETCHEN", 30));

		assertThat(WorkTimes.baking(items, Menus.SIX)).isEqualTo(Duration.ofSeconds(12 + 40 + 3 * 8));
	}

	@Test
	void cannotTellHowLongAProductOffTheMenuBakes() {
		assertThatThrownBy(() -> WorkTimes.baking(List.of(new OrderLine("DONUT", 1)), Menus.SIX))
			.isInstanceOfSatisfying(RuleBroken.class,
					(broken) -> assertThat(broken.rule()).isEqualTo(OrderRules.Rule.ON_THE_MENU));
	}

	@Test
	void aSinglePieceTakesTheBagItsLineAndOneSixPackToPack() {
		assertThat(WorkTimes.packing(List.of(new OrderLine("BREZEL", 1)))).isEqualTo(Duration.ofSeconds(2 + 1 + 1));
	}

	@Test
	void sixPiecesTakeAsLongAsOneToPack() {
		assertThat(WorkTimes.packing(List.of(new OrderLine("BREZEL", 6)))).isEqualTo(Duration.ofSeconds(2 + 1 + 1));
	}

	@Test
	void theSeventhPieceTakesASecondMoreToPack() {
		assertThat(WorkTimes.packing(List.of(new OrderLine("BREZEL", 7)))).isEqualTo(Duration.ofSeconds(2 + 1 + 2));
	}

	@Test
	void eachLineTakesASecondToPackAndPiecesCountAcrossLines() {
		List<OrderLine> items = List.of(new OrderLine("BREZEL", 3), new OrderLine("CROISSANT", 3),
				new OrderLine("ROGGENBROT", 1));

		assertThat(WorkTimes.packing(items)).isEqualTo(Duration.ofSeconds(2 + 3 + 2));
	}

}
