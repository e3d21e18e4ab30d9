package io.github.mcpstarter.fleet;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.mcpstarter.fleet.McpWire.EventStream;
import io.github.mcpstarter.fleet.RoundRobinProxy.Routed;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * What happens to the fleet's sessions over time, on a fleet of this class's own (the tests stop
 * Redis and an instance), in order: many sessions opened and ended leave nothing behind; Redis
 * stopped fails session requests clearly and quickly while modern requests go on, and sessions
 * work again once it is back; an instance stopped leaves Streamable HTTP sessions served by the
 * others and ends the legacy SSE sessions whose stream it held.
 *
 * <p>Keep-alives every second: a client that drops its SSE stream is noticed at the next write
 * to it, a keep-alive at the latest (through the proxy as well).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FleetLifecycleTests {

	private static final Log logger = LogFactory.getLog(FleetLifecycleTests.class);

	/** Sessions opened and ended by the churn test: half Streamable HTTP, half legacy SSE. */
	private static final int CHURN = 50;

	/** The longest a client may wait to learn that Redis is gone: well under a hung request. */
	private static final Duration CLEAR_ERROR_WITHIN = Duration.ofSeconds(10);

	private static Fleet fleet;

	private static String token;

	@BeforeAll
	static void startFleet() {
		fleet = Fleet.start((instance) -> List.of("--mcp.server.session.keep-alive-interval=1s"));
		token = fleet.token();
	}

	@AfterAll
	static void stopFleet() {
		if (fleet != null) {
			fleet.close();
		}
	}

	@Test
	@Order(1)
	void fiftySessionsOpenedAndEndedLeaveNoKeysInRedisAndNoSessionsOnAnyInstance() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> sessions = new ArrayList<>();
			for (int i = 0; i < CHURN; i++) {
				sessions.add(executor.submit((i % 2 == 0) ? FleetLifecycleTests::streamableSession
						: FleetLifecycleTests::sseSession));
			}
			for (Future<?> session : sessions) {
				session.get(30, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			for (String pattern : List.of("mcp:session:*", "mcp:sessions:*", "mcp:principal:*", "mcp:events:*",
					"mcp:seq:*")) {
				assertThat(fleet.redis().keys(pattern)).as("Redis keys %s", pattern).isEmpty();
			}
			for (int instance : fleet.running()) {
				assertThat(fleet.server(instance).sessions().size()).as("sessions of instance %s", instance).isZero();
				assertThat(fleet.server(instance).liveSessions().size()).as("live sessions of instance %s", instance)
					.isZero();
				assertThat(fleet.openStreams(instance).count()).as("open streams of instance %s", instance).isZero();
			}
		});
	}

	/** A Streamable HTTP session: initialize, a call, its GET stream opened and dropped, DELETE. */
	private static Void streamableSession() throws Exception {
		McpWire wire = new McpWire(fleet.url(), token);
		String session = wire.initialize();
		assertThat(wire.post(McpWire.message(2, "tools/list", "{}"), session).statusCode()).isEqualTo(200);
		try (EventStream stream = wire.openGetStream(session, null)) {
			assertThat(stream.response().statusCode()).isEqualTo(200);
		}
		assertThat(wire.delete(session).statusCode()).as("DELETE of session").isIn(200, 202, 204);
		return null;
	}

	/** A legacy SSE session: the stream, initialize and a call on it, the stream dropped. */
	private static Void sseSession() throws Exception {
		McpWire wire = new McpWire(fleet.url(), token);
		try (EventStream sse = wire.openSse()) {
			assertThat(sse.response().statusCode()).isEqualTo(200);
			String path = messagePath(sse);
			assertThat(wire.postTo(path, McpWire.message(1, "initialize", "{\"protocolVersion\":\"2024-11-05\","
					+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"fleet-churn\",\"version\":\"1\"}}"))
				.statusCode()).isEqualTo(202);
			sse.next((event) -> event.event().equals("message") && event.json().path("id").asInt() == 1,
					Duration.ofSeconds(10));
		}
		return null;
	}

	@Test
	@Order(2)
	void redisStoppedFailsSessionRequestsQuicklyAndModernRequestsGoOnThenSessionsWorkAgain() throws Exception {
		McpWire wire = new McpWire(fleet.url(), token);
		String session = wire.initialize();
		assertThat(call(wire, session).statusCode()).isEqualTo(200);

		// A call under way in the session, streaming progress, when Redis goes.
		EventStream running = wire.openPost(McpWire.message(4, "tools/call",
				"{\"name\":\"inventory_valuation\",\"arguments\":{\"auditMillis\":300},\"_meta\":{\"progressToken\":\"r4\"}}"),
				Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", McpWire.LEGACY));
		assertThat(running.response().statusCode()).isEqualTo(200);
		running.next((event) -> event.data().contains("notifications/progress"), Duration.ofSeconds(10));

		fleet.redis().stop();
		try {
			// It ends within the tool's own time (2.4 s) and the clear-error bound. As it is, it ends
			// well: progress and result go on the call's own POST stream, which needs no Redis.
			long runningSince = System.nanoTime();
			Throwable ended = catchThrowable(() -> running.ended().get(15, TimeUnit.SECONDS));
			logger.info("With Redis stopped, the call under way ended in "
					+ Duration.ofNanos(System.nanoTime() - runningSince).toMillis() + " ms (" + ended + "), events: "
					+ running.events().stream().map(McpWire.Event::data).toList());
			assertThat(ended).as("the call under way ended in time").isNull();
			assertThat(running.events()).last()
				.satisfies((event) -> assertThat(event.json().at("/result/structuredContent/totalUnits").isNumber())
					.as("result of the call under way: %s", event.data())
					.isTrue());
			running.close();
			// A request in the session: a clear answer, quickly, on every instance.
			for (int i = 0; i < Fleet.INSTANCES; i++) {
				long start = System.nanoTime();
				HttpResponse<String> inSession = call(wire, session);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				logger.info("With Redis stopped, a call in a session: " + inSession.statusCode() + " "
						+ inSession.headers().map() + " " + inSession.body() + " in " + took.toMillis() + " ms");
				assertThat(took).as("answer to a call in a session without Redis").isLessThan(CLEAR_ERROR_WITHIN);
				assertThat(inSession.statusCode()).as("call in a session without Redis: %s", inSession.body())
					.isEqualTo(503);
			}
			// A new session: refused as clearly.
			long start = System.nanoTime();
			HttpResponse<String> initialize = wire.post(McpWire.message(1, "initialize", "{\"protocolVersion\":\""
					+ McpWire.LEGACY + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}"),
					null);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CLEAR_ERROR_WITHIN);
			assertThat(initialize.statusCode()).as("initialize without Redis: %s", initialize.body()).isEqualTo(503);

			// A legacy SSE stream: refused as clearly.
			start = System.nanoTime();
			try (EventStream sse = wire.openSse()) {
				int status = sse.response().statusCode();
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CLEAR_ERROR_WITHIN);
				assertThat(status).as("GET /sse without Redis").isEqualTo(503);
			}

			// Modern calls need no Redis (a plain call keeps no state): every instance serves them.
			for (int i = 0; i < Fleet.INSTANCES; i++) {
				HttpResponse<String> modern = wire.send(wire.request("/mcp")
					.header("Content-Type", "application/json")
					.header("Accept", McpWire.ACCEPT_BOTH)
					.headers(McpWire.modernHeaders("tools/call", "get_order").entrySet().stream()
						.flatMap((header) -> java.util.stream.Stream.of(header.getKey(), header.getValue()))
						.toArray(String[]::new))
					.POST(java.net.http.HttpRequest.BodyPublishers
						.ofString(McpWire.modernCall(10 + i, "get_order", "{\"id\":2}", null)))
					.build());
				assertThat(modern.statusCode()).as("modern call without Redis: %s", modern.body()).isEqualTo(200);
				JsonNode answer = McpWire.messages(modern).get(McpWire.messages(modern).size() - 1);
				assertThat(answer.at("/result/structuredContent/customerEmail").asString()).as("%s", answer)
					.isEqualTo("grace@example.com");
			}
		}
		finally {
			fleet.redis().start();
		}

		// Back (empty): new sessions work again, on every instance, once the clients have reconnected.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			String again = new McpWire(fleet.url(), token).initialize();
			for (int i = 0; i < Fleet.INSTANCES; i++) {
				assertThat(call(wire, again).statusCode()).isEqualTo(200);
			}
		});
		// The session from before lived in the Redis that was lost.
		HttpResponse<String> old = call(wire, session);
		logger.info("After Redis restarted empty, the old session: " + old.statusCode() + " " + old.body());
		assertThat(old.statusCode()).as("old session after Redis restarted empty: %s", old.body()).isEqualTo(404);
	}

	@Test
	@Order(3)
	void instanceStoppedMidSessionLeavesStreamableSessionsToTheOthersAndEndsSseSessionsItHeld() throws Exception {
		McpSyncHttpClientRequestCustomizer bearer = (request, method, endpoint, body, context) -> request
			.header("Authorization", "Bearer " + token);
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
		McpSyncClient streamable = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(fleet.url())
				.endpoint("/mcp")
				.jsonMapper(json)
				.addHttpRequestCustomizer(bearer)
				.build())
			.requestTimeout(Duration.ofSeconds(10))
			.build();
		McpSyncClient sse = null;
		try {
			streamable.initialize();
			getOrder2(streamable);
			// An SSE client whose stream is not on instance 0, the issuer, which stays up.
			int holder = -1;
			for (int attempt = 0; attempt < Fleet.INSTANCES && holder <= 0; attempt++) {
				if (sse != null) {
					sse.closeGracefully();
					// A connection's requests come in threes (GET, initialize, initialized): one more
					// request moves the next stream to another instance.
					new McpWire(fleet.url(), token).send(new McpWire(fleet.url(), token).request("/actuator/health")
						.GET()
						.build());
				}
				int mark = fleet.proxy().mark();
				sse = McpClient
					.sync(HttpClientSseClientTransport.builder(fleet.url()).sseEndpoint("/sse").jsonMapper(json)
						.addHttpRequestCustomizer(bearer)
						.build())
					.requestTimeout(Duration.ofSeconds(10))
					.build();
				sse.initialize();
				holder = fleet.proxy()
					.routedSince(mark)
					.stream()
					.filter((routed) -> routed.method().equals("GET") && routed.path().equals("/sse"))
					.mapToInt(Routed::backend)
					.findFirst()
					.orElse(-1);
			}
			assertThat(holder).as("instance holding the SSE stream").isPositive();
			getOrder2(sse);

			// Graceful shutdown does not wait on the open streams (Boot would wait up to 30 s for them).
			assertThat(fleet.stop(holder)).as("time to stop an instance holding streams").isLessThan(Duration.ofSeconds(5));

			// The Streamable HTTP session goes on through the other instances.
			for (int i = 0; i < 4; i++) {
				getOrder2(streamable);
			}
			// The SSE session's stream ended with its instance, which ended the session: the client
			// learns so at its next request, at once. What the Java SDK client (mcp-core 2.2.0) saw:
			//   io.modelcontextprotocol.spec.McpTransportException: Sending message failed with a
			//   non-OK HTTP code: 404 - {"jsonrpc":"2.0","id":null,"error":{"code":-32001,
			//   "message":"Session not found"}}
			McpSyncClient ended = sse;
			long start = System.nanoTime();
			Throwable failure = catchThrowable(() -> getOrder2(ended));
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			logger.info("SSE client after its stream's instance stopped, in " + took.toMillis() + " ms: " + failure);
			assertThat(failure).as("SSE call after its stream's instance stopped")
				.hasMessageContaining("404")
				.hasMessageContaining("Session not found");
			assertThat(took).isLessThan(Duration.ofSeconds(15));

			// Without the health check taking it out, the stopped instance is a 502 for its turn.
			fleet.proxy().add(holder);
			try {
				McpWire wire = new McpWire(fleet.url(), token);
				List<Integer> statuses = new ArrayList<>();
				for (int i = 0; i < Fleet.INSTANCES; i++) {
					statuses.add(wire.send(wire.request("/actuator/health").GET().build()).statusCode());
				}
				assertThat(statuses).as("health through the proxy, one turn each").containsOnlyOnce(502).contains(200);
			}
			finally {
				fleet.proxy().remove(holder);
			}
		}
		finally {
			streamable.closeGracefully();
			if (sse != null) {
				sse.closeGracefully();
			}
		}
	}

	private static void getOrder2(McpSyncClient client) {
		McpSchema.CallToolResult order = client
			.callTool(McpSchema.CallToolRequest.builder("get_order").arguments(Map.of("id", 2)).build());
		assertThat(order.isError()).as("get_order %s", order).isNotEqualTo(Boolean.TRUE);
		assertThat(((Map<?, ?>) order.structuredContent()).get("customerEmail")).isEqualTo("grace@example.com");
	}

	private static HttpResponse<String> call(McpWire wire, String session) {
		return wire.post(McpWire.message(3, "tools/call", "{\"name\":\"get_order\",\"arguments\":{\"id\":2}}"),
				session);
	}

	/** The path and query of the message endpoint an SSE stream announced. */
	static String messagePath(EventStream sse) throws InterruptedException {
		URI endpoint = URI.create(fleet.url())
			.resolve(sse.next((event) -> event.event().equals("endpoint"), Duration.ofSeconds(10)).data());
		return endpoint.getRawPath() + "?" + endpoint.getRawQuery();
	}

}
