package dev.bakery.board;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open boards, each a server-sent event stream, and what is sent to them. Updates go
 * out on a thread of their own, in the order they were sent, so that neither the
 * counter's Kafka listeners nor a slow browser wait for the other.
 */
@Component
class BoardUpdates implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(BoardUpdates.class);

	/**
	 * A browser's EventSource reconnects by itself when a stream ends; ending them now
	 * and then drops dead ones.
	 */
	private static final Duration STREAM_LIFETIME = Duration.ofMinutes(5);

	private final Set<SseEmitter> boards = ConcurrentHashMap.newKeySet();

	/** The names of the reports queued or being made now. */
	private final Set<String> reportsUnderWay = ConcurrentHashMap.newKeySet();

	private final ExecutorService sender = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "board-updates");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean running;

	/** A new stream for a board that opened. */
	SseEmitter open() {
		SseEmitter board = new SseEmitter(STREAM_LIFETIME.toMillis());
		board.onCompletion(() -> this.boards.remove(board));
		board.onTimeout(() -> this.boards.remove(board));
		board.onError((failure) -> this.boards.remove(board));
		this.boards.add(board);
		return board;
	}

	/** Whether any board is open, so that nobody's work is done for nobody. */
	boolean watched() {
		return !this.boards.isEmpty();
	}

	/**
	 * Sends an event to every open board; its data is made on the sender's thread, once,
	 * and only if one is open.
	 */
	void send(String name, Supplier<?> data) {
		if (!watched()) {
			return;
		}
		try {
			this.sender.execute(() -> sendNow(name, data));
		}
		catch (RejectedExecutionException ex) {
			// Shutting down.
		}
	}

	/**
	 * Sends a report that is made again and again, such as the lag, unless the last one
	 * of this name is still queued or being made: a report may have to wait for Kafka,
	 * which may be slow to answer or not answer at all, and then the next one would only
	 * queue a second question behind the first.
	 */
	void sendReport(String name, Supplier<?> data) {
		if (!watched() || !this.reportsUnderWay.add(name)) {
			return;
		}
		try {
			this.sender.execute(() -> {
				try {
					sendNow(name, data);
				}
				finally {
					this.reportsUnderWay.remove(name);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Shutting down.
			this.reportsUnderWay.remove(name);
		}
	}

	private void sendNow(String name, Supplier<?> data) {
		if (!watched()) {
			return;
		}
		Object payload;
		try {
			payload = data.get();
		}
		catch (RuntimeException ex) {
			log.warn("Could not make the board's {} update: {}", name, ex.getMessage());
			return;
		}
		for (SseEmitter board : this.boards) {
			try {
				board.send(SseEmitter.event().name(name).data(payload, MediaType.APPLICATION_JSON));
			}
			catch (IOException | IllegalStateException ex) {
				// The browser went away.
				this.boards.remove(board);
			}
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Ends every open stream before the web server shuts down gracefully (this runs in an
	 * earlier phase), which would otherwise wait for them to end by themselves.
	 */
	@Override
	public void stop() {
		this.running = false;
		for (SseEmitter board : this.boards) {
			board.complete();
		}
		this.boards.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void destroy() {
		this.sender.shutdownNow();
	}

}
