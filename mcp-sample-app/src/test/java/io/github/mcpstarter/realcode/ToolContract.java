package io.github.mcpstarter.realcode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract every published tool must keep, checked over HTTP with a real MCP client: a call
 * with arguments made from the tool's own {@code inputSchema} succeeds, and its
 * {@code structuredContent} validates against its {@code outputSchema} (which, when declared,
 * a successful result must carry).
 */
public final class ToolContract implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final McpSyncClient client;

	private final SchemaInstances instances;

	private final SchemaValidation validation = new SchemaValidation();

	/**
	 * @param baseUrl the application's URL
	 * @param accessToken the bearer token to send, or {@code null} for none
	 * @param instances how arguments are made
	 */
	public ToolContract(String baseUrl, @Nullable String accessToken, SchemaInstances instances) {
		this.instances = instances;
		HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(baseUrl)
			.endpoint("/mcp")
			.jsonMapper(new JacksonMcpJsonMapper(JSON));
		if (accessToken != null) {
			transport.addHttpRequestCustomizer(
					(request, method, endpoint, body, context) -> request.header("Authorization", "Bearer " + accessToken));
		}
		// The client's own output validation is off: this class validates, and reports every error.
		// Its user accepts whatever a tool asks (a confirmation, a missing value), answering a form
		// with an instance of its schema, as arguments are made: a call is judged on its result.
		this.client = McpClient.sync(transport.build())
			.clientInfo(McpSchema.Implementation.builder("tool-contract", "1.0.0").build())
			.requestTimeout(Duration.ofSeconds(30))
			.enableCallToolSchemaCaching(false)
			.capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
			.elicitation((request) -> {
				@SuppressWarnings("unchecked")
				Map<String, Object> content = JSON.convertValue(
						instances.instance(JSON.valueToTree(request.requestedSchema())), Map.class);
				return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, content);
			})
			.build();
		this.client.initialize();
	}

	/** Every tool the server lists, as JSON, by name in the order listed. */
	public List<JsonNode> tools() {
		List<JsonNode> tools = new ArrayList<>();
		String cursor = null;
		do {
			McpSchema.ListToolsResult page = this.client.listTools(cursor);
			page.tools().forEach((tool) -> tools.add(JSON.valueToTree(tool)));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return tools;
	}

	/** Arguments made from the tool's input schema, checked to validate against it. */
	public JsonNode arguments(JsonNode tool) {
		JsonNode inputSchema = tool.path("inputSchema");
		JsonNode arguments = this.instances.instance(inputSchema);
		List<String> errors = this.validation.errors(inputSchema, arguments);
		if (!errors.isEmpty()) {
			throw new IllegalStateException("The arguments made for " + tool.path("name").asString() + " do not validate"
					+ " against its inputSchema (a gap in SchemaInstances): " + arguments + " " + errors);
		}
		return arguments;
	}

	/**
	 * Calls the tool and judges the result.
	 * @return what is wrong with it, empty when the call kept the contract
	 */
	public List<String> check(JsonNode tool, JsonNode arguments) {
		String name = tool.path("name").asString();
		@SuppressWarnings("unchecked")
		Map<String, Object> argumentMap = JSON.convertValue(arguments, Map.class);
		McpSchema.CallToolResult result = this.client
			.callTool(McpSchema.CallToolRequest.builder(name).arguments(argumentMap).build());
		JsonNode json = JSON.valueToTree(result);
		List<String> problems = new ArrayList<>();
		if (Boolean.TRUE.equals(result.isError())) {
			problems.add("the call failed: " + json.path("content"));
			return problems;
		}
		JsonNode outputSchema = tool.path("outputSchema");
		if (outputSchema.isObject()) {
			JsonNode structured = json.path("structuredContent");
			if (!structured.isObject()) {
				problems.add("it declares an outputSchema but returned no structuredContent: " + json);
			}
			else {
				this.validation.errors(outputSchema, structured)
					.forEach((error) -> problems.add("structuredContent does not validate: " + error));
				if (problems.size() > 0) {
					problems.add("structuredContent was " + structured);
				}
			}
		}
		return problems;
	}

	/** Calls a tool with these arguments and returns the result as JSON, whatever it is. */
	public JsonNode call(String name, JsonNode arguments) {
		@SuppressWarnings("unchecked")
		Map<String, Object> argumentMap = JSON.convertValue(arguments, Map.class);
		return JSON.valueToTree(
				this.client.callTool(McpSchema.CallToolRequest.builder(name).arguments(argumentMap).build()));
	}

	/** The problems of one call as a failure message: the tool, its arguments and what was wrong. */
	public static String describe(JsonNode tool, JsonNode arguments, List<String> problems) {
		return "tool " + tool.path("name").asString() + " called with " + arguments + ":\n  - "
				+ String.join("\n  - ", problems) + "\n  outputSchema: " + tool.path("outputSchema");
	}

	@Override
	public void close() {
		this.client.closeGracefully();
	}

}
