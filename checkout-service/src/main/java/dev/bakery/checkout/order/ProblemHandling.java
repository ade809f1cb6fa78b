package dev.bakery.checkout.order;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the till answers is an RFC 9457 problem. Spring MVC makes one for each of its own exceptions; here the
 * two that concern the client's order get the detail a client needs: which field, and what is wrong with it.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.sorted(java.util.Comparator.comparing(FieldError::getField))
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The order is not valid: " + errors.stream()
					.map((error) -> error.get("field") + " " + error.get("message"))
					.collect(java.util.stream.Collectors.joining("; ")));
		problem.setTitle("Invalid order");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> Map.of("field", nameOf(result.getMethodParameter().getParameterName(), result),
						"message", String.valueOf(error.getDefaultMessage()))))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid: "
				+ errors.stream().map((error) -> error.get("field") + " " + error.get("message")).toList());
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static String nameOf(String parameter,
			org.springframework.validation.method.ParameterValidationResult result) {
		org.springframework.web.bind.annotation.RequestHeader header = result.getMethodParameter()
			.getParameterAnnotation(org.springframework.web.bind.annotation.RequestHeader.class);
		return (header != null) ? header.name() : parameter;
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
			problem.setDetail((json != null && json.getLocation() != null)
					? "The body is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
							+ json.getLocation().getColumnNr() + ")"
					: "The body is missing or not valid JSON");
		}
		else {
			String field = pathOf(json);
			problem.setTitle("Invalid order");
			problem.setDetail("The order is not valid: " + field + " has the wrong type");
			problem.setProperty("errors", List.of(Map.of("field", field, "message", "has the wrong type")));
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

	private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
