package io.github.mcpstarter.redis;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.fixture.FixtureApplication;
import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.Tool;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.transport.OpenStreams;
import io.github.mcpstarter.transport.SseEvent;
import io.github.mcpstarter.transport.SseEventReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one application, one real Redis ({@code mcp.server.session.store=redis}), and
 * requests sent to either on purpose: a legacy session opened on one is served, streamed to,
 * cancelled in and ended through the other; Redis stopped gives clear 503s at once, and the fleet
 * works again when it is back; nothing is left behind, in Redis or on either instance.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedisFleetTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ACCEPT_BOTH = "application/json, text/event-stream";

	private static final Pattern ENDPOINT = Pattern.compile("\\?sessionId=([A-Za-z0-9_-]+)");

	private static EmbeddedRedis redis;

	private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<AutoCloseable> opened = new ArrayList<>();

	@BeforeAll
	static void startRedisAndTwoInstances() throws Exception {
		redis = new EmbeddedRedis();
		for (int i = 0; i < 2; i++) {
			instances.add(new SpringApplicationBuilder(FixtureApplication.class).properties("server.port=0",
					"spring.application.name=fleet-" + i, "mcp.server.session.store=redis",
					"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
					"spring.data.redis.timeout=1s", "spring.data.redis.connect-timeout=1s",
					"mcp.server.session.keep-alive-interval=300ms", "mcp.server.tools.interrupt-on-cancel=true")
				.run());
		}
	}

	@AfterAll
	static void stopAll() throws Exception {
		instances.forEach(ConfigurableApplicationContext::close);
		instances.clear();
		if (redis != null) {
			redis.close();
		}
	}

	@AfterEach
	void closeStreams() throws Exception {
		for (AutoCloseable closeable : this.opened) {
			closeable.close();
		}
		this.opened.clear();
	}

	@Test
	void theFleetSharesItsStateThroughRedis() {
		McpServer server = instances.get(0).getBean(McpServer.class);
		assertThat(server.fleet()).isInstanceOf(RedisMcpFleet.class);
		assertThat(server.sessions()).isInstanceOf(RedisMcpSessionStore.class);
	}

	@Test
	void aSessionOpenedOnOneInstanceIsServedAndEndedThroughTheOther() throws Exception {
		String session = initialize(0);
		HttpResponse<String> call = post(1, request(2, "tools/call",
				"{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}"), session);
		assertThat(call.statusCode()).isEqualTo(200);
		assertThat(json(call).at("/result/structuredContent/message").asString()).isEqualTo("Hello, Ada!");
		assertThat(post(1, request(3, "logging/setLevel", "{\"level\":\"error\"}"), session).statusCode())
			.isEqualTo(200);
		// What one instance wrote to the session, the other reads.
		assertThat(instances.get(0).getBean(McpServer.class).sessions().find(session).loggingLevel().name())
			.isEqualTo("ERROR");

		assertThat(send(1, "DELETE", session).statusCode()).isEqualTo(204);
		HttpResponse<String> after = post(0, request(4, "tools/list", null), session);
		assertThat(after.statusCode()).isEqualTo(404);
		assertThat(redis.keys("mcp:session:" + session)).isEmpty();
	}

	@Test
	void theGetStreamOnOneInstanceCarriesListChangesAndResumesOnTheOther() throws Exception {
		String session = initialize(0);
		// The stream is on instance 1; the tools change on instance 0.
		HttpResponse<InputStream> first = openGet(1, session, null);
		SseEventReader firstEvents = reader(first.body());
		SseEvent priming = firstEvents.next(WAIT);
		assertThat(priming.isPriming()).isTrue();
		ToolRegistry tools = instances.get(0).getBean(ToolRegistry.class);
		List<RegisteredTool> original = tools.tools();
		try {
			toggle(tools, original, 1);
			SseEvent changed = firstEvents.next(WAIT);
			assertThat(JSON.readTree(changed.data()).get("method").asString())
				.isEqualTo("notifications/tools/list_changed");
			assertThat(changed.numericId()).isGreaterThan(priming.numericId());
			// Heard once, though both instances know of it.
			assertThat(firstEvents.drain(Duration.ofMillis(500), Duration.ofSeconds(1))).isEmpty();

			firstEvents.close();
			first.body().close();
			toggle(tools, original, 2);
			toggle(tools, original, 3);
			toggle(tools, original, 4);

			// Back on the other instance, with the last id seen: exactly what was missed, in order.
			SseEventReader resumed = reader(openGet(0, session, Long.toString(changed.numericId())).body());
			List<SseEvent> replayed = new ArrayList<>();
			SseEvent event;
			while (!(event = resumed.next(WAIT)).isPriming()) {
				replayed.add(event);
			}
			assertThat(replayed).hasSize(3);
			assertThat(replayed.stream().map(SseEvent::numericId).toList()).isSorted().doesNotHaveDuplicates()
				.allMatch((id) -> id > changed.numericId());
			assertThat(resumed.drain(Duration.ofMillis(500), Duration.ofSeconds(1))).isEmpty();
			// The new stream is live: the next change arrives on it.
			toggle(tools, original, 5);
			assertThat(JSON.readTree(resumed.next(WAIT).data()).get("method").asString())
				.isEqualTo("notifications/tools/list_changed");
		}
		finally {
			tools.publish(original);
			send(0, "DELETE", session);
		}
	}

	@Test
	void aLegacySseAnswerComputedOnOneInstanceGoesOutOnTheStreamHeldByTheOther() throws Exception {
		HttpResponse<InputStream> stream = this.client.send(HttpRequest.newBuilder(uri(0, "/sse"))
			.header("Accept", "text/event-stream")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		SseEventReader events = reader(stream.body());
		SseEvent endpoint = events.next(WAIT);
		assertThat(endpoint.event()).isEqualTo("endpoint");
		Matcher matcher = ENDPOINT.matcher(endpoint.data());
		assertThat(matcher.find()).isTrue();
		URI messages = uri(1, "/sse/message?sessionId=" + matcher.group(1));

		assertThat(postTo(messages, """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2024-11-05",\
				"capabilities":{},"clientInfo":{"name":"fleet-test","version":"1.0"}}}""").statusCode()).isEqualTo(202);
		JsonNode initialized = JSON.readTree(events.next(WAIT).data());
		assertThat(initialized.at("/result/protocolVersion").asString()).isEqualTo("2024-11-05");

		assertThat(postTo(messages, request(2, "tools/call", "{\"name\":\"progress\",\"arguments\":{\"steps\":3},"
				+ "\"_meta\":{\"progressToken\":\"p\"}}")).statusCode()).isEqualTo(202);
		List<JsonNode> received = new ArrayList<>();
		JsonNode message;
		do {
			message = JSON.readTree(events.next(WAIT).data());
			received.add(message);
		}
		while (!message.has("id"));
		// Progress, then the result, in the order the other instance sent them.
		assertThat(received).hasSize(4);
		assertThat(received.subList(0, 3)).allMatch((m) -> m.get("method").asString().equals("notifications/progress"));
		assertThat(received.get(3).at("/result/structuredContent/message").asString()).isEqualTo("done 3");
		events.close();
		stream.body().close();
	}

	@Test
	void aLegacySseSessionWhoseInstanceIsGoneEndsWithAClearError() throws Exception {
		HttpResponse<InputStream> stream = this.client.send(HttpRequest.newBuilder(uri(0, "/sse"))
			.header("Accept", "text/event-stream")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		SseEventReader events = reader(stream.body());
		Matcher matcher = ENDPOINT.matcher(events.next(WAIT).data());
		assertThat(matcher.find()).isTrue();
		String session = matcher.group(1);
		// As if the instance holding the stream had been killed: the session names a holder that
		// no longer listens.
		redis.hset("mcp:session:" + session, "node", "killed-instance");
		HttpResponse<String> answer = postTo(uri(1, "/sse/message?sessionId=" + session), request(1, "ping", null));
		assertThat(answer.statusCode()).isEqualTo(404);
		assertThat(json(answer).at("/error/message").asString())
			.isEqualTo("Session not found: its stream has closed; open a new one");
		assertThat(redis.keys("mcp:session:" + session)).isEmpty();
		// Its stream, where it still is, ends with it.
		assertThat(events.awaitEnd(WAIT)).isTrue();
	}

	@Test
	void aCancellationThatLandsOnTheOtherInstanceStopsTheCall() throws Exception {
		String session = initialize(0);
		int started = FixtureApplication.SLOW_STARTED.get();
		CompletableFuture<HttpResponse<String>> slow = this.client.sendAsync(
				HttpRequest.newBuilder(uri(0, "/mcp"))
					.header("Content-Type", "application/json")
					.header("Accept", "application/json")
					.header("Mcp-Session-Id", session)
					.POST(HttpRequest.BodyPublishers.ofString(request(7, "tools/call",
							"{\"name\":\"slow\",\"arguments\":{\"millis\":60000}}")))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		await().atMost(WAIT).until(() -> FixtureApplication.SLOW_STARTED.get() > started);
		HttpResponse<String> cancel = post(1, """
				{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7,"reason":"test"}}""",
				session);
		assertThat(cancel.statusCode()).isEqualTo(202);
		HttpResponse<String> answer = slow.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		// A cancelled request gets no JSON-RPC response.
		assertThat(answer.body()).doesNotContain("slept");
		send(0, "DELETE", session);
	}

	@Test
	void redisDownFailsLegacyRequestsAtOnceWithA503AndTheFleetRecovers() throws Exception {
		String before = initialize(0);
		redis.stop();
		try {
			long start = System.nanoTime();
			HttpResponse<String> refused = post(1, request(2, "tools/list", null), before);
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(json(refused).at("/error/message").asString())
				.isEqualTo("Service Unavailable: the session store does not answer; try again shortly");
			assertThat(millis).as("no hang").isLessThan(8_000);
			assertThat(json(refused).get("id").asInt()).as("the request's id").isEqualTo(2);
			// Within a second of a failure, the next request is refused at once.
			long again = System.nanoTime();
			assertThat(post(1, request(3, "tools/list", null), before).statusCode()).isEqualTo(503);
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - again)).as("refused at once").isLessThan(500);
			HttpResponse<String> initialize = post(0, initializeRequest(), null);
			assertThat(initialize.statusCode()).isEqualTo(503);

			// The modern era needs no Redis for what asks nothing of the client.
			HttpResponse<String> discover = modern(1, "server/discover");
			assertThat(discover.statusCode()).isEqualTo(200);
			assertThat(json(discover).at("/result/resultType").asString()).isEqualTo("complete");
		}
		finally {
			redis.start();
		}
		// Back: the session was in the Redis that went (no persistence here), so it is unknown, and
		// the client starts again; new sessions are served by either instance.
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
			HttpResponse<String> again = post(1, request(5, "tools/list", null), before);
			return again.statusCode() == 404;
		});
		// Each instance asks Redis again within a second of its last failure (until then it
		// refuses at once, rather than hold a thread for the whole timeout).
		String[] opened = new String[1];
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			HttpResponse<String> initialize = post(1, initializeRequest(), null);
			assertThat(initialize.statusCode()).isEqualTo(200);
			opened[0] = initialize.headers().firstValue("Mcp-Session-Id").orElseThrow();
			HttpResponse<String> call = post(0, request(6, "tools/call",
					"{\"name\":\"greet\",\"arguments\":{\"name\":\"Grace\"}}"), opened[0]);
			assertThat(json(call).at("/result/structuredContent/message").asString()).isEqualTo("Hello, Grace!");
		});
		String after = opened[0];
		// And the instances reach each other again: a list change on 1 reaches a stream on 0.
		SseEventReader events = reader(openGet(0, after, null).body());
		events.next(WAIT);
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			ToolRegistry tools = instances.get(1).getBean(ToolRegistry.class);
			List<RegisteredTool> original = tools.tools();
			toggle(tools, original, 1);
			tools.publish(original);
			SseEvent changed = events.poll(Duration.ofMillis(400));
			assertThat(changed).isNotNull();
		});
		send(1, "DELETE", after);
		// Both instances serve sessions again before the next test.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			send(0, "DELETE", initialize(0));
			send(1, "DELETE", initialize(1));
		});
	}

	@Test
	void churnAcrossTheFleetLeavesNothingInRedisNorOnEitherInstance() throws Exception {
		for (int i = 0; i < 20; i++) {
			String session = initialize(i % 2);
			HttpResponse<InputStream> stream = openGet((i + 1) % 2, session, null);
			SseEventReader events = reader(stream.body());
			events.next(WAIT);
			assertThat(post(i % 2, request(2, "tools/call", "{\"name\":\"numbers\",\"arguments\":{\"count\":2}}"),
					session).statusCode()).isEqualTo(200);
			assertThat(send(i % 2, "DELETE", session).statusCode()).isEqualTo(204);
			// The stream on the other instance ends with the session.
			assertThat(events.awaitEnd(WAIT)).isTrue();
		}
		for (int i = 0; i < 10; i++) {
			HttpResponse<InputStream> stream = this.client.send(HttpRequest.newBuilder(uri(i % 2, "/sse"))
				.header("Accept", "text/event-stream")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
			SseEventReader events = reader(stream.body());
			events.next(WAIT);
			events.close();
			stream.body().close();
		}
		await().atMost(WAIT).untilAsserted(() -> {
			for (ConfigurableApplicationContext instance : instances) {
				McpServer server = instance.getBean(McpServer.class);
				assertThat(server.sessions().size()).as("sessions").isZero();
				assertThat(server.liveSessions().size()).as("live sessions").isZero();
				assertThat(((RedisMcpFleet) server.fleet()).heldCount()).as("streams held").isZero();
				assertThat(instance.getBean(OpenStreams.class).count()).as("open streams").isZero();
			}
			List<String> left = new ArrayList<>(redis.keys("mcp:*"));
			left.remove("mcp:request-state-key");
			assertThat(left).isEmpty();
		});
	}

	// helpers

	private static void toggle(ToolRegistry tools, List<RegisteredTool> original, int round) {
		List<RegisteredTool> changed = new ArrayList<>(original);
		ObjectNode schema = JsonNodeFactory.instance.objectNode();
		schema.put("type", "object");
		changed.add(new RegisteredTool(new Tool("extra-" + round, null, "A tool of round " + round, schema, null, null),
				(arguments, context) -> CallToolResult.text("extra")));
		tools.publish(changed);
	}

	private static int port(int instance) {
		return ((WebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
	}

	private static URI uri(int instance, String path) {
		return URI.create("http://localhost:" + port(instance) + path);
	}

	private String initialize(int instance) throws Exception {
		HttpResponse<String> response = post(instance, initializeRequest(), null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
	}

	private static String initializeRequest() {
		return """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
				"capabilities":{},"clientInfo":{"name":"fleet-test","version":"1.0"}}}""";
	}

	private static String request(Object id, String method, String params) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
				+ ((params != null) ? ",\"params\":" + params : "") + "}";
	}

	private HttpResponse<String> post(int instance, String body, String session) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, "/mcp"))
			.timeout(WAIT)
			.header("Content-Type", "application/json")
			.header("Accept", ACCEPT_BOTH)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (session != null) {
			request.header("Mcp-Session-Id", session);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> modern(int instance, String method) throws Exception {
		Map<String, String> headers = new LinkedHashMap<>();
		String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{\"_meta\":{"
				+ "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
				+ "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, "/mcp"))
			.timeout(WAIT)
			.header("Content-Type", "application/json")
			.header("Accept", ACCEPT_BOTH)
			.header("MCP-Protocol-Version", "2026-07-28")
			.header("Mcp-Method", method)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		headers.forEach(request::header);
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> postTo(URI uri, String body) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri)
			.timeout(WAIT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(int instance, String method, String session) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(instance, "/mcp"))
			.timeout(WAIT)
			.header("Mcp-Session-Id", session)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<InputStream> openGet(int instance, String session, String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(instance, "/mcp"))
			.header("Accept", "text/event-stream")
			.header("Mcp-Session-Id", session)
			.GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

	private SseEventReader reader(InputStream body) {
		SseEventReader reader = new SseEventReader(body);
		this.opened.add(reader);
		return reader;
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
