package io.github.mcpstarter.fleet;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.sample.NodeClients;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.transport.OpenStreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of the sample app (profile {@code fleet}, one real Redis) behind a plain
 * round-robin proxy, with no sticky sessions, used through the proxy only by clients nobody here
 * wrote: the MCP Java SDK (2025-11-25 with a session, legacy SSE, 2026-07-28) and the TypeScript
 * SDK (v1 over Streamable HTTP and SSE, v2 modern). Instance 0 is also the issuer; the others
 * accept its tokens. Then the fleet loses an instance, and Redis for a while.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FleetEndToEndTests {

	private static final org.apache.commons.logging.Log logger = org.apache.commons.logging.LogFactory
		.getLog(FleetEndToEndTests.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static Fleet fleet;

	private static EmbeddedRedis redis;

	private static RoundRobinProxy proxy;

	private static String base;

	private static String token;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** A fleet of its own: these tests stop an instance and Redis. */
	@BeforeAll
	static void startTheFleet() {
		fleet = Fleet.start((instance) -> List.of("--spring.data.redis.timeout=1s",
				"--spring.data.redis.connect-timeout=1s", "--mcp.server.session.keep-alive-interval=1s"));
		redis = fleet.redis();
		proxy = fleet.proxy();
		base = fleet.url();
		token = fleet.token();
	}

	@AfterAll
	static void stopTheFleet() {
		if (fleet != null) {
			fleet.close();
		}
	}

	@Test
	@Order(1)
	void javaSdkClientWithASessionIsServedByEveryInstance() {
		List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
		McpSyncClient client = streamableClient(progress, null);
		try {
			int from = proxy.routed().size();
			assertThat(client.initialize().protocolVersion()).isEqualTo("2025-11-25");
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.contains("get_product", "inventory_valuation");
			for (String sku : List.of("SKU-1001", "SKU-1002", "SKU-1003", "SKU-1004", "SKU-1005")) {
				McpSchema.CallToolResult result = client.callTool(
						McpSchema.CallToolRequest.builder("get_product").arguments(Map.of("sku", sku)).build());
				assertThat(result.isError()).as(sku).isNotEqualTo(Boolean.TRUE);
				assertThat(((Map<?, ?>) result.structuredContent()).get("sku")).isEqualTo(sku);
			}
			assertValuationWithProgress(client, "fleet-streamable", progress);
			// One session, its requests on every instance.
			assertThat(backendsOf("POST", "/mcp", from)).containsExactlyInAnyOrder(0, 1, 2);
		}
		finally {
			client.closeGracefully();
		}
	}

	@Test
	@Order(2)
	void javaSdkClientOverLegacySseGetsItsAnswersAndProgressOnItsOneStream() {
		List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
		McpSyncClient client = sseClient(progress);
		try {
			int from = proxy.routed().size();
			assertThat(client.initialize().protocolVersion()).isEqualTo("2024-11-05");
			for (String sku : List.of("SKU-1001", "SKU-1002", "SKU-1003", "SKU-1004")) {
				assertThat(((Map<?, ?>) client
					.callTool(McpSchema.CallToolRequest.builder("get_product").arguments(Map.of("sku", sku)).build())
					.structuredContent()).get("sku")).isEqualTo(sku);
			}
			// The messages were served on every instance, and answered on the stream of one.
			assertThat(backendsOf("POST", "/sse/message", from)).hasSizeGreaterThanOrEqualTo(2);
			assertValuationWithProgress(client, "fleet-sse", progress);
		}
		finally {
			client.closeGracefully();
		}
	}

	@Test
	@Order(3)
	void modernJavaSdkClientNeedsNoAffinityAtAll() {
		io.modelcontextprotocol.modern.client.McpSyncClient client = io.modelcontextprotocol.modern.client.McpClient
			.sync(io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport.builder(URI.create(base + "/mcp"))
				.connectTimeout(Duration.ofSeconds(10))
				.requestCustomizer(io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer
					.fromSync((request, headers, context) -> headers.set("Authorization", "Bearer " + token)))
				.build())
			.clientInfo(io.modelcontextprotocol.modern.McpSchema.Implementation.builder("fleet-modern", "1.0").build())
			.roundTimeout(Duration.ofSeconds(20))
			.callTimeout(Duration.ofSeconds(30))
			.build();
		{
			// Stateless: nothing to end on the server, and the client holds no stream.
			int from = proxy.routed().size();
			assertThat(client.discover().supportedVersions()).contains("2026-07-28");
			assertThat(client.listTools().list().tools()).extracting((tool) -> tool.name()).contains("get_product");
			for (String sku : List.of("SKU-1001", "SKU-1002", "SKU-1003")) {
				io.modelcontextprotocol.modern.McpSchema.CallToolResult result = client.tool("get_product")
					.arguments(Map.of("sku", sku))
					.call();
				assertThat(JSON.valueToTree(result.structuredContent()).get("sku").asString()).isEqualTo(sku);
			}
			assertThat(backendsOf("POST", "/mcp", from)).containsExactlyInAnyOrder(0, 1, 2);
		}
	}

	@Test
	@Order(4)
	void typeScriptClientsOfBothSdksAndAllThreeWaysAreServed() throws Exception {
		List<NodeClients.NodeProcess> runs = new ArrayList<>();
		for (String mode : List.of("v1-streamable", "v1-sse", "v2-modern")) {
			runs.add(NodeClients.start(NodeClients.directory("ts-sdk-fleet-client.mjs"),
					Map.of("MCP_ACCESS_TOKEN", token), "ts-sdk-fleet-client.mjs", base, mode));
		}
		for (NodeClients.NodeProcess process : runs) {
			NodeClients.NodeRun run = process.await(Duration.ofSeconds(60));
			String[] lines = run.stdout().strip().split("\n");
			JsonNode summary = JSON.readTree(lines[lines.length - 1]);
			String mode = summary.get("mode").asString();
			logger.info("TypeScript SDK " + mode + " through the fleet: " + summary);
			assertThat(run.exitValue()).as("%s: %s", mode, run.output()).isZero();
			assertThat(summary.get("failure").isNull()).as(mode).isTrue();
			assertThat(strings(summary.get("tools"))).as(mode).contains("get_product", "inventory_valuation");
			assertThat(summary.get("products")).as(mode).hasSize(4)
				.allSatisfy((product) -> assertThat(product.get("isError").asBoolean()).isFalse());
			assertThat(summary.at("/valuation/totalUnits").asInt()).as(mode).isEqualTo(270);
			List<Integer> progress = new ArrayList<>();
			summary.get("progress").forEach((value) -> progress.add(value.asInt()));
			if (mode.equals("v1-sse")) {
				// Over SSE the SDK may drop the last one, when it arrives in one read with the
				// response (typescript-sdk#2580, see TypeScriptSdkClientTests): a prefix, in order.
				assertThat(progress).as(mode + " progress").isNotEmpty()
					.isEqualTo(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8).subList(0, progress.size()));
			}
			else {
				assertThat(progress).as(mode + " progress").containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
			}
			if (!mode.equals("v2-modern")) {
				assertThat(summary.at("/cancelled/aborted").asBoolean()).as(mode + " cancelled").isTrue();
				// 8 products at 1 s each: cancelled long before the call could have finished.
				assertThat(summary.at("/cancelled/millis").asLong()).as(mode).isLessThan(6_000);
				assertThat(summary.at("/afterCancel/isError").asBoolean()).as(mode).isFalse();
			}
			if (mode.equals("v1-streamable")) {
				assertThat(summary.get("sessionIds")).as("one session").hasSize(1);
			}
			if (mode.equals("v2-modern")) {
				assertThat(summary.get("sessionIds")).as("no session").isEmpty();
			}
		}
	}

	@Test
	@Order(5)
	void aListChangeOnOneInstanceReachesTheClientsOfEvery() {
		List<List<McpSchema.Tool>> streamableChanges = new CopyOnWriteArrayList<>();
		List<List<McpSchema.Tool>> sseChanges = new CopyOnWriteArrayList<>();
		McpSyncClient streamable = streamableClient(new CopyOnWriteArrayList<>(), streamableChanges);
		McpSyncClient sse = McpClient.sync(sseTransport())
			.requestTimeout(Duration.ofSeconds(20))
			.toolsChangeConsumer(sseChanges::add)
			.build();
		ToolRegistry tools = fleet.instance(1).getBean(ToolRegistry.class);
		List<RegisteredTool> original = tools.tools();
		try {
			int from = proxy.routed().size();
			streamable.initialize();
			sse.initialize();
			// The streamable client opens its GET stream after initialize, in the background: a
			// change made before it is connected reaches it only when it resumes, so the tools
			// change again until both clients have heard of it.
			await().atMost(WAIT).until(() -> backendsOf("GET", "/mcp", from).size() > 0);
			List<RegisteredTool> fewer = original.stream().filter((tool) -> !tool.name().equals("cancel_order")).toList();
			boolean[] changed = { false };
			await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
				changed[0] = !changed[0];
				tools.publish(changed[0] ? fewer : original);
				Thread.sleep(400);
				assertThat(streamableChanges).isNotEmpty();
				assertThat(sseChanges).isNotEmpty();
			});
		}
		finally {
			tools.publish(original);
			streamable.closeGracefully();
			sse.closeGracefully();
		}
	}

	@Test
	@Order(6)
	void aGetStreamResumesOnAnotherInstanceWithWhatItMissed() throws Exception {
		HttpResponse<String> initialize = post(null, """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
				"capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
		assertThat(initialize.statusCode()).as(initialize.body()).isEqualTo(200);
		String session = initialize.headers().firstValue("Mcp-Session-Id").orElseThrow();
		ToolRegistry tools = fleet.instance(0).getBean(ToolRegistry.class);
		List<RegisteredTool> original = tools.tools();
		try {
			int first = proxy.routed().size();
			HttpResponse<InputStream> stream = get(session, null);
			int firstBackend = backendsOf("GET", "/mcp", first).iterator().next();
			SseLines events = new SseLines(stream.body());
			long primed = events.nextId();
			tools.publish(original.subList(0, original.size() - 1));
			long seen = events.nextId();
			assertThat(seen).isGreaterThan(primed);
			stream.body().close();
			tools.publish(original);
			tools.publish(original.subList(0, original.size() - 2));
			// The proxy sends the next request elsewhere; make sure it does.
			int resumedAt = proxy.routed().size();
			HttpResponse<InputStream> resumed = get(session, Long.toString(seen));
			assertThat(backendsOf("GET", "/mcp", resumedAt)).singleElement().isNotEqualTo(firstBackend);
			SseLines replay = new SseLines(resumed.body());
			List<String> missed = replay.messagesUntilPriming();
			assertThat(missed).hasSize(2).allMatch((data) -> data.contains("notifications/tools/list_changed"));
			resumed.body().close();
		}
		finally {
			tools.publish(original);
			send("DELETE", session);
		}
	}

	@Test
	@Order(7)
	void anInstanceStopsMidSession() throws Exception {
		McpSyncClient streamable = streamableClient(new CopyOnWriteArrayList<>(), null);
		streamable.initialize();
		assertThat(call(streamable, "SKU-1001").isError()).isNotEqualTo(Boolean.TRUE);
		// A legacy SSE client whose stream is on instance 2.
		McpSyncClient sse = null;
		for (int attempt = 0; attempt < 6 && sse == null; attempt++) {
			int at = proxy.routed().size();
			McpSyncClient candidate = McpClient.sync(sseTransport()).requestTimeout(Duration.ofSeconds(10)).build();
			candidate.initialize();
			List<RoundRobinProxy.Routed> since = proxy.routed().subList(at, proxy.routed().size());
			boolean onInstance2 = since.stream()
				.anyMatch((served) -> served.method().equals("GET") && served.path().equals("/sse") && served.backend() == 2);
			if (onInstance2) {
				sse = candidate;
			}
			else {
				candidate.closeGracefully();
				// A client makes as many requests as there are instances: one more moves the next GET on.
				this.http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/oauth-protected-resource/mcp")).build(),
						HttpResponse.BodyHandlers.discarding());
			}
		}
		assertThat(sse).as("an SSE stream on instance 2").isNotNull();

		fleet.stop(2);

		// Streamable HTTP: the session is in Redis, and goes on through the others.
		for (String sku : List.of("SKU-1002", "SKU-1003", "SKU-1004")) {
			assertThat(call(streamable, sku).isError()).isNotEqualTo(Boolean.TRUE);
		}
		streamable.closeGracefully();
		// Legacy SSE: its stream died with the instance, and the session with it: a clear error.
		McpSyncClient orphan = sse;
		Throwable failure = catchThrowable(() -> call(orphan, "SKU-1005"));
		assertThat(failure).isNotNull();
		logger.info("The legacy SSE client whose instance stopped saw: " + describe(failure));
		assertThat(describe(failure)).contains("Session not found");
		orphan.close();
	}

	@Test
	@Order(8)
	void redisStoppedGivesClearErrorsAndTheFleetRecovers() throws Exception {
		McpSyncClient before = streamableClient(new CopyOnWriteArrayList<>(), null);
		before.initialize();
		redis.stop();
		try {
			long start = System.nanoTime();
			Throwable failure = catchThrowable(() -> call(before, "SKU-1001"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			logger.info("A 2025-11-25 client while Redis was down saw: " + describe(failure));
			assertThat(describe(failure)).contains("503");
			HttpResponse<String> refused = post(null, """
					{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
					"capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.body()).contains("the session store does not answer");
		}
		finally {
			redis.start();
			before.close();
		}
		// Back: new sessions are served again, through any instance.
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
			McpSyncClient after = streamableClient(new CopyOnWriteArrayList<>(), null);
			try {
				after.initialize();
				for (String sku : List.of("SKU-1001", "SKU-1002")) {
					assertThat(call(after, sku).isError()).isNotEqualTo(Boolean.TRUE);
				}
			}
			finally {
				after.closeGracefully();
			}
		});
	}

	@Test
	@Order(9)
	void churnAcrossTheFleetLeavesNothingBehind() throws Exception {
		for (int i = 0; i < 30; i++) {
			HttpResponse<String> initialize = post(null, """
					{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
					"capabilities":{},"clientInfo":{"name":"churn","version":"1"}}}""");
			assertThat(initialize.statusCode()).isEqualTo(200);
			String session = initialize.headers().firstValue("Mcp-Session-Id").orElseThrow();
			HttpResponse<InputStream> stream = get(session, null);
			new SseLines(stream.body()).nextId();
			assertThat(send("DELETE", session).statusCode()).isEqualTo(204);
			stream.body().close();
		}
		for (int i = 0; i < 10; i++) {
			McpSyncClient sse = McpClient.sync(sseTransport()).requestTimeout(Duration.ofSeconds(10)).build();
			sse.initialize();
			sse.closeGracefully();
		}
		await().atMost(WAIT).untilAsserted(() -> {
			for (int running : fleet.running()) {
				ConfigurableApplicationContext instance = fleet.instance(running);
				McpServer server = instance.getBean(McpServer.class);
				assertThat(server.sessions().size()).as("sessions").isZero();
				assertThat(server.liveSessions().size()).as("live sessions").isZero();
				assertThat(instance.getBean(OpenStreams.class).count()).as("open streams").isZero();
			}
			List<String> left = new ArrayList<>(redis.keys("mcp:*"));
			left.remove("mcp:request-state-key");
			assertThat(left).isEmpty();
		});
	}

	// helpers

	private static void assertValuationWithProgress(McpSyncClient client, String progressToken,
			List<McpSchema.ProgressNotification> received) {
		McpSchema.CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder("inventory_valuation")
			.arguments(Map.of("auditMillis", 5))
			.progressToken(progressToken)
			.build());
		assertThat(((Map<?, ?>) result.structuredContent()).get("totalUnits")).isEqualTo(270);
		await().atMost(WAIT).untilAsserted(() -> assertThat(received.stream()
			.filter((notification) -> progressToken.equals(notification.progressToken()))
			.map(McpSchema.ProgressNotification::progress)
			.collect(Collectors.toSet())).isEqualTo(Set.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0)));
	}

	private static McpSchema.CallToolResult call(McpSyncClient client, String sku) {
		return client.callTool(McpSchema.CallToolRequest.builder("get_product").arguments(Map.of("sku", sku)).build());
	}

	private static String describe(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			text.append(cause).append(" | ");
		}
		return text.toString();
	}

	private static Set<Integer> backendsOf(String method, String path, int from) {
		List<RoundRobinProxy.Routed> log = proxy.routed();
		return log.subList(from, log.size())
			.stream()
			.filter((served) -> served.method().equals(method) && served.path().equals(path))
			.map(RoundRobinProxy.Routed::backend)
			.collect(Collectors.toSet());
	}

	private static McpSyncHttpClientRequestCustomizer bearer() {
		return (request, method, endpoint, body, context) -> request.header("Authorization", "Bearer " + token);
	}

	private static McpSyncClient streamableClient(List<McpSchema.ProgressNotification> progress,
			List<List<McpSchema.Tool>> toolChanges) {
		McpClient.SyncSpec spec = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(base)
				.endpoint("/mcp")
				.jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
				.addHttpRequestCustomizer(bearer())
				.build())
			.requestTimeout(Duration.ofSeconds(20))
			.clientInfo(McpSchema.Implementation.builder("fleet-streamable", "1.0").build())
			.progressConsumer(progress::add);
		if (toolChanges != null) {
			spec.toolsChangeConsumer(toolChanges::add);
		}
		return spec.build();
	}

	private static HttpClientSseClientTransport sseTransport() {
		return HttpClientSseClientTransport.builder(base)
			.sseEndpoint("/sse")
			.jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
			.addHttpRequestCustomizer(bearer())
			.build();
	}

	private static McpSyncClient sseClient(List<McpSchema.ProgressNotification> progress) {
		return McpClient.sync(sseTransport())
			.requestTimeout(Duration.ofSeconds(20))
			.clientInfo(McpSchema.Implementation.builder("fleet-sse", "1.0").build())
			.progressConsumer(progress::add)
			.build();
	}

	private HttpResponse<String> post(String session, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp"))
			.timeout(WAIT)
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (session != null) {
			request.header("Mcp-Session-Id", session);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(String method, String session) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(base + "/mcp"))
			.timeout(WAIT)
			.header("Authorization", "Bearer " + token)
			.header("Mcp-Session-Id", session)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<InputStream> get(String session, String lastEventId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.header("Mcp-Session-Id", session)
			.GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<InputStream> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
