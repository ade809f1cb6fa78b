package dev.bakery.sales.counter;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderStatusTests {

	@Test
	void followsTheFlowOfAnOrderThroughTheBakery() {
		assertThat(OrderStatus.values()).containsExactly(OrderStatus.PLACED, OrderStatus.IN_OVEN, OrderStatus.BAKED,
				OrderStatus.PACKING, OrderStatus.READY_FOR_PICKUP, OrderStatus.HANDED_OVER);
	}

	@Test
	void aLaterStatusHasAHigherStage() {
		assertThat(Arrays.stream(OrderStatus.values()).mapToInt(OrderStatus::stage).toArray()).isSorted()
			.doesNotHaveDuplicates();
	}

	@Test
	void namesTheDepartmentThatMovedTheOrder() {
		assertThat(Arrays.stream(OrderStatus.values()).map(OrderStatus::department)).containsExactly("till",
				"bakehouse", "bakehouse", "packaging", "packaging", "counter");
	}

}
