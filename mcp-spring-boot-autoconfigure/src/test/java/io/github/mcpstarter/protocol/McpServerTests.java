package io.github.mcpstarter.protocol;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link McpServer} without any transport: the protocol core answers on its own.
 */
class McpServerTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final ToolRegistry tools = new ToolRegistry();

	private final McpServer server = new McpServer(new Implementation("test", null, "1"), "Use the tools.", this.tools,
			new InMemoryMcpSessionStore(Duration.ofMinutes(1), 10), 10);

	@Test
	void handlerThatThrowsGivesInternalErrorWithoutDetails() {
		this.tools.publish(List.of(new RegisteredTool(tool("boom"), (arguments, context) -> {
			throw new IllegalStateException("database password is hunter2");
		})));
		JsonRpcMessage.Response response = this.server.handle(request("tools/call", "{\"name\":\"boom\"}"), context());
		assertThat(response.error()).isNotNull();
		assertThat(response.error().code()).isEqualTo(-32603);
		assertThat(response.error().message()).isEqualTo("Internal error");
		assertThat(response.error().data()).isNull();
	}

	@Test
	void requestsAreAnsweredWithoutASession() {
		this.tools.publish(List.of(new RegisteredTool(tool("hi"), (arguments, context) -> CallToolResult
			.text("hi " + arguments.path("who").asString()))));
		JsonRpcMessage.Response response = this.server
			.handle(request("tools/call", "{\"name\":\"hi\",\"arguments\":{\"who\":\"you\"}}"), context());
		assertThat(((CallToolResult) response.result()).content()).containsExactly(new Content.Text("hi you"));
		JsonRpcMessage.Response level = this.server.handle(request("logging/setLevel", "{\"level\":\"debug\"}"),
				context());
		assertThat(level.error()).isNull();
	}

	@Test
	void initializeWithoutSessionOpensNoneAndReportsInstructions() {
		McpReply reply = this.server.serve(request("initialize", "{\"protocolVersion\":\"2025-06-18\"}"), exchange());
		assertThat(reply.session()).isNull();
		InitializeResult result = (InitializeResult) reply.response().result();
		assertThat(result.protocolVersion()).isEqualTo("2025-06-18");
		assertThat(result.instructions()).isEqualTo("Use the tools.");
	}

	@Test
	void initializeWithoutProtocolVersionIsInvalidParams() {
		McpReply reply = this.server.serve(request("initialize", "{}"), exchange());
		assertThat(reply.session()).isNull();
		assertThat(reply.response().error().code()).isEqualTo(-32602);
	}

	@Test
	void initializeNegotiatesOnlyAVersionTheTransportServes() {
		McpReply reply = this.server.serve(request("initialize", "{\"protocolVersion\":\"2024-11-05\"}"), exchange());
		assertThat(((InitializeResult) reply.response().result()).protocolVersion())
			.as("2024-11-05 predates Streamable HTTP, which does not offer it")
			.isEqualTo("2025-11-25");
	}

	@Test
	void secondInitializeOnASessionIsAnInvalidRequest() {
		JsonRpcMessage.Response response = this.server
			.handle(request("initialize", "{\"protocolVersion\":\"2025-11-25\"}"), context());
		assertThat(response.error().code()).isEqualTo(-32600);
	}

	/** A transport that serves what Streamable HTTP serves and keeps no sessions. */
	private McpExchange exchange() {
		return new McpExchange() {

			@Override
			public TransportContext transport() {
				return TransportContext.EMPTY;
			}

			@Override
			public List<String> versions() {
				return ProtocolVersions.STREAMABLE_HTTP;
			}

		};
	}

	private Tool tool(String name) {
		return new Tool(name, null, name, this.json.createObjectNode().put("type", "object"), null, null);
	}

	private JsonRpcMessage.Request request(String method, String params) {
		return new JsonRpcMessage.Request(1L, method, this.json.readTree(params));
	}

	private static McpRequestContext context() {
		return new McpRequestContext(null, ProtocolVersions.LATEST, TransportContext.EMPTY);
	}

}
