package dev.bakery.sales.board;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.bakery.sales.SalesApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

/** The board's order form, as the page uses it. */
@WebMvcTest(controllers = BoardController.class, properties = SalesApplication.CONFIG_NAME)
class BoardControllerTests {

	private static final String ORDER = """
			{"customer":"Anna","items":[{"product":"BREZEL","quantity":3}]}""";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private Till till;

	@MockitoBean
	private Board board;

	@MockitoBean
	private BoardUpdates updates;

	@Test
	void placesTheOrderAtTheTillAndAnswersAsTheTillDid() {
		given(this.till.place(ORDER, "key-1")).willReturn(ResponseEntity.created(URI.create("http://till/orders/42"))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"orderId\":\"42\",\"status\":\"PLACED\"}".getBytes(StandardCharsets.UTF_8)));

		assertThat(this.mvc.post()
			.uri("/board/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "key-1")
			.content(ORDER)).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "http://till/orders/42")
			.bodyJson()
			.isLenientlyEqualTo("{\"orderId\":\"42\",\"status\":\"PLACED\"}");
	}

	@Test
	void answersBadGatewayWithAProblemWhenTheTillDoesNotAnswer() {
		given(this.till.place(eq(ORDER), any()))
			.willThrow(new TillUnreachable(URI.create("http://localhost:8081"), new RuntimeException("refused")));

		assertThat(this.mvc.post().uri("/board/orders").contentType(MediaType.APPLICATION_JSON).content(ORDER))
			.hasStatus(HttpStatus.BAD_GATEWAY)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"title":"Till unreachable","status":502,"checkoutUrl":"http://localhost:8081"}""");
	}

}
