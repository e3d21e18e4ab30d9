package io.github.mcpstarter.transport.streamable;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.fixture.FixtureApplication;
import io.github.mcpstarter.protocol.McpSessionStore;

import static io.github.mcpstarter.transport.streamable.McpHttp.ACCEPT_BOTH;
import static io.github.mcpstarter.transport.streamable.McpHttp.json;
import static io.github.mcpstarter.transport.streamable.McpHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Streamable HTTP transport over real HTTP: every protocol error the specification names,
 * and that the server keeps serving after each.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.server.tools.page-size=2", "mcp.server.streamable-http.max-request-size=2KB",
				"spring.application.name=fixture" })
class StreamableHttpTransportServletTests {

	private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json", "Accept",
			ACCEPT_BOTH);

	@LocalServerPort
	private int port;

	@Autowired
	private McpSessionStore sessions;

	private McpHttp http;

	private String session;

	@BeforeEach
	void initialize() throws Exception {
		this.http = new McpHttp(URI.create("http://localhost:" + this.port + "/mcp"));
		this.session = this.http.initialize();
	}

	@Test
	void initializeReturnsResultAndAnUnguessableSessionId() throws Exception {
		HttpResponse<String> response = this.http.post(McpHttp.initializeRequest("2025-11-25"), JSON_HEADERS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		String id = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
		assertThat(id).matches("[\\x21-\\x7E]{20,}").isNotEqualTo(this.session);
		JsonNode result = json(response).get("result");
		assertThat(result.get("protocolVersion").asString()).isEqualTo("2025-11-25");
		assertThat(result.at("/serverInfo/name").asString()).isEqualTo("fixture");
		assertThat(result.at("/capabilities/tools").isObject()).isTrue();
		assertThat(result.at("/capabilities/logging").isObject()).isTrue();
	}

	@Test
	void initializeWithAnOlderSupportedVersionKeepsIt() throws Exception {
		HttpResponse<String> response = this.http.post(McpHttp.initializeRequest("2025-03-26"), JSON_HEADERS);
		assertThat(json(response).at("/result/protocolVersion").asString()).isEqualTo("2025-03-26");
	}

	@Test
	void initializeWithAnUnknownVersionAnswersWithTheLatest() throws Exception {
		HttpResponse<String> response = this.http.post(McpHttp.initializeRequest("1999-01-01"), JSON_HEADERS);
		assertThat(json(response).at("/result/protocolVersion").asString()).isEqualTo("2025-11-25");
	}

	@Test
	void pingAnswersWithAnEmptyResult() throws Exception {
		HttpResponse<String> response = this.http.post(request("\"p-1\"", "ping", null), this.session);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"p-1\",\"result\":{}}");
	}

	@Test
	void malformedJsonIsAParseErrorWith400AndNullId() throws Exception {
		HttpResponse<String> response = this.http.post("{\"jsonrpc\":\"2.0\",\"id\":1,", this.session);
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode body = json(response);
		assertThat(body.get("id").isNull()).isTrue();
		assertThat(body.at("/error/code").asInt()).isEqualTo(-32700);
		assertServerStillServes();
	}

	@Test
	void batchIsAnInvalidRequest() throws Exception {
		HttpResponse<String> response = this.http.post("[" + request(1, "ping", null) + "]", this.session);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32600);
		assertThat(json(response).at("/error/message").asString()).contains("batch");
	}

	@Test
	void messagesThatAreNotJsonRpcAreInvalidRequestsAndEchoAReadableId() throws Exception {
		List<String> bodies = List.of("{\"id\":7,\"method\":\"ping\"}", "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}",
				"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":42}", "{\"jsonrpc\":\"2.0\",\"id\":7}",
				"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":[1]}", "42");
		for (String body : bodies) {
			HttpResponse<String> response = this.http.post(body, this.session);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(json(response).at("/error/code").asInt()).as(body).isEqualTo(-32600);
			if (!body.equals("42")) {
				assertThat(json(response).get("id").asInt()).as(body).isEqualTo(7);
			}
		}
		assertServerStillServes();
	}

	@Test
	void nullIdIsAnInvalidRequest() throws Exception {
		HttpResponse<String> response = this.http.post("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
				this.session);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32600);
	}

	@Test
	void unknownMethodIsMethodNotFound() throws Exception {
		HttpResponse<String> response = this.http.post(request(3, "unknown/method", null), this.session);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32601);
		assertThat(json(response).get("id").asInt()).isEqualTo(3);
	}

	@Test
	void unknownToolIsInvalidParams() throws Exception {
		HttpResponse<String> response = this.http.post(
				request(4, "tools/call", "{\"name\":\"unpublished\",\"arguments\":{}}"), this.session);
		assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32602);
		assertThat(json(response).at("/error/message").asString()).isEqualTo("Unknown tool: unpublished");
	}

	@Test
	void toolCallWithoutNameOrWithNonObjectArgumentsIsInvalidParams() throws Exception {
		for (String params : List.of("{}", "{\"name\":5}", "{\"name\":\"greet\",\"arguments\":[1]}")) {
			HttpResponse<String> response = this.http.post(request(5, "tools/call", params), this.session);
			assertThat(json(response).at("/error/code").asInt()).as(params).isEqualTo(-32602);
		}
	}

	@Test
	void toolsListPagesThroughEveryPublishedToolInNameOrder() throws Exception {
		List<String> names = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			String params = (cursor != null) ? "{\"cursor\":\"" + cursor + "\"}" : "{}";
			JsonNode result = json(this.http.post(request(6, "tools/list", params), this.session)).get("result");
			result.get("tools").forEach((tool) -> names.add(tool.get("name").asString()));
			cursor = result.has("nextCursor") ? result.get("nextCursor").asString() : null;
			pages++;
		}
		while (cursor != null);
		assertThat(names).containsExactly("context", "echo", "empty", "explode", "greet", "numbers", "progress", "slow");
		assertThat(pages).isEqualTo(4);
	}

	@Test
	void invalidCursorIsInvalidParams() throws Exception {
		for (String cursor : List.of("not-a-cursor", "bzk5OTk", "")) {
			HttpResponse<String> response = this.http.post(
					request(7, "tools/list", "{\"cursor\":\"" + cursor + "\"}"), this.session);
			assertThat(json(response).at("/error/code").asInt()).as(cursor).isEqualTo(-32602);
		}
	}

	@Test
	void setLevelAcceptsSyslogLevelsAndRefusesOthers() throws Exception {
		HttpResponse<String> ok = this.http.post(request(8, "logging/setLevel", "{\"level\":\"warning\"}"),
				this.session);
		assertThat(json(ok).get("result").isEmpty()).isTrue();
		assertThat(this.sessions.find(this.session).loggingLevel().wireName()).isEqualTo("warning");
		HttpResponse<String> bad = this.http.post(request(9, "logging/setLevel", "{\"level\":\"verbose\"}"),
				this.session);
		assertThat(json(bad).at("/error/code").asInt()).isEqualTo(-32602);
	}

	@Test
	void notificationsAndResponsesAreAcceptedWith202AndNoBody() throws Exception {
		HttpResponse<String> notification = this.http
			.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", this.session);
		assertThat(notification.statusCode()).isEqualTo(202);
		assertThat(notification.body()).isEmpty();
		assertThat(this.sessions.find(this.session).isInitialized()).isTrue();
		HttpResponse<String> response = this.http.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", this.session);
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void requestWithoutSessionIdIsRefusedWith400() throws Exception {
		HttpResponse<String> response = this.http.post(request(10, "tools/list", null), JSON_HEADERS);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response).at("/error/message").asString()).contains("Mcp-Session-Id");
	}

	@Test
	void requestWithUnknownSessionIdIsRefusedWith404() throws Exception {
		HttpResponse<String> response = this.http.post(request(11, "tools/list", null), "no-such-session");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32001);
	}

	@Test
	void deleteEndsTheSessionAndLaterRequestsGet404() throws Exception {
		HttpResponse<String> deleted = this.http.send("DELETE", Map.of("Mcp-Session-Id", this.session));
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(this.sessions.find(this.session)).isNull();
		assertThat(this.http.post(request(12, "ping", null), this.session).statusCode()).isEqualTo(404);
		assertThat(this.http.send("DELETE", Map.of("Mcp-Session-Id", this.session)).statusCode()).isEqualTo(404);
		assertThat(this.http.send("DELETE", Map.of()).statusCode()).isEqualTo(400);
	}

	@Test
	void unsupportedProtocolVersionHeaderIsRefusedWith400AndSupportedOnesAreServed() throws Exception {
		HttpResponse<String> bad = this.http.post(request(13, "ping", null), Map.of("Content-Type", "application/json",
				"Accept", ACCEPT_BOTH, "Mcp-Session-Id", this.session, "MCP-Protocol-Version", "2024-01-01"));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(json(bad).at("/error/message").asString()).contains("2024-01-01");
		for (String version : List.of("2025-11-25", "2025-06-18", "2025-03-26")) {
			HttpResponse<String> ok = this.http.post(request(14, "ping", null), Map.of("Content-Type",
					"application/json", "Accept", ACCEPT_BOTH, "Mcp-Session-Id", this.session, "MCP-Protocol-Version",
					version));
			assertThat(ok.statusCode()).as(version).isEqualTo(200);
		}
	}

	@Test
	void wrongContentTypeIsRefusedWith415() throws Exception {
		HttpResponse<String> response = this.http.post(request(15, "ping", null),
				Map.of("Content-Type", "text/plain", "Accept", ACCEPT_BOTH, "Mcp-Session-Id", this.session));
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(json(response).at("/error/message").asString()).contains("application/json");
	}

	@Test
	void acceptWithoutJsonOrEventStreamIsRefusedWith406() throws Exception {
		HttpResponse<String> response = this.http.post(request(16, "ping", null),
				Map.of("Content-Type", "application/json", "Accept", "text/html", "Mcp-Session-Id", this.session));
		assertThat(response.statusCode()).isEqualTo(406);
	}

	@Test
	void clientThatAcceptsOnlyEventStreamGetsTheResponseAsOneSseEvent() throws Exception {
		HttpResponse<String> response = this.http.post(request(17, "ping", null), Map.of("Content-Type",
				"application/json", "Accept", "text/event-stream", "Mcp-Session-Id", this.session));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
		assertThat(response.body())
			.isEqualTo("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":17,\"result\":{}}\n\n");
	}

	@Test
	void oversizedBodyIsRefusedWith413() throws Exception {
		String padding = "x".repeat(3000);
		HttpResponse<String> response = this.http
			.post(request(18, "tools/call", "{\"name\":\"greet\",\"arguments\":{\"name\":\"" + padding + "\"}}"),
					this.session);
		assertThat(response.statusCode()).isEqualTo(413);
		assertServerStillServes();
	}

	@Test
	void getWithoutSessionOrWithUnknownSessionIsRefused() throws Exception {
		assertThat(this.http.send("GET", Map.of("Accept", "text/event-stream")).statusCode()).isEqualTo(400);
		assertThat(this.http.send("GET", Map.of("Accept", "text/event-stream", "Mcp-Session-Id", "nope")).statusCode())
			.isEqualTo(404);
		assertThat(this.http.send("GET", Map.of("Accept", "application/json", "Mcp-Session-Id", this.session))
			.statusCode()).isEqualTo(406);
	}

	@Test
	void otherMethodsAnswer405WithAllow() throws Exception {
		HttpResponse<String> response = this.http.send("PUT", Map.of("Mcp-Session-Id", this.session));
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
	}

	@Test
	void hostileOriginIsRefusedWith403AndLoopbackOriginIsServed() throws Exception {
		HttpResponse<String> hostile = this.http.post(request(19, "ping", null), Map.of("Content-Type",
				"application/json", "Accept", ACCEPT_BOTH, "Mcp-Session-Id", this.session, "Origin", "http://evil.example"));
		assertThat(hostile.statusCode()).isEqualTo(403);
		assertThat(json(hostile).at("/error/message").asString()).contains("Origin");
		HttpResponse<String> local = this.http.post(request(20, "ping", null), Map.of("Content-Type",
				"application/json", "Accept", ACCEPT_BOTH, "Mcp-Session-Id", this.session, "Origin",
				"http://localhost:6274"));
		assertThat(local.statusCode()).isEqualTo(200);
	}

	@Test
	void toolCallRunsTheEndpointAndReturnsStructuredAndTextContent() throws Exception {
		JsonNode result = callTool("greet", "{\"name\":\"Zoë\",\"salutation\":\"Grüezi\"}");
		assertThat(result.get("isError").asBoolean()).isFalse();
		assertThat(result.at("/structuredContent/message").asString()).isEqualTo("Grüezi, Zoë!");
		assertThat(result.at("/content/0/type").asString()).isEqualTo("text");
		assertThat(result.at("/content/0/text").asString()).isEqualTo("{\"message\":\"Grüezi, Zoë!\"}");
	}

	@Test
	void toolReturningAListIsWrappedAsResult() throws Exception {
		JsonNode result = callTool("numbers", "{\"count\":3}");
		assertThat(result.at("/structuredContent/result").toString()).isEqualTo("[1,2,3]");
		assertThat(result.at("/content/0/text").asString()).isEqualTo("{\"result\":[1,2,3]}");
	}

	@Test
	void toolWithNoContentReturnsAShortText() throws Exception {
		JsonNode result = callTool("empty", "{}");
		assertThat(result.get("isError").asBoolean()).isFalse();
		assertThat(result.at("/content/0/text").asString()).isEqualTo("HTTP 204 No Content");
		assertThat(result.has("structuredContent")).isFalse();
	}

	@Test
	void endpointFailureIsAToolErrorWithoutStackTraceOrDetails() throws Exception {
		HttpResponse<String> response = this.http.post(request(21, "tools/call", "{\"name\":\"explode\"}"),
				this.session);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode result = json(response).get("result");
		assertThat(result.get("isError").asBoolean()).isTrue();
		assertThat(result.at("/content/0/text").asString()).startsWith("HTTP 500 Internal Server Error");
		assertThat(response.body()).doesNotContain("secret internal detail", "IllegalStateException", "\tat ",
				"Exception");
		assertServerStillServes();
	}

	@Test
	void parametersThatAreNotInputAreSuppliedFromTheMcpRequest() throws Exception {
		HttpResponse<String> response = this.http.post(
				request(23, "tools/call", "{\"name\":\"context\",\"arguments\":{\"X-Tenant\":\"acme\"}}"),
				Map.of("Content-Type", "application/json", "Accept", ACCEPT_BOTH, "Mcp-Session-Id", this.session,
						"Accept-Language", "de-CH", "X-Trace", "trace-42"));
		assertThat(json(response).at("/result/structuredContent/message").asString())
			.isEqualTo("locale=de-CH tenant=acme trace=trace-42 uri=/context query=null");
	}

	@Test
	void publishedHeaderArgumentWinsOverTheMcpRequestsHeaderOfThatName() throws Exception {
		HttpResponse<String> response = this.http.post(
				request(25, "tools/call", "{\"name\":\"context\",\"arguments\":{\"X-Tenant\":\"acme\"}}"),
				Map.of("Content-Type", "application/json", "Accept", ACCEPT_BOTH, "Mcp-Session-Id", this.session,
						"X-Tenant", "from-the-mcp-request", "x-trace", "any-case"));
		assertThat(json(response).at("/result/structuredContent/message").asString())
			.isEqualTo("locale=" + java.util.Locale.getDefault().toLanguageTag()
					+ " tenant=acme trace=any-case uri=/context query=null");
	}

	@Test
	void inputSchemaListsPublishedHeaderButNotSuppliedParameters() throws Exception {
		JsonNode tools = json(this.http.post(request(24, "tools/list", null), this.session)).at("/result/tools");
		JsonNode context = null;
		for (JsonNode tool : tools) {
			if (tool.get("name").asString().equals("context")) {
				context = tool;
			}
		}
		assertThat(context).isNotNull();
		assertThat(context.at("/inputSchema/properties").propertyNames()).containsExactly("X-Tenant");
		assertThat(context.at("/inputSchema/required").get(0).asString()).isEqualTo("X-Tenant");
	}

	@Test
	void missingRequiredArgumentIsAToolErrorNamingIt() throws Exception {
		JsonNode result = callTool("numbers", "{}");
		assertThat(result.get("isError").asBoolean()).isTrue();
		assertThat(result.at("/content/0/text").asString()).contains("missing required argument 'count'");
	}

	private JsonNode callTool(String name, String arguments) throws Exception {
		HttpResponse<String> response = this.http.post(
				request(22, "tools/call", "{\"name\":\"" + name + "\",\"arguments\":" + arguments + "}"), this.session);
		assertThat(response.statusCode()).isEqualTo(200);
		return json(response).get("result");
	}

	private void assertServerStillServes() throws Exception {
		HttpResponse<String> ping = this.http.post(request(99, "ping", null), this.session);
		assertThat(ping.statusCode()).isEqualTo(200);
		assertThat(json(ping).get("result").isObject()).isTrue();
	}

}
