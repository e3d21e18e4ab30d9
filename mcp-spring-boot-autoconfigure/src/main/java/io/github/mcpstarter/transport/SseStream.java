package io.github.mcpstarter.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * One server-sent-events stream to a client: writes events and comments, and closes once, from
 * whichever thread notices first (the writer, the container, the keep-alive, shutdown).
 *
 * <p>A stream that outlives its request ({@link #openAsync}) runs on the servlet's asynchronous
 * support and holds no thread while idle. A failed write means the client has gone: the stream
 * closes and tells its owner.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html">Server-sent events</a>
 */
public final class SseStream {

	private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

	private final OutputStream out;

	private final @Nullable AsyncContext async;

	private final @Nullable String sessionId;

	private @Nullable Consumer<SseStream> onClose;

	private volatile boolean closed;

	/** Serializes writes; the keep-alive only tries it, so it never waits on a slow client. */
	private final ReentrantLock writeLock = new ReentrantLock();

	private SseStream(OutputStream out, @Nullable AsyncContext async, @Nullable String sessionId) {
		this.out = out;
		this.async = async;
		this.sessionId = sessionId;
	}

	/**
	 * Starts a stream that stays open after the servlet returns, until {@link #close()}, the
	 * client leaving, or shutdown.
	 * @param sessionId the session the stream belongs to, or {@code null}
	 * @param onClose runs once when the stream closes, for whatever reason
	 */
	public static SseStream openAsync(HttpServletRequest request, HttpServletResponse response,
			@Nullable String sessionId, Consumer<SseStream> onClose) throws IOException {
		writeHeaders(response);
		AsyncContext async = request.startAsync(request, response);
		// No container timeout: keep-alives find dead clients, and the session's idle timeout ends it.
		async.setTimeout(0);
		SseStream stream = new SseStream(response.getOutputStream(), async, sessionId);
		stream.onClose = onClose;
		async.addListener(new AsyncListener() {

			@Override
			public void onComplete(AsyncEvent event) {
				stream.close();
			}

			@Override
			public void onTimeout(AsyncEvent event) {
				stream.close();
			}

			@Override
			public void onError(AsyncEvent event) {
				stream.close();
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
			}

		});
		response.flushBuffer();
		return stream;
	}

	/**
	 * Starts a stream that lives as long as the current request: the response to one POST.
	 */
	public static SseStream openForRequest(HttpServletResponse response) throws IOException {
		writeHeaders(response);
		return new SseStream(response.getOutputStream(), null, null);
	}

	private static void writeHeaders(HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
		// Proxies such as nginx would otherwise hold events back.
		response.setHeader("X-Accel-Buffering", "no");
	}

	/** The session the stream belongs to, or {@code null}. */
	public @Nullable String sessionId() {
		return this.sessionId;
	}

	/**
	 * Sends one event.
	 * @param id the event id, or {@code null}
	 * @param event the event type, or {@code null} for the default ({@code message})
	 * @param data the data, one line (JSON from the codec is)
	 * @param retryMillis a reconnection delay to announce, or a negative number for none
	 * @return whether the event was written; {@code false} once the stream is closed
	 */
	public boolean send(@Nullable String id, @Nullable String event, byte[] data, long retryMillis) {
		StringBuilder head = new StringBuilder(48);
		if (id != null) {
			head.append("id: ").append(id).append('\n');
		}
		if (event != null) {
			head.append("event: ").append(event).append('\n');
		}
		if (retryMillis >= 0) {
			head.append("retry: ").append(retryMillis).append('\n');
		}
		head.append("data: ");
		this.writeLock.lock();
		return writeAndUnlock(head.toString().getBytes(StandardCharsets.UTF_8), data, EVENT_END);
	}

	/** Sends one event with no retry announcement. */
	public boolean send(@Nullable String id, @Nullable String event, byte[] data) {
		return send(id, event, data, -1);
	}

	/**
	 * Sends a comment, which clients ignore: a keep-alive that also finds out whether the client
	 * is still there. Skipped while another write is under way, so the keep-alive never waits on
	 * a client that reads slowly.
	 * @return whether the stream is open
	 */
	public boolean comment(String text) {
		if (!this.writeLock.tryLock()) {
			return !this.closed;
		}
		return writeAndUnlock((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Writes and flushes, then releases the write lock the caller took. A failed write means the
	 * client has gone: the stream closes.
	 * @return whether everything was written
	 */
	private boolean writeAndUnlock(byte[]... parts) {
		try {
			if (this.closed) {
				return false;
			}
			for (byte[] part : parts) {
				this.out.write(part);
			}
			this.out.flush();
			return true;
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly();
			return false;
		}
		finally {
			this.writeLock.unlock();
		}
	}

	public boolean isOpen() {
		return !this.closed;
	}

	/** Ends the stream; later calls do nothing. */
	public void close() {
		closeQuietly();
	}

	private void closeQuietly() {
		// Never complete the request while a write is under way: the container recycles the
		// request's objects on completion, and a write racing with it corrupts the connection the
		// container hands to its next request. A write stuck on a client that reads nothing is
		// waited for only briefly.
		boolean locked = false;
		try {
			locked = this.writeLock.tryLock(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Consumer<SseStream> callback;
		try {
			synchronized (this) {
				if (this.closed) {
					return;
				}
				this.closed = true;
				callback = this.onClose;
				this.onClose = null;
			}
			if (this.async != null) {
				try {
					this.async.complete();
				}
				catch (RuntimeException ex) {
					// already completed by the container, or the request has been recycled
				}
			}
		}
		finally {
			if (locked) {
				this.writeLock.unlock();
			}
		}
		if (callback != null) {
			callback.accept(this);
		}
	}


}
