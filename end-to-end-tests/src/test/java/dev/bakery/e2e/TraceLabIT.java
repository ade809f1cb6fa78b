package dev.bakery.e2e;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.bakery.labs.TraceLab;
import dev.bakery.labs.TraceLab.TracedSpan;
import dev.bakery.runtime.Bakery;
import dev.bakery.runtime.Part;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./bakery lab trace}: one order placed over HTTP is one trace in Zipkin, across
 * the till's request, every outbox and send, every department's receipt and station, the
 * counter's record of each step and the shelf's, each linked to its parent across the
 * Kafka hops. Zipkin is started for it, and stopped again.
 */
@Order(2)
class TraceLabIT {

	private static final String TILL = "checkout-service";

	private static final String BAKEHOUSE = "bakery-service";

	private static final String PACKAGING = "packaging-service";

	private static final String COUNTER = "sales-service";

	@Test
	void anOrderPlacedOverHttpIsOneTraceFromTheTillsRequestToTheCounterLinkedAcrossEveryKafkaHop() {
		Bakery bakery = TheBakery.get();
		Part zipkin = Part.of(Part.ZIPKIN);
		bakery.start(zipkin);
		try {
			TraceLab.Result result = new TraceLab(bakery, new PrintStream(System.out, true)).run(Optional.empty());

			assertThat(result.services()).containsExactlyInAnyOrder(TILL, BAKEHOUSE, PACKAGING, COUNTER);
			TracedSpan request = only(result, TILL, "http post /orders");
			assertThat(request.parentId()).as("the till's request begins the trace").isNull();
			assertThat(result.spans()).as("every other span's parent is in the trace")
				.filteredOn((span) -> span != request)
				.allSatisfy((span) -> assertThat(result.span(span.parentId())).as(span.toString()).isPresent());

			TracedSpan tillOutbox = only(result, TILL, "outbox bakery.orders");
			assertThat(tillOutbox.parentId()).isEqualTo(request.id());
			TracedSpan tillSend = childOf(result, tillOutbox, TILL, "bakery.orders send");
			TracedSpan baking = childOf(result, tillSend, BAKEHOUSE, "bakery.orders process");
			TracedSpan oven = childOf(result, baking, BAKEHOUSE, "oven");
			assertThat(childrenOf(result, baking, BAKEHOUSE, "outbox bakery.baking-status"))
				.as("IN_OVEN, recorded where the order was received")
				.hasSize(1);
			TracedSpan bakedOutbox = childOf(result, oven, BAKEHOUSE, "outbox bakery.baking-status");
			TracedSpan bakedSend = childOf(result, bakedOutbox, BAKEHOUSE, "bakery.baking-status send");
			TracedSpan packing = childOf(result, bakedSend, PACKAGING, "bakery.baking-status process");
			TracedSpan station = childOf(result, packing, PACKAGING, "packing-station");
			TracedSpan packedOutbox = childOf(result, station, PACKAGING, "outbox bakery.packaging-status");
			TracedSpan packedSend = childOf(result, packedOutbox, PACKAGING, "bakery.packaging-status send");
			childOf(result, packedSend, COUNTER, "bakery.packaging-status process");

			assertThat(result.spans())
				.as("the counter's batch listeners: a span per record, the child of the send that wrote it")
				.filteredOn((span) -> span.service().equals(COUNTER) && span.name().endsWith(" process"))
				.hasSize(5)
				.allSatisfy(
						(record) -> assertThat(result.span(record.parentId()).orElseThrow().name()).endsWith(" send"));
			assertThat(result.spans()).as("the shelf: a span per record of the four topics")
				.filteredOn((span) -> span.service().equals(COUNTER) && span.name().equals("shelf"))
				.hasSize(5);

			assertThat(result.way()).extracting(TraceLab.Stretch::what)
				.containsExactly("the till takes the order", "waits in the till's outbox",
						"bakery.orders → the bake house", "at the oven", "waits in the bake house's outbox",
						"bakery.baking-status → packaging", "at the packing-station", "waits in packaging's outbox",
						"bakery.packaging-status → the counter", "from the till to the counter");
			assertThat(result.way()).allSatisfy(
					(stretch) -> assertThat(stretch.took()).as(stretch.what()).isGreaterThanOrEqualTo(Duration.ZERO));
		}
		finally {
			bakery.stop(zipkin);
		}
	}

	private static TracedSpan only(TraceLab.Result result, String service, String name) {
		List<TracedSpan> spans = result.spans()
			.stream()
			.filter((span) -> span.service().equals(service) && span.name().equals(name))
			.toList();
		assertThat(spans).as("%s's %s", service, name).hasSize(1);
		return spans.get(0);
	}

	private static TracedSpan childOf(TraceLab.Result result, TracedSpan parent, String service, String name) {
		List<TracedSpan> children = childrenOf(result, parent, service, name);
		assertThat(children).as("%s's %s under %s", service, name, parent.name()).hasSize(1);
		return children.get(0);
	}

	private static List<TracedSpan> childrenOf(TraceLab.Result result, TracedSpan parent, String service, String name) {
		return result.spans()
			.stream()
			.filter((span) -> parent.id().equals(span.parentId()) && span.service().equals(service)
					&& span.name().equals(name))
			.toList();
	}

}
