package io.github.mcpstarter.fleet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.mcpstarter.fleet.RoundRobinProxy.Routed;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A tool list that changes on one instance reaches the clients whose streams other instances hold.
 *
 * <p>The sample app has no way of its own to change its tools, resources or prompts at run time
 * (its offerings are its annotated controllers, fixed at startup), so the test changes them as an
 * application would: through the starter's {@link ToolRegistry} bean of one instance.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FleetListChangedTests {

	private static Fleet fleet;

	private static String token;

	@BeforeAll
	static void startFleet() {
		fleet = Fleet.shared();
		token = fleet.token();
	}

	@Test
	void toolListChangedOnOneInstanceReachesStreamsHeldByTheOthers() {
		List<List<McpSchema.Tool>> streamableChanges = new CopyOnWriteArrayList<>();
		List<List<McpSchema.Tool>> sseChanges = new CopyOnWriteArrayList<>();
		McpSyncHttpClientRequestCustomizer bearer = (request, method, endpoint, body, context) -> request
			.header("Authorization", "Bearer " + token);
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
		int mark = fleet.proxy().mark();
		McpSyncClient streamable = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(fleet.url())
				.endpoint("/mcp")
				.jsonMapper(json)
				.addHttpRequestCustomizer(bearer)
				.build())
			.requestTimeout(Duration.ofSeconds(10))
			.toolsChangeConsumer(streamableChanges::add)
			.build();
		McpSyncClient sse = McpClient
			.sync(HttpClientSseClientTransport.builder(fleet.url()).sseEndpoint("/sse").jsonMapper(json)
				.addHttpRequestCustomizer(bearer)
				.build())
			.requestTimeout(Duration.ofSeconds(10))
			.toolsChangeConsumer(sseChanges::add)
			.build();
		ToolRegistry registry = null;
		List<RegisteredTool> original = null;
		try {
			streamable.initialize();
			sse.initialize();
			// The instances that hold the two streams (the Streamable HTTP client opens its GET after initialize).
			await().atMost(Duration.ofSeconds(10))
				.until(() -> streamOf("/mcp", mark) >= 0 && streamOf("/sse", mark) >= 0);
			int streamableHolder = streamOf("/mcp", mark);
			int sseHolder = streamOf("/sse", mark);
			// Change the tools on an instance that holds neither stream, when there is one.
			int changing = fleet.running()
				.stream()
				.filter((instance) -> instance != streamableHolder && instance != sseHolder)
				.findFirst()
				.orElse((streamableHolder + 1) % Fleet.INSTANCES);

			registry = fleet.instance(changing).getBean(ToolRegistry.class);
			original = registry.tools();
			registry.publish(original.stream().filter((tool) -> !tool.name().equals("cancel_order")).toList());

			// Each client asks for the new list (tools/list) on whichever instance; only the one
			// that changed lists fewer tools, so the lists are not compared here, only that the
			// notification arrived.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(streamableChanges)
					.as("list changes seen by the Streamable HTTP client (stream on %s, change on %s)", streamableHolder,
							changing)
					.isNotEmpty());
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(sseChanges)
					.as("list changes seen by the SSE client (stream on %s, change on %s)", sseHolder, changing)
					.isNotEmpty());
		}
		finally {
			if (registry != null) {
				registry.publish(original);
			}
			streamable.closeGracefully();
			sse.closeGracefully();
		}
	}

	/** The backend that got the first GET of a path since the mark, or -1. */
	private static int streamOf(String path, int mark) {
		return fleet.proxy()
			.routedSince(mark)
			.stream()
			.filter((routed) -> routed.method().equals("GET") && routed.path().equals(path) && routed.status() == 200)
			.mapToInt(Routed::backend)
			.findFirst()
			.orElse(-1);
	}

}
