package io.github.mcpstarter.transport;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.FixtureApplication;
import io.github.mcpstarter.protocol.McpSessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many clients of both transports that open a session with a stream and then vanish without a
 * word (no DELETE, the connection reset): every session, every stream and every thread they
 * caused must be gone within seconds, found by the keep-alives and the idle timeout alone.
 *
 * <p>The number of sessions comes from the system property {@code mcp.churn.sessions}: 100 in the
 * normal build; {@code -Dmcp.churn.sessions=1000} (or the {@code churn} Maven profile of this
 * module) runs the full size:
 * <pre>
 * ./mvnw -o -pl mcp-spring-boot-autoconfigure test -Dtest=SessionChurnTests -Dmcp.churn.sessions=1000
 * </pre>
 * Half the sessions are Streamable HTTP (initialize, then the GET stream), half legacy SSE (the
 * GET stream is the session). Every request is written by hand on a raw socket, so that the test
 * controls the abrupt close.
 *
 * <p>Tomcat's worker pool is fixed in size here (min-spare = max): left to itself it grows under
 * the burst of stream completions that follows a mass disconnect and keeps the extra workers for a
 * minute of idleness, which is the container's bounded pool at work, not a leak. With the pool
 * fixed, any thread beyond the baseline is one the MCP server left behind.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.server.session.idle-timeout=1s", "mcp.server.session.keep-alive-interval=200ms",
				"server.tomcat.threads.min-spare=20", "server.tomcat.threads.max=20",
				// The same on Jetty (the build runs this class on both).
				"server.jetty.threads.min=20", "server.jetty.threads.max=20" })
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SessionChurnTests {

	private static final int SESSIONS = Integer.getInteger("mcp.churn.sessions", 100);

	/** Threads that may come and go besides the server's (the JVM's, the test framework's). */
	private static final int THREAD_SLACK = 5;

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private McpSessionStore sessions;

	@Autowired
	private OpenStreams streams;

	@BeforeEach
	void startClean() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessions.size() == 0 && this.streams.count() == 0);
	}

	@Test
	void droppedConnectionsOfBothTransportsLeaveNoSessionStreamOrThreadBehind() throws Exception {
		// A small round first, so that the baseline includes what any first use starts for good.
		churn(Math.min(10, SESSIONS));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessions.size() == 0 && this.streams.count() == 0);
		Map<String, Integer> threadsBefore = threadsByKind();
		int baseline = liveThreads();

		long opening = System.nanoTime();
		List<RawHttp> connections = open(SESSIONS);
		Duration opened = Duration.ofNanos(System.nanoTime() - opening);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.sessions.size() == SESSIONS && this.streams.count() == SESSIONS);

		long dropping = System.nanoTime();
		connections.forEach(RawHttp::abort);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessions.size() == 0 && this.streams.count() == 0);
		Duration cleanedUp = Duration.ofNanos(System.nanoTime() - dropping);
		await().atMost(Duration.ofSeconds(10))
			.pollInSameThread()
			.untilAsserted(() -> assertThat(liveThreads())
				.as("live threads (baseline %d, before %s, now %s)", baseline, threadsBefore, threadsByKind())
				.isLessThanOrEqualTo(baseline + THREAD_SLACK));
		System.out.printf("Session churn: %d sessions opened in %d ms, all gone %d ms after the drop; "
				+ "threads %d before, %d after%n", SESSIONS, opened.toMillis(), cleanedUp.toMillis(), baseline,
				liveThreads());
	}

	@Test
	void aLiveStreamKeepsItsSessionFromIdlingOutAndItsLossLetsItExpire() throws Exception {
		String sessionId = initialize();
		RawHttp stream = openStream(sessionId);
		// Three idle timeouts with no request: the stream alone keeps the session.
		Thread.sleep(3000);
		assertThat(this.sessions.find(sessionId)).isNotNull();
		stream.abort();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessions.size() == 0 && this.streams.count() == 0);
	}

	@Test
	void sessionWithoutAStreamIdlesOutAndThenGets404() throws Exception {
		String sessionId = initialize();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessions.size() == 0);
		try (RawHttp ping = RawHttp.exchange(this.port, "POST", "/mcp",
				Map.of("Content-Type", "application/json", "Accept", "application/json, text/event-stream",
						"Mcp-Session-Id", sessionId, "Connection", "close"),
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", READ_TIMEOUT)) {
			assertThat(ping.status()).isEqualTo(404);
		}
	}

	private void churn(int count) throws Exception {
		List<RawHttp> connections = open(count);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.streams.count() >= count);
		connections.forEach(RawHttp::abort);
	}

	/** Opens sessions with streams, alternating the transports, and returns their stream connections. */
	private List<RawHttp> open(int count) throws Exception {
		List<RawHttp> connections = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				connections.add((i % 2 == 0) ? openStream(initialize()) : openLegacyStream());
			}
		}
		catch (Exception | AssertionError ex) {
			connections.forEach(RawHttp::abort);
			throw ex;
		}
		return connections;
	}

	/** Initializes a Streamable HTTP session and returns its id. */
	private String initialize() throws Exception {
		try (RawHttp initialize = RawHttp.exchange(this.port, "POST", "/mcp",
				Map.of("Content-Type", "application/json", "Accept", "application/json, text/event-stream",
						"Connection", "close"),
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
						+ "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"churn\",\"version\":\"1\"}}}",
				READ_TIMEOUT)) {
			assertThat(initialize.status()).isEqualTo(200);
			String sessionId = initialize.header("Mcp-Session-Id");
			assertThat(sessionId).isNotBlank();
			return sessionId;
		}
	}

	/** Opens the GET stream of a Streamable HTTP session; only the response head is read. */
	private RawHttp openStream(String sessionId) throws Exception {
		RawHttp stream = RawHttp.exchange(this.port, "GET", "/mcp",
				Map.of("Accept", "text/event-stream", "Mcp-Session-Id", sessionId), null, READ_TIMEOUT);
		assertThat(stream.status()).isEqualTo(200);
		assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
		return stream;
	}

	/** Opens a legacy SSE stream, which opens its session; only the head and the endpoint event are read. */
	private RawHttp openLegacyStream() throws Exception {
		RawHttp stream = RawHttp.exchange(this.port, "GET", "/sse", Map.of("Accept", "text/event-stream"), null,
				READ_TIMEOUT);
		assertThat(stream.status()).isEqualTo(200);
		assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
		return stream;
	}

	private static int liveThreads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	/** Live threads by name with digits dropped, for a readable failure message. */
	private static Map<String, Integer> threadsByKind() {
		Map<String, Integer> kinds = new TreeMap<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			kinds.merge(thread.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
		}
		return kinds;
	}

}
