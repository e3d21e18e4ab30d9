package io.github.mcpstarter.lifecycle;

import java.time.Duration;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.threads.virtual.enabled=true} on Java 21 and later, tool calls over both
 * transports run on virtual threads, and streams work. The build runs this class on the newest
 * JDK on the machine (see the {@code jdk25} profile of this module).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = ThreadReportingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.threads.virtual.enabled=true")
class VirtualThreadsTests {

	@LocalServerPort
	int port;

	@Test
	void toolCallsRunOnVirtualThreadsOverBothTransports() {
		String base = "http://127.0.0.1:" + this.port;
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
		McpSyncClient streamable = McpClient
			.sync(HttpClientStreamableHttpTransport.builder(base).jsonMapper(json).build())
			.requestTimeout(Duration.ofSeconds(20))
			.build();
		McpSyncClient sse = McpClient.sync(HttpClientSseClientTransport.builder(base).jsonMapper(json).build())
			.requestTimeout(Duration.ofSeconds(20))
			.build();
		try {
			streamable.initialize();
			sse.initialize();
			for (McpSyncClient client : new McpSyncClient[] { streamable, sse }) {
				McpSchema.CallToolResult result = client
					.callTool(McpSchema.CallToolRequest.builder("thread").arguments(Map.of()).build());
				assertThat(((Map<?, ?>) result.structuredContent()).get("virtual")).isEqualTo(Boolean.TRUE);
			}
		}
		finally {
			streamable.closeGracefully();
			sse.closeGracefully();
		}
	}

}
