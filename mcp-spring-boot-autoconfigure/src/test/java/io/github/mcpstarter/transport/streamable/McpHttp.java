package io.github.mcpstarter.transport.streamable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A raw HTTP client for the MCP endpoint, for tests that must send what no well-behaved client
 * would.
 */
final class McpHttp {

	static final String ACCEPT_BOTH = "application/json, text/event-stream";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final URI endpoint;

	McpHttp(URI endpoint) {
		this.endpoint = endpoint;
	}

	HttpResponse<String> post(String body, Map<String, String> headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		headers.forEach(request::header);
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	HttpResponse<String> post(String body, String sessionId) throws IOException, InterruptedException {
		return post(body, Map.of("Content-Type", "application/json", "Accept", ACCEPT_BOTH, "Mcp-Session-Id", sessionId));
	}

	HttpResponse<String> send(String method, Map<String, String> headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
			.method(method, HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** Initializes a session and returns its id. */
	String initialize() throws IOException, InterruptedException {
		HttpResponse<String> response = post(initializeRequest("2025-11-25"),
				Map.of("Content-Type", "application/json", "Accept", ACCEPT_BOTH));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("initialize failed: " + response.statusCode() + " " + response.body());
		}
		return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
	}

	static String initializeRequest(String version) {
		return """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s",\
				"capabilities":{},"clientInfo":{"name":"raw-http-test","version":"1.0"}}}""".formatted(version);
	}

	static String request(Object id, String method, String params) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
				+ ((params != null) ? ",\"params\":" + params : "") + "}";
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
