package dev.bakery.packaging.packing;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bakery.events.OrderLine;
import dev.bakery.events.Product;

import static org.assertj.core.api.Assertions.assertThat;

class PackTimeTests {

	@Test
	void aSinglePieceTakesTheBagItsLineAndOneSixPack() {
		assertThat(PackTime.of(List.of(new OrderLine(Product.BREZEL, 1)))).isEqualTo(Duration.ofSeconds(2 + 1 + 1));
	}

	@Test
	void sixPiecesTakeAsLongAsOne() {
		assertThat(PackTime.of(List.of(new OrderLine(Product.BREZEL, 6)))).isEqualTo(Duration.ofSeconds(2 + 1 + 1));
	}

	@Test
	void theSeventhPieceTakesASecondMore() {
		assertThat(PackTime.of(List.of(new OrderLine(Product.BREZEL, 7)))).isEqualTo(Duration.ofSeconds(2 + 1 + 2));
	}

	@Test
	void eachLineTakesASecondAndPiecesCountAcrossLines() {
		List<OrderLine> items = List.of(new OrderLine(Product.BREZEL, 3), new OrderLine(Product.CROISSANT, 3),
				new OrderLine(Product.ROGGENBROT, 1));

		assertThat(PackTime.of(items)).isEqualTo(Duration.ofSeconds(2 + 3 + 2));
	}

	@Test
	void neverTakesLessThanTheBag() {
		assertThat(PackTime.of(List.of(new OrderLine(Product.BROETCHEN, 1)))).isGreaterThan(PackTime.BAG);
	}

}
