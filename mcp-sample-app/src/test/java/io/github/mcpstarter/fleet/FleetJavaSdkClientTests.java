package io.github.mcpstarter.fleet;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.mcpstarter.fleet.McpWire.EventStream;
import io.github.mcpstarter.fleet.RoundRobinProxy.Routed;
import io.github.mcpstarter.sample.seed.SeedData;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The MCP Java SDK's clients against the fleet, through the round-robin proxy only: a 2025-11-25
 * Streamable HTTP session, a legacy HTTP+SSE session and the stateless 2026-07-28 client. Each
 * lists and calls tools, gets progress, and has a call cancelled; the proxy's log shows that one
 * session's requests were served by more than one instance.
 *
 * <p>The cancellations are sent raw ({@link McpWire}): the SDK's sync clients have no call to
 * cancel a request. That a cancellation reached the call shows in the starter's tool-call metric
 * (outcome {@code cancelled}) of whichever instance ran it.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FleetJavaSdkClientTests {

	/** How many times each test calls {@code get_order}: enough to go round the three instances. */
	private static final int CALLS = 6;

	private static Fleet fleet;

	private static String token;

	@BeforeAll
	static void startFleet() {
		fleet = Fleet.shared();
		token = fleet.token();
	}

	@Test
	void streamableHttpSessionIsServedBySeveralInstances() {
		List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
		McpSyncClient client = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(fleet.url())
				.endpoint("/mcp")
				.jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
				.addHttpRequestCustomizer(
						(request, method, endpoint, body, context) -> request.header("Authorization", "Bearer " + token))
				.build())
			.requestTimeout(Duration.ofSeconds(10))
			.clientInfo(McpSchema.Implementation.builder("fleet-streamable-client", "1.0").build())
			.progressConsumer(progress::add)
			.build();
		int mark = fleet.proxy().mark();
		try {
			assertThat(client.initialize().protocolVersion()).isEqualTo(McpWire.LEGACY);
			assertLegacyClientListsCallsAndGetsProgress(client, progress);
		}
		finally {
			client.closeGracefully();
		}
		List<Routed> inSession = fleet.proxy()
			.routedSince(mark)
			.stream()
			.filter((routed) -> routed.method().equals("POST") && routed.header("Mcp-Session-Id") != null)
			.toList();
		assertThat(backends(inSession)).as("instances that served the session's POSTs: %s", inSession)
			.hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void legacySseSessionIsServedBySeveralInstances() {
		List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
		McpSyncClient client = McpClient
			.sync(HttpClientSseClientTransport.builder(fleet.url())
				.sseEndpoint("/sse")
				.jsonMapper(new JacksonMcpJsonMapper(JsonMapper.builder().build()))
				.addHttpRequestCustomizer(
						(request, method, endpoint, body, context) -> request.header("Authorization", "Bearer " + token))
				.build())
			.requestTimeout(Duration.ofSeconds(10))
			.clientInfo(McpSchema.Implementation.builder("fleet-sse-client", "1.0").build())
			.progressConsumer(progress::add)
			.build();
		int mark = fleet.proxy().mark();
		try {
			assertThat(client.initialize().protocolVersion()).isEqualTo("2024-11-05");
			assertLegacyClientListsCallsAndGetsProgress(client, progress);
		}
		finally {
			client.closeGracefully();
		}
		List<Routed> routed = fleet.proxy().routedSince(mark);
		List<Routed> messages = routed.stream().filter((r) -> r.path().endsWith("/message")).toList();
		assertThat(backends(messages)).as("instances that took the session's messages: %s", routed)
			.hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void modernClientIsServedBySeveralInstancesWithoutASession() {
		List<io.modelcontextprotocol.modern.McpSchema.ProgressParams> progress = new CopyOnWriteArrayList<>();
		io.modelcontextprotocol.modern.client.McpSyncClient client = io.modelcontextprotocol.modern.client.McpClient
			.sync(HttpClientMcpTransport.builder(URI.create(fleet.mcpUrl()))
				.connectTimeout(Duration.ofSeconds(5))
				.requestCustomizer(McpHttpRequestCustomizer
					.fromSync((request, headers, context) -> headers.set("Authorization", "Bearer " + token)))
				.build())
			.clientInfo(io.modelcontextprotocol.modern.McpSchema.Implementation.builder("fleet-modern-client", "1.0")
				.build())
			.roundTimeout(Duration.ofSeconds(10))
			.callTimeout(Duration.ofSeconds(20))
			.build();
		int mark = fleet.proxy().mark();

		assertThat(client.discover().supportedVersions()).contains(McpWire.MODERN);
		assertThat(client.listTools().list().tools()).extracting((tool) -> tool.name())
			.contains("get_order", "inventory_valuation");
		for (int i = 0; i < CALLS; i++) {
			io.modelcontextprotocol.modern.McpSchema.CallToolResult order = client.tool("get_order")
				.arguments(Map.of("id", 2))
				.call();
			assertThat(order.isError()).isNotEqualTo(Boolean.TRUE);
			assertThat(((Map<?, ?>) order.structuredContent()).get("customerEmail")).isEqualTo("grace@example.com");
		}
		io.modelcontextprotocol.modern.McpSchema.CallToolResult valuation = client.tool("inventory_valuation")
			.arguments(Map.of("auditMillis", 5))
			.progress(progress::add)
			.call();
		assertThat(valuation.isError()).isNotEqualTo(Boolean.TRUE);
		assertThat(progress).extracting((p) -> p.progress())
			.isNotEmpty()
			.isSorted()
			.last()
			.isEqualTo((double) SeedData.PRODUCTS.size());

		List<Routed> routed = fleet.proxy().routedSince(mark);
		assertThat(routed).allSatisfy((r) -> assertThat(r.header("Mcp-Session-Id")).isNull());
		assertThat(backends(routed)).as("instances that served the modern client: %s", routed).hasSize(Fleet.INSTANCES);
	}

	@Test
	void streamableHttpCancellationReachesTheInstanceRunningTheCall() throws Exception {
		McpWire wire = new McpWire(fleet.url(), token);
		String session = wire.initialize();
		long cancelledBefore = fleet.toolCalls("inventory_valuation", "cancelled");
		try (EventStream call = wire.openPost(McpWire.message(41, "tools/call",
				"{\"name\":\"inventory_valuation\",\"arguments\":{\"auditMillis\":1000},\"_meta\":{\"progressToken\":\"c41\"}}"),
				Map.of("Mcp-Session-Id", session, "MCP-Protocol-Version", McpWire.LEGACY))) {
			assertThat(call.response().statusCode()).isEqualTo(200);
			call.next((event) -> event.data().contains("notifications/progress"), Duration.ofSeconds(10));

			// The next request goes to another instance than the one running the call.
			HttpResponse<String> cancel = wire.post(
					"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":41}}",
					session);
			assertThat(cancel.statusCode()).as("notifications/cancelled: %s", cancel.body()).isEqualTo(202);

			// The tool stops at its next product (a second at most), and the stream ends without a result.
			call.ended().get(5, TimeUnit.SECONDS);
			assertThat(call.events()).noneSatisfy((event) -> assertThat(event.json().has("result")).isTrue());
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(fleet.toolCalls("inventory_valuation", "cancelled"))
				.isEqualTo(cancelledBefore + 1));
		assertThat(wire.delete(session).statusCode()).isIn(200, 204);
	}

	@Test
	void legacySseCancellationReachesTheInstanceRunningTheCall() throws Exception {
		McpWire wire = new McpWire(fleet.url(), token);
		long cancelledBefore = fleet.toolCalls("inventory_valuation", "cancelled");
		try (EventStream sse = wire.openSse()) {
			assertThat(sse.response().statusCode()).isEqualTo(200);
			String endpoint = sse.next((event) -> event.event().equals("endpoint"), Duration.ofSeconds(10)).data();
			String path = URI.create(fleet.url()).resolve(endpoint).getRawPath() + "?"
					+ URI.create(fleet.url()).resolve(endpoint).getRawQuery();
			assertThat(wire.postTo(path, McpWire.message(1, "initialize", "{\"protocolVersion\":\"2024-11-05\","
					+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"fleet-raw-sse\",\"version\":\"1\"}}"))
				.statusCode()).isEqualTo(202);
			sse.next((event) -> event.json().path("id").asInt() == 1, Duration.ofSeconds(10));
			assertThat(wire.postTo(path, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode())
				.isEqualTo(202);
			// Its POST stays open while the call runs (the transport answers 202 once it has served it).
			CompletableFuture<HttpResponse<String>> call = wire.postToAsync(path, McpWire.message(5, "tools/call",
					"{\"name\":\"inventory_valuation\",\"arguments\":{\"auditMillis\":1000},"
							+ "\"_meta\":{\"progressToken\":\"s5\"}}"));
			sse.next((event) -> event.data().contains("notifications/progress"), Duration.ofSeconds(10));

			assertThat(wire.postTo(path,
					"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}")
				.statusCode()).isEqualTo(202);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(fleet.toolCalls("inventory_valuation", "cancelled"))
					.isEqualTo(cancelledBefore + 1));
			assertThat(call.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(202);

			// The session goes on; the cancelled call never got a response.
			assertThat(wire.postTo(path, McpWire.message(6, "ping", "{}")).statusCode()).isEqualTo(202);
			sse.next((event) -> event.json().path("id").asInt() == 6, Duration.ofSeconds(10));
			assertThat(sse.events()).filteredOn((event) -> event.event().equals("message"))
				.noneSatisfy((event) -> assertThat(event.json().path("id").asInt()).isEqualTo(5));
		}
	}

	@Test
	void modernCallIsCancelledByClosingItsConnection() throws Exception {
		McpWire wire = new McpWire(fleet.url(), token);
		long cancelledBefore = fleet.toolCalls("inventory_valuation", "cancelled");
		EventStream call = wire.openPost(
				McpWire.modernCall(3, "inventory_valuation", "{\"auditMillis\":1000}", "m3"),
				McpWire.modernHeaders("tools/call", "inventory_valuation"));
		assertThat(call.response().statusCode()).isEqualTo(200);
		call.next((event) -> event.data().contains("notifications/progress"), Duration.ofSeconds(10));
		// In the 2026-07-28 era a call lives as long as its request: dropping the connection
		// cancels it. The proxy notices at its next write to the client, the instance at its next
		// write to the proxy: within two of the tool's one-second steps.
		call.close();
		await().atMost(Duration.ofSeconds(8))
			.untilAsserted(() -> assertThat(fleet.toolCalls("inventory_valuation", "cancelled"))
				.isEqualTo(cancelledBefore + 1));
	}

	private static void assertLegacyClientListsCallsAndGetsProgress(McpSyncClient client,
			List<McpSchema.ProgressNotification> progress) {
		assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
			.contains("get_order", "inventory_valuation");
		for (int i = 0; i < CALLS; i++) {
			McpSchema.CallToolResult order = client
				.callTool(McpSchema.CallToolRequest.builder("get_order").arguments(Map.of("id", 2)).build());
			assertThat(order.isError()).as("get_order %s", order).isNotEqualTo(Boolean.TRUE);
			assertThat(((Map<?, ?>) order.structuredContent()).get("customerEmail")).isEqualTo("grace@example.com");
		}
		McpSchema.CallToolResult valuation = client.callTool(McpSchema.CallToolRequest.builder("inventory_valuation")
			.arguments(Map.of("auditMillis", 5))
			.progressToken("fleet-progress")
			.build());
		assertThat(valuation.isError()).isNotEqualTo(Boolean.TRUE);
		// The SDK hands progress to the consumer from several threads: compare as a set.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(progress).extracting(McpSchema.ProgressNotification::progress)
				.contains((double) SeedData.PRODUCTS.size()));
		assertThat(progress).extracting(McpSchema.ProgressNotification::total)
			.containsOnly((double) SeedData.PRODUCTS.size());
	}

	static Set<Integer> backends(List<Routed> routed) {
		return routed.stream().map(Routed::backend).collect(Collectors.toSet());
	}

}
