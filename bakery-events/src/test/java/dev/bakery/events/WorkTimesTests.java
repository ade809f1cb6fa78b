package dev.bakery.events;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class WorkTimesTests {

	@ParameterizedTest
	@EnumSource(Product.class)
	void aSinglePieceBakesForItsProductsBakeTime(Product product) {
		assertThat(WorkTimes.baking(List.of(new OrderLine(product, 1)))).isEqualTo(product.bakeTime());
	}

	@Test
	void aFullTrayBakesAsLongAsOnePiece() {
		assertThat(WorkTimes.baking(List.of(new OrderLine(Product.BREZEL, 12)))).isEqualTo(Duration.ofSeconds(12));
	}

	@Test
	void onePieceMoreThanATrayHoldsNeedsASecondTray() {
		assertThat(WorkTimes.baking(List.of(new OrderLine(Product.BREZEL, 13)))).isEqualTo(Duration.ofSeconds(24));
	}

	@Test
	void theLinesOfAnOrderBakeOneAfterAnother() {
		List<OrderLine> items = List.of(new OrderLine(Product.BREZEL, 3), new OrderLine(Product.ROGGENBROT, 1),
				new OrderLine(Product.BROETCHEN, 30));

		assertThat(WorkTimes.baking(items)).isEqualTo(Duration.ofSeconds(12 + 40 + 3 * 8));
	}

	@Test
	void aSinglePieceTakesTheBagItsLineAndOneSixPackToPack() {
		assertThat(WorkTimes.packing(List.of(new OrderLine(Product.BREZEL, 1))))
			.isEqualTo(Duration.ofSeconds(2 + 1 + 1));
	}

	@Test
	void sixPiecesTakeAsLongAsOneToPack() {
		assertThat(WorkTimes.packing(List.of(new OrderLine(Product.BREZEL, 6))))
			.isEqualTo(Duration.ofSeconds(2 + 1 + 1));
	}

	@Test
	void theSeventhPieceTakesASecondMoreToPack() {
		assertThat(WorkTimes.packing(List.of(new OrderLine(Product.BREZEL, 7))))
			.isEqualTo(Duration.ofSeconds(2 + 1 + 2));
	}

	@Test
	void eachLineTakesASecondToPackAndPiecesCountAcrossLines() {
		List<OrderLine> items = List.of(new OrderLine(Product.BREZEL, 3), new OrderLine(Product.CROISSANT, 3),
				new OrderLine(Product.ROGGENBROT, 1));

		assertThat(WorkTimes.packing(items)).isEqualTo(Duration.ofSeconds(2 + 3 + 2));
	}

}
