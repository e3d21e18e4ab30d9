package io.github.mcpstarter.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One application, two MCP Java SDK clients at the same time: one over Streamable HTTP, one over
 * the legacy HTTP+SSE transport. Same tools, same state, progress and list changes on both. Both
 * send the demo client's Bearer token on every request (the SSE stream and its messages too).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class BothTransportsMcpClientTests extends SampleAppTestSupport {

	@Autowired
	ToolRegistry toolRegistry;

	private final List<McpSchema.ProgressNotification> streamableProgress = new CopyOnWriteArrayList<>();

	private final List<McpSchema.ProgressNotification> sseProgress = new CopyOnWriteArrayList<>();

	private final List<List<McpSchema.Tool>> streamableToolChanges = new CopyOnWriteArrayList<>();

	private final List<List<McpSchema.Tool>> sseToolChanges = new CopyOnWriteArrayList<>();

	private McpSyncClient streamable;

	private McpSyncClient sse;

	@BeforeEach
	void connectBothClients() {
		String base = DemoAuthorizationServer.baseUrl(this.port);
		String authorization = "Bearer " + DemoAuthorizationServer.demoClientToken(this.port);
		McpSyncHttpClientRequestCustomizer bearer = (request, method, endpoint, body, context) -> request
			.header("Authorization", authorization);
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
		this.streamable = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(base)
				.endpoint("/mcp")
				.jsonMapper(json)
				.addHttpRequestCustomizer(bearer)
				.build())
			.requestTimeout(Duration.ofSeconds(20))
			.clientInfo(McpSchema.Implementation.builder("streamable-client", "1.0").build())
			.progressConsumer(this.streamableProgress::add)
			.toolsChangeConsumer(this.streamableToolChanges::add)
			.build();
		this.sse = McpClient
			.sync(HttpClientSseClientTransport.builder(base)
				.sseEndpoint("/sse")
				.jsonMapper(json)
				.addHttpRequestCustomizer(bearer)
				.build())
			.requestTimeout(Duration.ofSeconds(20))
			.clientInfo(McpSchema.Implementation.builder("sse-client", "1.0").build())
			.progressConsumer(this.sseProgress::add)
			.toolsChangeConsumer(this.sseToolChanges::add)
			.build();
		assertThat(this.streamable.initialize().protocolVersion()).isEqualTo("2025-11-25");
		assertThat(this.sse.initialize().protocolVersion()).isEqualTo("2024-11-05");
	}

	@AfterEach
	void closeClients() {
		this.streamable.closeGracefully();
		this.sse.closeGracefully();
	}

	@Test
	void bothClientsSeeTheSameTools() {
		List<String> overStreamable = this.streamable.listTools().tools().stream().map(McpSchema.Tool::name).toList();
		List<String> overSse = this.sse.listTools().tools().stream().map(McpSchema.Tool::name).toList();
		assertThat(overStreamable).hasSize(11).contains("get_order", "inventory_valuation");
		assertThat(overSse).isEqualTo(overStreamable);
	}

	@Test
	void anOrderCreatedOverSseIsReadOverStreamableHttp() {
		CallToolResult created = this.sse.callTool(McpSchema.CallToolRequest.builder("create_order")
			.arguments(Map.of("request", Map.of("customerEmail", "both@example.com", "lines",
					List.of(Map.of("sku", "SKU-1002", "quantity", 2)), "shippingAddress",
					Map.of("street", "1 Main St", "city", "Bern", "postalCode", "3011", "country", "CH"))))
			.build());
		assertThat(created.isError()).isNotEqualTo(Boolean.TRUE);
		Object id = ((Map<?, ?>) created.structuredContent()).get("id");
		CallToolResult read = this.streamable
			.callTool(McpSchema.CallToolRequest.builder("get_order").arguments(Map.of("id", id)).build());
		assertThat(((Map<?, ?>) read.structuredContent()).get("customerEmail")).isEqualTo("both@example.com");
		assertThat(((Map<?, ?>) read.structuredContent()).get("total").toString()).isEqualTo("17.8");
	}

	@Test
	void concurrentCallsOnBothTransportsAllSucceed() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<Object>> results = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				McpSyncClient client = (i % 2 == 0) ? this.streamable : this.sse;
				long id = 1 + (i % 3);
				results.add(executor.submit(() -> ((Map<?, ?>) client
					.callTool(McpSchema.CallToolRequest.builder("get_order").arguments(Map.of("id", id)).build())
					.structuredContent()).get("id")));
			}
			for (int i = 0; i < results.size(); i++) {
				assertThat(((Number) results.get(i).get()).longValue()).isEqualTo(1 + (i % 3));
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void progressArrivesOverBothTransports() {
		assertProgress(this.streamable, "progress-streamable", this.streamableProgress);
		assertProgress(this.sse, "progress-sse", this.sseProgress);
	}

	private static void assertProgress(McpSyncClient client, String token,
			List<McpSchema.ProgressNotification> received) {
		CallToolResult result = client.callTool(McpSchema.CallToolRequest.builder("inventory_valuation")
			.arguments(Map.of("auditMillis", 5))
			.progressToken(token)
			.build());
		assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
		assertThat(((Map<?, ?>) result.structuredContent()).get("totalUnits")).isEqualTo(270);
		// The server sends them in order (the raw-HTTP tests check that); the SDK client hands them
		// to the consumer from several threads, so the order seen here is not the wire order.
		List<McpSchema.ProgressNotification> mine = received.stream()
			.filter((notification) -> token.equals(notification.progressToken()))
			.toList();
		assertThat(mine).extracting(McpSchema.ProgressNotification::progress)
			.containsExactlyInAnyOrder(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
		assertThat(mine).allSatisfy((notification) -> assertThat(notification.total()).isEqualTo(8.0));
		assertThat(mine).filteredOn((notification) -> notification.progress() == 8.0)
			.singleElement()
			.satisfies((notification) -> assertThat(notification.message()).isEqualTo("Done"));
	}

	@Test
	void toolListChangesReachBothClients() {
		List<RegisteredTool> original = this.toolRegistry.tools();
		try {
			this.toolRegistry.publish(original.stream().filter((tool) -> !tool.name().equals("cancel_order")).toList());
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.streamableToolChanges).isNotEmpty());
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.sseToolChanges).isNotEmpty());
			assertThat(this.streamableToolChanges.get(0)).extracting(McpSchema.Tool::name)
				.hasSize(10)
				.doesNotContain("cancel_order");
			assertThat(this.sseToolChanges.get(0)).extracting(McpSchema.Tool::name).doesNotContain("cancel_order");
		}
		finally {
			this.toolRegistry.publish(original);
		}
	}

}
