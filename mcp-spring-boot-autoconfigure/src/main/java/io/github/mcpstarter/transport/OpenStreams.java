package io.github.mcpstarter.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

import io.github.mcpstarter.protocol.McpExchange;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.SessionOwner;

/**
 * Every open SSE stream of both transports, and the one scheduled task that keeps them honest:
 * a keep-alive comment on each stream (a failed write closes it and frees its request), sessions
 * with a live stream kept from idling out, and expired sessions ended.
 *
 * <p>On shutdown it closes every stream first, so the servlet container's graceful shutdown
 * never waits on a stream that would stay open forever.
 */
public class OpenStreams implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OpenStreams.class);

	/** Each open stream, with the name of the transport it belongs to. */
	private final Map<SseStream, String> streams = new ConcurrentHashMap<>();

	private final McpSessionStore sessions;

	/** What else runs in each round of maintenance. */
	private final List<Runnable> maintenance = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final Duration keepAliveInterval;

	private final int maxStreamsPerPrincipal;

	private final int maxQueuedMessages;

	private final long maxQueuedBytes;

	/** Open streams per principal; an entry exists only while the count is above zero. */
	private final Map<SessionOwner, Integer> perPrincipal = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledExecutorService scheduler;

	/**
	 * @param sessions the sessions to keep alive and to expire
	 * @param keepAliveInterval how often to write a keep-alive comment on each stream
	 */
	public OpenStreams(McpSessionStore sessions, Duration keepAliveInterval) {
		this(sessions, keepAliveInterval, Integer.MAX_VALUE, SseStream.DEFAULT_MAX_QUEUED_MESSAGES,
				SseStream.DEFAULT_MAX_QUEUED_BYTES);
	}

	/**
	 * @param sessions the sessions to keep alive and to expire
	 * @param keepAliveInterval how often to write a keep-alive comment on each stream
	 * @param maxStreamsPerPrincipal most streams one principal (issuer and subject) holds open at once
	 * @param maxQueuedMessages most events waiting for a client; beyond, its stream is closed
	 * @param maxQueuedBytes most bytes waiting for a client; beyond, its stream is closed
	 * @since 0.1.0
	 */
	public OpenStreams(McpSessionStore sessions, Duration keepAliveInterval, int maxStreamsPerPrincipal,
			int maxQueuedMessages, long maxQueuedBytes) {
		if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
			throw new IllegalArgumentException("keepAliveInterval must be positive");
		}
		if (maxStreamsPerPrincipal < 1) {
			throw new IllegalArgumentException("maxStreamsPerPrincipal must be at least 1");
		}
		if (maxQueuedMessages < 1 || maxQueuedBytes < 1) {
			throw new IllegalArgumentException("maxQueuedMessages and maxQueuedBytes must be positive");
		}
		this.sessions = sessions;
		this.keepAliveInterval = keepAliveInterval;
		this.maxStreamsPerPrincipal = maxStreamsPerPrincipal;
		this.maxQueuedMessages = maxQueuedMessages;
		this.maxQueuedBytes = maxQueuedBytes;
	}

	/**
	 * Opens an asynchronous stream and tracks it until it closes.
	 * @param transport the name of the transport it belongs to
	 * @param sessionId the session it belongs to, or {@code null}
	 * @param onClose runs once when the stream closes
	 */
	public SseStream open(String transport, HttpServletRequest request, HttpServletResponse response, @Nullable String sessionId,
			Consumer<SseStream> onClose) throws java.io.IOException {
		return open(transport, request, response, sessionId, null, onClose);
	}

	/**
	 * Opens an asynchronous stream for an owner, within its principal's quota, and tracks it
	 * until it closes.
	 * @param transport the name of the transport it belongs to
	 * @param sessionId the session it belongs to, or {@code null}
	 * @param owner who opens it, or {@code null} without authentication (then no quota applies)
	 * @param onClose runs once when the stream closes
	 * @throws StreamQuotaExceededException when the owner's principal has as many streams open as it may;
	 * nothing is written to the response then
	 * @since 0.1.0
	 */
	public SseStream open(String transport, HttpServletRequest request, HttpServletResponse response,
			@Nullable String sessionId, @Nullable SessionOwner owner, Consumer<SseStream> onClose)
			throws java.io.IOException {
		SessionOwner principal = (owner != null) ? owner.principal() : null;
		if (principal != null) {
			boolean[] admitted = { false };
			this.perPrincipal.compute(principal, (key, count) -> {
				int current = (count != null) ? count : 0;
				if (current >= this.maxStreamsPerPrincipal) {
					return count;
				}
				admitted[0] = true;
				return current + 1;
			});
			if (!admitted[0]) {
				throw new StreamQuotaExceededException(this.maxStreamsPerPrincipal);
			}
		}
		SseStream stream;
		try {
			stream = SseStream.openAsync(request, response, sessionId, this.maxQueuedMessages, this.maxQueuedBytes,
					(closed) -> {
						this.streams.remove(closed);
						released(principal);
						onClose.accept(closed);
					});
		}
		catch (java.io.IOException | RuntimeException ex) {
			released(principal);
			throw ex;
		}
		this.streams.put(stream, transport);
		if (!isRunning()) {
			// Opened while shutting down: close it at once rather than leave it behind.
			stream.close();
		}
		return stream;
	}

	private void released(@Nullable SessionOwner principal) {
		if (principal != null) {
			this.perPrincipal.computeIfPresent(principal, (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	/** Thrown when one principal has as many streams open as it may; others can still open theirs. */
	public static final class StreamQuotaExceededException extends McpExchange.TransportRefusedException {

		StreamQuotaExceededException(int limit) {
			super("Too Many Requests: this principal holds its maximum of " + limit
					+ " open streams; close one, then try again");
		}

	}

	/** The number of open streams. */
	public int count() {
		return this.streams.size();
	}

	/**
	 * The number of open streams of one transport.
	 * @param transport the transport's name
	 * @since 0.1.0
	 */
	public int count(String transport) {
		int count = 0;
		for (String name : this.streams.values()) {
			if (name.equals(transport)) {
				count++;
			}
		}
		return count;
	}

	/** Runs one round of keep-alives and expiry; the scheduler calls it every interval. */
	public void maintain() {
		for (SseStream stream : this.streams.keySet()) {
			if (stream.comment("keep-alive") && stream.sessionId() != null) {
				// A client that holds a live stream is not idle.
				this.sessions.find(stream.sessionId());
			}
		}
		int expired = this.sessions.evictExpired();
		if (expired > 0 && logger.isDebugEnabled()) {
			logger.debug("Ended " + expired + " idle MCP session(s)");
		}
		for (Runnable task : this.maintenance) {
			task.run();
		}
	}

	/**
	 * Runs a task in every round of maintenance, after the expiry of idle sessions.
	 * @since 0.3.0
	 */
	public void alsoMaintain(Runnable task) {
		this.maintenance.add(task);
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "mcp-streams");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.keepAliveInterval.toMillis();
		executor.scheduleWithFixedDelay(() -> {
			try {
				maintain();
			}
			catch (RuntimeException ex) {
				logger.warn("MCP stream maintenance failed", ex);
			}
		}, millis, millis, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdownNow();
		}
		for (SseStream stream : this.streams.keySet()) {
			stream.close();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/** Stops before the web server, whose graceful shutdown would otherwise wait on open streams. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
