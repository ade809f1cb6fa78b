package dev.bakery.checkout.order;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a request body larger than {@code bakery.checkout.max-body-size} with 413,
 * before reading it when the client announced its length, and as soon as the limit is
 * passed when it did not.
 */
@ControllerAdvice
class BodySizeLimit extends RequestBodyAdviceAdapter {

	private final long maxBytes;

	BodySizeLimit(CheckoutSettings settings) {
		this.maxBytes = settings.maxBodySize().toBytes();
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		if (message.getHeaders().getContentLength() > this.maxBytes) {
			throw tooLarge();
		}
		InputStream limited = new FilterInputStream(message.getBody()) {

			private long read;

			@Override
			public int read() throws IOException {
				int next = super.read();
				count(next < 0 ? 0 : 1);
				return next;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int count = super.read(buffer, offset, length);
				count(Math.max(count, 0));
				return count;
			}

			private void count(int bytes) {
				this.read += bytes;
				if (this.read > BodySizeLimit.this.maxBytes) {
					throw tooLarge();
				}
			}

		};
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return limited;
			}

			@Override
			public HttpHeaders getHeaders() {
				return message.getHeaders();
			}

		};
	}

	private ErrorResponseException tooLarge() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + this.maxBytes + " bytes");
		problem.setTitle("Request too large");
		return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
	}

}
