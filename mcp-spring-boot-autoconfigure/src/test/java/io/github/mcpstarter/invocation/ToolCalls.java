package io.github.mcpstarter.invocation;

import java.time.Duration;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real MCP client (the MCP Java SDK's, over Streamable HTTP) for tests that call tools of a
 * started application and look at what they publish.
 */
final class ToolCalls implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final McpSyncClient client;

	/**
	 * @param port the application's port
	 * @param headers headers the MCP client sends with every request
	 */
	ToolCalls(int port, Map<String, String> headers) {
		HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
			.builder("http://localhost:" + port)
			.jsonMapper(new JacksonMcpJsonMapper(JSON))
			.requestBuilder(requestWith(headers))
			.build();
		this.client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build();
		this.client.initialize();
	}

	private static java.net.http.HttpRequest.Builder requestWith(Map<String, String> headers) {
		java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder();
		headers.forEach(request::header);
		return request;
	}

	ToolCalls(int port) {
		this(port, Map.of());
	}

	/** The tool's input schema, as published. */
	JsonNode inputSchema(String tool) {
		for (McpSchema.Tool published : this.client.listTools().tools()) {
			if (published.name().equals(tool)) {
				return JSON.valueToTree(published.inputSchema());
			}
		}
		throw new AssertionError("No tool " + tool);
	}

	CallToolResult call(String tool, Map<String, Object> arguments) {
		return this.client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build());
	}

	/** The structured content of a successful call. */
	JsonNode success(String tool, Map<String, Object> arguments) {
		CallToolResult result = call(tool, arguments);
		if (Boolean.TRUE.equals(result.isError())) {
			throw new AssertionError(tool + " failed: " + text(result));
		}
		return JSON.valueToTree(result.structuredContent());
	}

	/** The text of a failed call. */
	String error(String tool, Map<String, Object> arguments) {
		CallToolResult result = call(tool, arguments);
		if (!Boolean.TRUE.equals(result.isError())) {
			throw new AssertionError(tool + " succeeded: " + result.structuredContent());
		}
		return text(result);
	}

	private static String text(CallToolResult result) {
		return result.content().stream().map((content) -> ((TextContent) content).text()).reduce("", String::concat);
	}

	@Override
	public void close() {
		this.client.closeGracefully();
	}

}
