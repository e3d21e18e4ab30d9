package io.github.mcpstarter.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Reads server-sent events from a stream on a thread of its own, so that a test waits for each
 * event with a timeout instead of blocking on the socket.
 *
 * <p>Comments (keep-alives) are counted, not returned. The end of the stream, or a read error, is
 * recorded as the end: later waits fail at once instead of timing out.
 */
public final class SseEventReader implements AutoCloseable {

	private static final Object END = new Object();

	private final InputStream in;

	private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

	private final AtomicInteger comments = new AtomicInteger();

	private final CountDownLatch ended = new CountDownLatch(1);

	private volatile boolean endSeen;

	public SseEventReader(InputStream in) {
		this.in = in;
		Thread thread = new Thread(this::read, "sse-event-reader");
		thread.setDaemon(true);
		thread.start();
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(this.in, StandardCharsets.UTF_8))) {
			String id = null;
			String event = null;
			Long retry = null;
			StringBuilder data = null;
			boolean any = false;
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isEmpty()) {
					if (any) {
						this.queue.add(new SseEvent(id, event, (data != null) ? data.toString() : "", retry));
					}
					id = null;
					event = null;
					retry = null;
					data = null;
					any = false;
					continue;
				}
				if (line.startsWith(":")) {
					this.comments.incrementAndGet();
					continue;
				}
				int colon = line.indexOf(':');
				String field = (colon >= 0) ? line.substring(0, colon) : line;
				String value = (colon >= 0) ? line.substring(colon + 1) : "";
				if (value.startsWith(" ")) {
					value = value.substring(1);
				}
				any = true;
				switch (field) {
					case "id" -> id = value;
					case "event" -> event = value;
					case "retry" -> retry = Long.parseLong(value);
					case "data" -> {
						if (data == null) {
							data = new StringBuilder(value);
						}
						else {
							data.append('\n').append(value);
						}
					}
					default -> {
						// unknown fields are ignored, as browsers do
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the stream ended abnormally: treated as its end
		}
		finally {
			this.queue.add(END);
			this.ended.countDown();
		}
	}

	/**
	 * The next event; fails when none comes within the timeout or the stream ends first.
	 */
	public SseEvent next(Duration timeout) throws InterruptedException {
		SseEvent event = poll(timeout);
		if (event == null) {
			throw new AssertionError(this.endSeen ? "the stream ended before another event arrived"
					: "no event within " + timeout);
		}
		return event;
	}

	/**
	 * The next event, or {@code null} when none comes within the timeout or the stream has ended.
	 */
	public @Nullable SseEvent poll(Duration timeout) throws InterruptedException {
		if (this.endSeen) {
			return null;
		}
		Object item = this.queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		if (item == END) {
			this.endSeen = true;
			return null;
		}
		return (SseEvent) item;
	}

	/** The next event that matches, skipping others; fails when none comes within the timeout. */
	public SseEvent next(Predicate<SseEvent> matching, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			SseEvent event = poll(Duration.ofNanos(Math.max(0, left)));
			if (event == null) {
				throw new AssertionError(this.endSeen ? "the stream ended before a matching event arrived"
						: "no matching event within " + timeout);
			}
			if (matching.test(event)) {
				return event;
			}
		}
	}

	/**
	 * Every event that arrives until the stream has been quiet for {@code quiet}, or {@code max}
	 * has passed.
	 */
	public List<SseEvent> drain(Duration quiet, Duration max) throws InterruptedException {
		List<SseEvent> events = new ArrayList<>();
		long deadline = System.nanoTime() + max.toNanos();
		while (System.nanoTime() < deadline) {
			SseEvent event = poll(quiet);
			if (event == null) {
				break;
			}
			events.add(event);
		}
		return events;
	}

	/**
	 * Waits for the stream to end, dropping events that arrive before.
	 * @return whether it ended within the timeout
	 */
	public boolean awaitEnd(Duration timeout) throws InterruptedException {
		return this.ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** How many comments (keep-alives) have been read. */
	public int comments() {
		return this.comments.get();
	}

	/** Closes the underlying stream, which ends the reading thread. */
	@Override
	public void close() {
		try {
			this.in.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
