package dev.bakery.platform.tracing;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceparentsTests {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Test
	void namesATracesIdWhereverItIsRecordedOrNot() {
		assertThat(Traceparents.traceId("00-" + TRACE + "-00f067aa0ba902b7-01")).isEqualTo(TRACE);
		assertThat(Traceparents.traceId("00-" + TRACE + "-00f067aa0ba902b7-00")).isEqualTo(TRACE);
		assertThat(Traceparents.traceId("not a traceparent")).isNull();
		assertThat(Traceparents.traceId(null)).isNull();
	}

	@Test
	void namesATracesIdForZipkinOnlyWhereItIsRecorded() {
		assertThat(Traceparents.sampledTraceId("00-" + TRACE + "-00f067aa0ba902b7-01")).isEqualTo(TRACE);
		// W3C trace context level 2: 02 says the trace id is random, and 03 both.
		assertThat(Traceparents.sampledTraceId("00-" + TRACE + "-00f067aa0ba902b7-03")).isEqualTo(TRACE);
		assertThat(Traceparents.sampledTraceId("00-" + TRACE + "-00f067aa0ba902b7-02")).isNull();
		assertThat(Traceparents.sampledTraceId("00-" + TRACE + "-00f067aa0ba902b7-00")).isNull();
	}

	@Test
	void readsTheTraceparentARecordCarriesAndNoneFromAHeaderWithoutAValue() {
		String traceparent = "00-" + TRACE + "-00f067aa0ba902b7-01";
		assertThat(Traceparents
			.in(new RecordHeaders().add(Traceparents.HEADER, traceparent.getBytes(StandardCharsets.UTF_8))))
			.isEqualTo(traceparent);
		assertThat(Traceparents.in(new RecordHeaders().add(Traceparents.HEADER, null))).isNull();
		assertThat(Traceparents.in(new RecordHeaders())).isNull();
	}

}
