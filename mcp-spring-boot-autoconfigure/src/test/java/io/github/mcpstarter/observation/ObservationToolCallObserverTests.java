package io.github.mcpstarter.observation;

import java.time.Duration;
import java.util.List;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.Content;
import io.github.mcpstarter.protocol.GetPromptResult;
import io.github.mcpstarter.protocol.Implementation;
import io.github.mcpstarter.protocol.InMemoryMcpSessionStore;
import io.github.mcpstarter.protocol.JsonRpcMessage;
import io.github.mcpstarter.protocol.McpRequestContext;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.Prompt;
import io.github.mcpstarter.protocol.PromptMessage;
import io.github.mcpstarter.protocol.PromptRegistry;
import io.github.mcpstarter.protocol.PromptsFeature;
import io.github.mcpstarter.protocol.ProtocolVersions;
import io.github.mcpstarter.protocol.RegisteredPrompt;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.Tool;
import io.github.mcpstarter.protocol.AccessPolicy;
import io.github.mcpstarter.protocol.ToolCallHandler;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.protocol.TransportContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ObservationToolCallObserver} around a real {@link McpServer}: one observation per call,
 * refused and malformed calls included, with low-cardinality tags only.
 */
class ObservationToolCallObserverTests {

	private static final String NAME = DefaultMcpToolCallObservationConvention.NAME;

	private final JsonMapper json = JsonMapper.builder().build();

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ToolRegistry tools = new ToolRegistry();

	private final InMemoryMcpSessionStore sessions = new InMemoryMcpSessionStore(Duration.ofMinutes(1), 10);

	/** Tool "locked" needs a scope the caller lacks; tool "hidden" is not for this caller. */
	private final AccessPolicy policy = (tool, context) -> switch (tool.name()) {
		case "locked" -> AccessPolicy.Access.insufficientScope(List.of("things.write"));
		case "hidden" -> AccessPolicy.Access.HIDDEN;
		default -> AccessPolicy.Access.ALLOWED;
	};

	private final McpServer server = new McpServer(new Implementation("test", null, "1"), null, this.tools,
			this.sessions, 10, this.policy, new ObservationToolCallObserver(this.registry, null));

	ObservationToolCallObserverTests() {
		this.tools.publish(List.of(tool("greet", (arguments, context) -> {
			// The endpoint runs inside the tool call's observation: its own observations nest under it.
			Observation inner = Observation.start("endpoint.work", this.registry);
			inner.stop();
			return CallToolResult.text("hello " + arguments.path("who").asString());
		}), tool("fail", (arguments, context) -> CallToolResult.error("HTTP 404 Not Found")),
				tool("refuse", (arguments, context) -> {
					context.markDenied();
					return CallToolResult.error("HTTP 403 Forbidden: Access Denied");
				}), tool("boom", (arguments, context) -> {
					throw new IllegalStateException("broken");
				}), tool("locked", (arguments, context) -> CallToolResult.text("never")),
				tool("hidden", (arguments, context) -> CallToolResult.text("never"))));
	}

	@Test
	void successfulCallIsObservedWithToolTransportAndOutcome() {
		call("greet", "{\"who\":\"Ada\"}", TransportContext.STREAMABLE_HTTP);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(NAME)
			.that()
			.hasContextualNameEqualTo("tools/call greet")
			.hasLowCardinalityKeyValue("mcp.tool.name", "greet")
			.hasLowCardinalityKeyValue("mcp.transport", "streamable-http")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasBeenStarted()
			.hasBeenStopped()
			.doesNotHaveError();
	}

	@Test
	void endpointObservationsAreChildrenOfTheToolCall() {
		call("greet", "{\"who\":\"Ada\"}", TransportContext.SSE);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo("endpoint.work")
			.that()
			.hasParentObservationContextMatching((parent) -> parent instanceof McpToolCallObservationContext);
	}

	@Test
	void errorResultIsAToolError() {
		call("fail", "{}", TransportContext.SSE);
		assertOnlyObservation("fail", "sse", "tool_error");
	}

	@Test
	void callRefusedByTheEndpointsAuthorizationIsDenied() {
		call("refuse", "{}", TransportContext.STREAMABLE_HTTP);
		assertOnlyObservation("refuse", "streamable-http", "denied");
	}

	@Test
	void missingScopeIsDenied() {
		JsonRpcMessage.Response refused = call("locked", "{}", TransportContext.STREAMABLE_HTTP);
		assertThat(refused.error().code()).isEqualTo(-32003);
		assertOnlyObservation("locked", "streamable-http", "denied");
	}

	@Test
	void hiddenToolIsDeniedThoughTheClientIsToldItIsUnknown() {
		JsonRpcMessage.Response response = call("hidden", "{}", TransportContext.STREAMABLE_HTTP);
		assertThat(response.error().message()).isEqualTo("Unknown tool: hidden");
		assertOnlyObservation("hidden", "streamable-http", "denied");
	}

	@Test
	void unknownToolIsAProtocolErrorTaggedUnknownNotWithTheMadeUpName() {
		call("drop_table_users", "{}", TransportContext.STREAMABLE_HTTP);
		assertOnlyObservation("unknown", "streamable-http", "protocol_error");
	}

	@Test
	void handlerFailureIsAProtocolErrorAndRecordsTheException() {
		call("boom", "{}", TransportContext.STREAMABLE_HTTP);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(NAME)
			.that()
			.hasLowCardinalityKeyValue("outcome", "protocol_error")
			.assertThatError()
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void customConventionReplacesTheDefault() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		McpServer server = new McpServer(new Implementation("test", null, "1"), null, this.tools, this.sessions, 10,
				this.policy, new ObservationToolCallObserver(registry, new DefaultMcpToolCallObservationConvention() {
					@Override
					public String getName() {
						return "agents.tools";
					}

					@Override
					public KeyValues getLowCardinalityKeyValues(McpToolCallObservationContext context) {
						return super.getLowCardinalityKeyValues(context).and("team", "orders");
					}
				}));
		server.handle(request("greet", "{}"), context(TransportContext.SSE));
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("agents.tools")
			.that()
			.hasLowCardinalityKeyValue("team", "orders")
			.hasLowCardinalityKeyValue("outcome", "success");
	}

	private void assertOnlyObservation(String tool, String transport, String outcome) {
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo(NAME, 1)
			.hasObservationWithNameEqualTo(NAME)
			.that()
			.hasLowCardinalityKeyValue("mcp.tool.name", tool)
			.hasLowCardinalityKeyValue("mcp.transport", transport)
			.hasLowCardinalityKeyValue("outcome", outcome)
			.hasBeenStopped();
	}

	@Test
	void promptGetsAreObservedApartFromToolCallsUnderThePublishedNameOnly() {
		PromptRegistry prompts = new PromptRegistry();
		prompts.publish(List.of(
				new RegisteredPrompt(new Prompt("summary", null, "Summarizes", List.of()),
						(arguments, context) -> new GetPromptResult(null,
								List.of(PromptMessage.user(new Content.Text("Summarize."))))),
				new RegisteredPrompt(new Prompt("hidden", null, "Not for this caller", List.of()),
						(arguments, context) -> new GetPromptResult(null, List.of()))));
		McpServer server = new McpServer(new Implementation("test", null, "1"), null, new ToolRegistry(), this.sessions,
				10, this.policy, new ObservationToolCallObserver(this.registry, null), false, 1000,
				List.of(PromptsFeature.factory(prompts)));

		server.handle(new JsonRpcMessage.Request(1L, "prompts/get", this.json.readTree("{\"name\":\"summary\"}")),
				context(TransportContext.STREAMABLE_HTTP));
		assertOnlyOperation("summary", "streamable-http", "success");
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultMcpOperationObservationConvention.NAME)
			.that()
			.hasContextualNameEqualTo("prompts/get summary");
		this.registry.clear();

		server.handle(new JsonRpcMessage.Request(2L, "prompts/get", this.json.readTree("{\"name\":\"hidden\"}")),
				context(TransportContext.STREAMABLE_HTTP));
		assertOnlyOperation("hidden", "streamable-http", "denied");
		this.registry.clear();

		server.handle(new JsonRpcMessage.Request(3L, "prompts/get", this.json.readTree("{\"name\":\"made-up\"}")),
				context(TransportContext.SSE));
		assertOnlyOperation("unknown", "sse", "protocol_error");
	}

	/** One use of an offering other than a tool call, and no tool call at all. */
	private void assertOnlyOperation(String name, String transport, String outcome) {
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasNumberOfObservationsWithNameEqualTo(NAME, 0)
			.hasNumberOfObservationsWithNameEqualTo(DefaultMcpOperationObservationConvention.NAME, 1)
			.hasObservationWithNameEqualTo(DefaultMcpOperationObservationConvention.NAME)
			.that()
			.hasLowCardinalityKeyValue("mcp.method", "prompts/get")
			.hasLowCardinalityKeyValue("mcp.offering.name", name)
			.hasLowCardinalityKeyValue("mcp.transport", transport)
			.hasLowCardinalityKeyValue("outcome", outcome)
			.hasBeenStopped();
	}

	private JsonRpcMessage.Response call(String tool, String arguments, String transport) {
		return this.server.handle(request(tool, arguments), context(transport));
	}

	private JsonRpcMessage.Request request(String tool, String arguments) {
		return new JsonRpcMessage.Request(1L, "tools/call",
				this.json.readTree("{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"));
	}

	private McpRequestContext context(String transport) {
		McpSession session = this.sessions.create(null, transport, ProtocolVersions.LATEST, null);
		return new McpRequestContext(session, ProtocolVersions.LATEST, new TransportContext() {
			@Override
			public <T> @Nullable T unwrap(Class<T> type) {
				return null;
			}

			@Override
			public String name() {
				return transport;
			}
		});
	}

	private RegisteredTool tool(String name, ToolCallHandler handler) {
		return new RegisteredTool(
				new Tool(name, null, name, this.json.createObjectNode().put("type", "object"), null, null), handler);
	}

}
