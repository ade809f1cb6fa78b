package dev.bakery.checkout.order;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ValidationException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.bakery.platform.menu.MenuNotRead;
import dev.bakery.platform.web.DatabaseAway;

/**
 * Every error the till answers is an RFC 9457 problem. Spring MVC makes one for each of
 * its own exceptions; here the ones that concern the client's order get the detail a
 * client needs: which field, and what is wrong with it.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> error(error.getField(), error.getDefaultMessage()))
			.toList();
		return handleExceptionInternal(ex, invalid("order", errors), headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Spring MVC validates the whole method, body and {@code Idempotency-Key} header
	 * together, because the header carries a constraint; the body's errors then come here
	 * rather than as a {@link MethodArgumentNotValidException}.
	 */
	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		boolean inTheOrder = false;
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors body) {
				inTheOrder = true;
				body.getFieldErrors()
					.forEach((error) -> errors.add(error(error.getField(), error.getDefaultMessage())));
			}
			else {
				RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
				String name = (header != null) ? header.name() : result.getMethodParameter().getParameterName();
				result.getResolvableErrors().forEach((error) -> errors.add(error(name, error.getDefaultMessage())));
			}
		}
		return handleExceptionInternal(ex, invalid(inTheOrder ? "order" : "request", errors), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	private static Map<String, String> error(String field, String message) {
		return Map.of("field", field, "message", String.valueOf(message));
	}

	/**
	 * A 400 problem listing each invalid field with what is wrong with it, in a stable
	 * order.
	 * @param subject what is not valid: the "order" (its body) or the "request" (a
	 * header)
	 */
	private static ProblemDetail invalid(String subject, List<Map<String, String>> errors) {
		List<Map<String, String>> sorted = errors.stream()
			.sorted(Comparator.comparing((Map<String, String> error) -> error.get("field"))
				.thenComparing((error) -> error.get("message")))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The " + subject + " is not valid: "
						+ sorted.stream()
							.map((error) -> error.get("field") + " " + error.get("message"))
							.collect(Collectors.joining("; ")));
		problem.setTitle("Invalid " + subject);
		problem.setProperty("errors", sorted);
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ErrorResponseException tooLarge = causeOfType(ex, ErrorResponseException.class);
		if (tooLarge != null) {
			return handleExceptionInternal(tooLarge, tooLarge.getBody(), headers, tooLarge.getStatusCode(), request);
		}
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		JacksonException json = causeOfType(ex, JacksonException.class);
		if (json instanceof StreamReadException || json == null) {
			problem.setTitle("Malformed JSON");
			problem
				.setDetail(
						(json != null && json.getLocation() != null)
								? "The body is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
										+ json.getLocation().getColumnNr() + ")"
								: "The body is missing or not valid JSON");
		}
		else {
			String field = pathOf(json);
			String message = (json instanceof UnrecognizedPropertyException) ? "is not a field of an order"
					: "has the wrong type";
			problem.setTitle("Invalid order");
			problem.setDetail("The order is not valid: " + field + " " + message);
			problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/** {@code items[0].quantity}, from Jackson's path of the value it could not read. */
	private static String pathOf(JacksonException json) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : json.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	/**
	 * Checking an order's products needs the menu read to its end; while Kafka is away
	 * that may not be possible: a 503 to retry, not a 500 (nor a 400 calling a product
	 * that may be on the menu unknown).
	 */
	@ExceptionHandler(ValidationException.class)
	ResponseEntity<ProblemDetail> menuNotRead(ValidationException ex) {
		MenuNotRead notRead = causeOfType(ex, MenuNotRead.class);
		if (notRead == null) {
			throw ex;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				notRead.getMessage() + "; try again in a few seconds.");
		problem.setTitle("Menu unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, DatabaseAway.RETRY_AFTER)
			.body(problem);
	}

	private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
