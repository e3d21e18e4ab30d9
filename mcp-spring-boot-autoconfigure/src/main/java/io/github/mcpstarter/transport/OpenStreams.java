package io.github.mcpstarter.transport;

import java.time.Duration;
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

import io.github.mcpstarter.protocol.McpSessionStore;

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

	private final Duration keepAliveInterval;

	private volatile @Nullable ScheduledExecutorService scheduler;

	/**
	 * @param sessions the sessions to keep alive and to expire
	 * @param keepAliveInterval how often to write a keep-alive comment on each stream
	 */
	public OpenStreams(McpSessionStore sessions, Duration keepAliveInterval) {
		if (keepAliveInterval.isNegative() || keepAliveInterval.isZero()) {
			throw new IllegalArgumentException("keepAliveInterval must be positive");
		}
		this.sessions = sessions;
		this.keepAliveInterval = keepAliveInterval;
	}

	/**
	 * Opens an asynchronous stream and tracks it until it closes.
	 * @param transport the name of the transport it belongs to
	 * @param sessionId the session it belongs to, or {@code null}
	 * @param onClose runs once when the stream closes
	 */
	public SseStream open(String transport, HttpServletRequest request, HttpServletResponse response, @Nullable String sessionId,
			Consumer<SseStream> onClose) throws java.io.IOException {
		SseStream stream = SseStream.openAsync(request, response, sessionId, (closed) -> {
			this.streams.remove(closed);
			onClose.accept(closed);
		});
		this.streams.put(stream, transport);
		if (!isRunning()) {
			// Opened while shutting down: close it at once rather than leave it behind.
			stream.close();
		}
		return stream;
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
