package io.github.mcpstarter.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * One server-sent-events stream to a client: writes events and comments, and closes once, from
 * whichever thread notices first (the writer, the container, the keep-alive, shutdown).
 *
 * <p>A stream that outlives its request ({@link #openAsync}) is written with the servlet's
 * non-blocking I/O: {@link #send} only puts the event in the stream's bounded queue and writes
 * what the socket takes now ({@link ServletOutputStream#isReady()}); the container calls back
 * when it takes more. So no thread ever waits on this client's socket: not the request thread of
 * another client that sends to this one, not a broadcast, not the keep-alive. One writer at a
 * time drains the queue (whoever gets there first; the others leave their event and go). A
 * client that falls behind, its queue full, is closed: it reconnects and, on Streamable HTTP,
 * resumes from the replay buffer.
 *
 * <p>Why non-blocking I/O and not a writer thread per stream or a pool: a blocking writer still
 * waits on the slow socket, so a pool of N is frozen by N slow clients, and a thread per stream
 * is unbounded. Non-blocking writes need no thread at all while a client is slow.
 *
 * <p>No lock is held while writing or while the close callback runs.
 *
 * @see <a href="https://html.spec.whatwg.org/multipage/server-sent-events.html">Server-sent events</a>
 */
public final class SseStream {

	private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.UTF_8);

	/** Defaults for a stream opened without limits: generous, and still bounded. */
	static final int DEFAULT_MAX_QUEUED_MESSAGES = 512;

	static final long DEFAULT_MAX_QUEUED_BYTES = 8L * 1024 * 1024;

	private final OutputStream out;

	private final @Nullable ServletOutputStream nonBlocking;

	private final @Nullable AsyncContext async;

	private final @Nullable String sessionId;

	private final int maxQueuedMessages;

	private final long maxQueuedBytes;

	private volatile @Nullable Consumer<SseStream> onClose;

	private final Queue<byte[]> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queuedMessages = new AtomicInteger();

	private final AtomicLong queuedBytes = new AtomicLong();

	/** Work-in-progress count: who raises it from zero drains; the others only leave their event. */
	private final AtomicInteger drainers = new AtomicInteger();

	private final AtomicBoolean closeRequested = new AtomicBoolean();

	/** Released once the stream has closed: its request completed, and no write under way or to come. */
	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile boolean closed;

	/** Bytes written and flushed so far, for the keep-alive to tell a stalled stream. */
	private volatile long writtenMessages;

	/** Whether the last drain stopped because the socket took no more. */
	private volatile boolean blocked;

	/** Touched only by the keep-alive thread. */
	private long writtenAtLastKeepAlive = -1;

	/** Keep-alive ticks in a row at which events waited and nothing had been written since the last. */
	private int stalledKeepAlives;

	/** Touched only by the draining thread. */
	private boolean needsFlush;

	private SseStream(OutputStream out, @Nullable ServletOutputStream nonBlocking, @Nullable AsyncContext async,
			@Nullable String sessionId, int maxQueuedMessages, long maxQueuedBytes) {
		this.out = out;
		this.nonBlocking = nonBlocking;
		this.async = async;
		this.sessionId = sessionId;
		this.maxQueuedMessages = maxQueuedMessages;
		this.maxQueuedBytes = maxQueuedBytes;
	}

	/**
	 * Starts a stream that stays open after the servlet returns, until {@link #close()}, the
	 * client leaving, or shutdown, with the default queue limits.
	 * @param sessionId the session the stream belongs to, or {@code null}
	 * @param onClose runs once when the stream closes, for whatever reason
	 */
	public static SseStream openAsync(HttpServletRequest request, HttpServletResponse response,
			@Nullable String sessionId, Consumer<SseStream> onClose) throws IOException {
		return openAsync(request, response, sessionId, DEFAULT_MAX_QUEUED_MESSAGES, DEFAULT_MAX_QUEUED_BYTES, onClose);
	}

	/**
	 * Starts a stream that stays open after the servlet returns, until {@link #close()}, the
	 * client leaving, or shutdown.
	 * @param sessionId the session the stream belongs to, or {@code null}
	 * @param maxQueuedMessages most events waiting for the client; one more closes the stream
	 * @param maxQueuedBytes most bytes waiting for the client; more closes the stream
	 * @param onClose runs once when the stream closes, for whatever reason
	 * @since 0.1.0
	 */
	public static SseStream openAsync(HttpServletRequest request, HttpServletResponse response,
			@Nullable String sessionId, int maxQueuedMessages, long maxQueuedBytes, Consumer<SseStream> onClose)
			throws IOException {
		writeHeaders(response);
		AsyncContext async = request.startAsync(request, response);
		// No container timeout: keep-alives find dead clients, and the session's idle timeout ends it.
		async.setTimeout(0);
		// The head is small and goes out before the stream turns non-blocking.
		response.flushBuffer();
		ServletOutputStream out = response.getOutputStream();
		SseStream stream = new SseStream(out, out, async, sessionId, maxQueuedMessages, maxQueuedBytes);
		stream.onClose = onClose;
		async.addListener(new AsyncListener() {

			@Override
			public void onComplete(AsyncEvent event) {
				stream.close();
			}

			@Override
			public void onTimeout(AsyncEvent event) {
				stream.closeForContainer();
			}

			@Override
			public void onError(AsyncEvent event) {
				stream.closeForContainer();
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
			}

		});
		out.setWriteListener(new WriteListener() {

			@Override
			public void onWritePossible() {
				stream.drain();
			}

			@Override
			public void onError(Throwable ex) {
				stream.closeForContainer();
			}

		});
		return stream;
	}

	/**
	 * Starts a stream that lives as long as the current request: the response to one POST. It is
	 * written by the request's own thread, to its own client, as the call goes on.
	 */
	public static SseStream openForRequest(HttpServletResponse response) throws IOException {
		writeHeaders(response);
		return new SseStream(response.getOutputStream(), null, null, null, 0, 0);
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
	 * Sends one event: queues it and writes what the client takes now, without waiting.
	 * @param id the event id, or {@code null}
	 * @param event the event type, or {@code null} for the default ({@code message})
	 * @param data the data, one line (JSON from the codec is)
	 * @param retryMillis a reconnection delay to announce, or a negative number for none
	 * @return whether the event was taken; {@code false} once the stream is closed, or when it
	 * fell behind and is closing
	 */
	public boolean send(@Nullable String id, @Nullable String event, byte[] data, long retryMillis) {
		boolean taken = offer(id, event, data, retryMillis);
		drain();
		return taken;
	}

	/** Sends one event with no retry announcement. */
	public boolean send(@Nullable String id, @Nullable String event, byte[] data) {
		return send(id, event, data, -1);
	}

	/**
	 * Queues one event without writing anything: for a caller that must keep events in order under
	 * its own lock, and calls {@link #drain()} after releasing it. A stream that falls behind
	 * (its queue full) is marked for closing; the next {@link #drain()} closes it.
	 * @return whether the event was queued
	 */
	public boolean offer(@Nullable String id, @Nullable String event, byte[] data, long retryMillis) {
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
		byte[] prefix = head.toString().getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[prefix.length + data.length + EVENT_END.length];
		System.arraycopy(prefix, 0, bytes, 0, prefix.length);
		System.arraycopy(data, 0, bytes, prefix.length, data.length);
		System.arraycopy(EVENT_END, 0, bytes, prefix.length + data.length, EVENT_END.length);
		if (this.async == null) {
			return writeNow(bytes);
		}
		return enqueue(bytes);
	}

	private boolean enqueue(byte[] bytes) {
		if (this.closeRequested.get()) {
			return false;
		}
		int messages = this.queuedMessages.incrementAndGet();
		long size = this.queuedBytes.addAndGet(bytes.length);
		if (messages > this.maxQueuedMessages || (size > this.maxQueuedBytes && messages > 1)) {
			this.queuedMessages.decrementAndGet();
			this.queuedBytes.addAndGet(-bytes.length);
			// Fallen behind: its client reconnects (and resumes, where the transport can).
			this.closeRequested.set(true);
			return false;
		}
		this.queue.add(bytes);
		return true;
	}

	/** The response to one POST: its own thread writes to its own client. */
	private synchronized boolean writeNow(byte[] bytes) {
		if (this.closed) {
			return false;
		}
		try {
			this.out.write(bytes);
			this.out.flush();
			this.writtenMessages++;
			return true;
		}
		catch (IOException | RuntimeException ex) {
			this.closed = true;
			return false;
		}
	}

	/**
	 * Sends a comment, which clients ignore: a keep-alive that also finds out whether the client
	 * is still there. Skipped while events wait, which say as much. A stream that has written
	 * nothing since the last keep-alive while events wait for it has stalled: it is closed.
	 * @return whether the stream is open
	 */
	public boolean comment(String text) {
		if (this.closed) {
			return false;
		}
		if (this.async == null) {
			return writeNow((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
		}
		long written = this.writtenMessages;
		boolean waiting = this.queuedMessages.get() > 0 || this.blocked;
		if (waiting) {
			// Two whole intervals without a write, not one: a first tick can fall just after the stream
			// opened, and a busy machine can leave a healthy stream unwritten for one short interval.
			if (written == this.writtenAtLastKeepAlive && ++this.stalledKeepAlives >= 2) {
				close();
				return false;
			}
			if (written != this.writtenAtLastKeepAlive) {
				this.stalledKeepAlives = 0;
			}
			this.writtenAtLastKeepAlive = written;
			drain();
			return !this.closed;
		}
		this.writtenAtLastKeepAlive = written;
		this.stalledKeepAlives = 0;
		enqueue((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
		drain();
		return !this.closed;
	}

	/**
	 * Writes queued events while the client takes them, and closes the stream when asked to.
	 * Only one thread drains at a time; a thread that finds another draining leaves it the work.
	 */
	public void drain() {
		if (this.async == null || this.drainers.getAndIncrement() != 0) {
			return;
		}
		int missed = 1;
		do {
			if (!this.closed) {
				drainOnce();
			}
			if (this.closeRequested.get() && !this.closed) {
				finish();
			}
			missed = this.drainers.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void drainOnce() {
		ServletOutputStream stream = this.nonBlocking;
		try {
			while (!this.closeRequested.get()) {
				if (!stream.isReady()) {
					// The container calls onWritePossible when the client takes more.
					this.blocked = true;
					return;
				}
				this.blocked = false;
				byte[] next = this.queue.poll();
				if (next == null) {
					if (this.needsFlush) {
						this.needsFlush = false;
						stream.flush();
						continue;
					}
					return;
				}
				this.queuedMessages.decrementAndGet();
				this.queuedBytes.addAndGet(-next.length);
				stream.write(next);
				this.needsFlush = true;
				this.writtenMessages++;
			}
		}
		catch (IOException | RuntimeException ex) {
			// The client has gone.
			this.closeRequested.set(true);
		}
	}

	/** Runs once, by the draining thread: no write is under way, so the request may complete. */
	private void finish() {
		this.closed = true;
		this.queue.clear();
		this.queuedMessages.set(0);
		this.queuedBytes.set(0);
		if (this.async != null) {
			try {
				this.async.complete();
			}
			catch (RuntimeException ex) {
				// already completed by the container, or the request has been recycled
			}
		}
		this.finished.countDown();
		Consumer<SseStream> callback = this.onClose;
		this.onClose = null;
		if (callback != null) {
			callback.accept(this);
		}
	}

	public boolean isOpen() {
		return !this.closed && !this.closeRequested.get();
	}

	/**
	 * Ends the stream when the container reports an error or a timeout, and returns only once no
	 * write is under way. As soon as its callback returns, the container completes the request
	 * itself (after an error page) and recycles the request and the response for another
	 * connection: a write still under way on another thread (a broadcast that found this client
	 * gone) would then fail into the recycled response, and the next request served with it (the
	 * client's reconnection) would end at once. Waiting lets that writer finish and complete the
	 * request first. The wait is short, since writes never block; it is bounded all the same.
	 */
	private void closeForContainer() {
		close();
		try {
			this.finished.await(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Ends the stream; later calls do nothing. */
	public void close() {
		if (this.async == null) {
			synchronized (this) {
				this.closed = true;
			}
			return;
		}
		this.closeRequested.set(true);
		drain();
	}

}
