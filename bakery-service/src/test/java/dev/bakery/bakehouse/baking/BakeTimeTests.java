package dev.bakery.bakehouse.baking;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bakery.events.OrderLine;
import dev.bakery.events.Product;

import static org.assertj.core.api.Assertions.assertThat;

class BakeTimeTests {

	private static final int TRAY = 12;

	@ParameterizedTest
	@EnumSource(Product.class)
	void aSinglePieceBakesForItsProductsBakeTime(Product product) {
		assertThat(BakeTime.of(List.of(new OrderLine(product, 1)), TRAY)).isEqualTo(product.bakeTime());
	}

	@Test
	void aFullTrayBakesAsLongAsOnePiece() {
		assertThat(BakeTime.of(List.of(new OrderLine(Product.BREZEL, 12)), TRAY)).isEqualTo(Duration.ofSeconds(12));
	}

	@Test
	void onePieceMoreThanATrayHoldsNeedsASecondTray() {
		assertThat(BakeTime.of(List.of(new OrderLine(Product.BREZEL, 13)), TRAY)).isEqualTo(Duration.ofSeconds(24));
	}

	@Test
	void aSmallerTrayNeedsMoreTrays() {
		assertThat(BakeTime.of(List.of(new OrderLine(Product.CROISSANT, 5)), 2)).isEqualTo(Duration.ofSeconds(45));
	}

	@Test
	void theLinesOfAnOrderBakeOneAfterAnother() {
		List<OrderLine> items = List.of(new OrderLine(Product.BREZEL, 3), new OrderLine(Product.ROGGENBROT, 1),
				new OrderLine(Product.BROETCHEN, 30));

		assertThat(BakeTime.of(items, TRAY)).isEqualTo(Duration.ofSeconds(12 + 40 + 3 * 8));
	}

}
