package dev.bakery.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** How a learner names the bakery's parts, where each listens, and what each is for. */
class PartTests {

	private final Site site = Site.file();

	@Test
	void aDepartmentIsNamedByItsModuleOrShort() {
		assertThat(Part.parse("packaging", null)).isEqualTo(Part.of(Department.PACKAGING));
		assertThat(Part.parse("bakery-service", null)).isEqualTo(Part.of(Department.BAKEHOUSE));
		assertThat(Part.parse("postgresql", null)).isEqualTo(Part.POSTGRESQL);
		assertThat(Part.parse("board", null)).isEqualTo(Part.LIVE_BOARD);
		assertThat(Part.LIVE_BOARD).hasToString("bakery-board");
		assertThat(Part.LIVE_BOARD.port(this.site)).isEqualTo(this.site.boardPort());
	}

	@Test
	void anotherInstanceListensTenPortsFurtherOnAndIsNamedAsItsPidFile() {
		Part third = Part.parse("bakery", "3");
		assertThat(third).hasToString("bakery-service-3");
		assertThat(third.port(this.site)).isEqualTo(this.site.port(Department.BAKEHOUSE) + 20);
		assertThat(Part.parse("bakery-service-3", null)).isEqualTo(third);
		assertThat(Part.ofFileName("bakery-service-3")).isEqualTo(third);
	}

	@Test
	void theNodesOfAClusterAreNamedAsTheirPidFilesAndTheBrokersListenTenPortsApart() {
		assertThat(Brokers.THREE.nodes()).extracting((node) -> node + ":" + node.port(this.site))
			.containsExactly("kafka-controller:" + this.site.controllerPort(), "kafka:" + this.site.brokerPort(),
					"kafka-2:" + (this.site.brokerPort() + 10), "kafka-3:" + (this.site.brokerPort() + 20));
		assertThat(Brokers.THREE.nodes())
			.allSatisfy((node) -> assertThat(Part.ofFileName(node.toString())).isEqualTo(node)
				.isEqualTo(Part.parse(node.toString(), null)));
	}

	@Test
	void refusesPartsAndInstancesThatDoNotExist() {
		assertThatIllegalArgumentException().isThrownBy(() -> Part.parse("oven", null))
			.withMessageStartingWith("no part of the bakery is called 'oven' (checkout-service, bakery-service");
		assertThatIllegalArgumentException().isThrownBy(() -> Part.parse("bakery", "0"))
			.withMessage("an instance is a number from 1, not '0'");
		assertThatIllegalArgumentException().isThrownBy(() -> Part.parse("postgres", "2"))
			.withMessage("only a department or kafka runs more than one instance");
	}

	@Test
	void saysWhatEachPartIsFor() {
		assertThat(Part.of(Department.BAKEHOUSE).role()).isEqualTo("the bake house");
		assertThat(new Part(Part.KAFKA, 2).role()).isEqualTo("Kafka broker");
		assertThat(Part.of(Part.CONTROLLER).role()).isEqualTo("KRaft controller");
		assertThat(Part.POSTGRESQL.role()).isEqualTo("PostgreSQL");
		assertThat(Part.parse("zipkin", null).role()).isEqualTo("trace backend");
		assertThat(Part.LIVE_BOARD.role()).isEqualTo("the live board");
	}

}
