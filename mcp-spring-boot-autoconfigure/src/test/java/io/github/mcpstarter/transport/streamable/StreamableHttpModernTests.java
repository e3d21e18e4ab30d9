package io.github.mcpstarter.transport.streamable;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.fixture.ModernFixtureApplication;
import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.Tool;
import io.github.mcpstarter.protocol.AccessPolicy;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.transport.RawHttp;
import io.github.mcpstarter.transport.SseEvent;
import io.github.mcpstarter.transport.SseEventReader;

import static io.github.mcpstarter.transport.streamable.McpHttp.ACCEPT_BOTH;
import static io.github.mcpstarter.transport.streamable.McpHttp.json;
import static io.github.mcpstarter.transport.streamable.McpHttp.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MCP 2026-07-28 over real HTTP on the one {@code /mcp} endpoint that also serves the legacy era:
 * per-request {@code _meta}, the standard and {@code Mcp-Param-*} headers, {@code server/discover},
 * cache hints, progress and log messages on a call's own stream, cancellation by closing it,
 * {@code subscriptions/listen}, and the legacy era beside it. One test per rule of the
 * specification (and of its conformance suite where the specification leaves a choice).
 */
@SpringBootTest(classes = ModernFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=modern", "mcp.server.session.keep-alive-interval=200ms" })
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamableHttpModernTests {

	private static final String VERSION = "2026-07-28";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> SUPPORTED = List.of("2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26");

	@LocalServerPort
	private int port;

	@Autowired
	private ToolRegistry registry;

	@Autowired
	private McpServer server;

	@Autowired(required = false)
	private AccessPolicy accessPolicy;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<AutoCloseable> opened = new ArrayList<>();

	private List<RegisteredTool> originalTools;

	private McpHttp http;

	@BeforeEach
	void setUp() {
		this.originalTools = this.registry.tools();
		this.http = new McpHttp(URI.create("http://localhost:" + this.port + "/mcp"));
	}

	@AfterEach
	void restore() throws Exception {
		this.registry.publish(this.originalTools);
		for (AutoCloseable closeable : this.opened) {
			closeable.close();
		}
		await().atMost(WAIT).until(() -> this.server.subscriptionCount() == 0);
	}

	// server/discover

	@Test
	void discoverNamesVersionsCapabilitiesCacheHintsAndTheServer() throws Exception {
		HttpResponse<String> response = modern("\"discover-1\"", "server/discover", null, params(""));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
		assertThat(response.body()).doesNotContain("\n");
		JsonNode body = json(response);
		assertThat(body.get("id").asString()).isEqualTo("discover-1");
		JsonNode result = body.get("result");
		assertThat(result.get("resultType").asString()).isEqualTo("complete");
		assertThat(strings(result.get("supportedVersions"))).containsExactlyElementsOf(SUPPORTED)
			.doesNotContain("2024-11-05");
		assertThat(result.at("/capabilities/tools/listChanged").asBoolean()).isTrue();
		// It sends log messages, so it must say so.
		assertThat(result.at("/capabilities/logging").isObject()).isTrue();
		assertThat(result.at("/capabilities/tasks").isMissingNode()).isTrue();
		assertThat(result.get("ttlMs").isIntegralNumber()).isTrue();
		assertThat(result.get("ttlMs").asLong()).isEqualTo(60_000);
		assertThat(result.get("cacheScope").asString()).isEqualTo("public");
		JsonNode serverInfo = result.at("/_meta/io.modelcontextprotocol~1serverInfo");
		assertThat(serverInfo.get("name").asString()).isEqualTo("modern");
		assertThat(serverInfo.get("version").isString()).isTrue();
		assertThat(result.has("serverInfo")).as("server identity is in _meta, not the body").isFalse();
		assertThat(result.has("protocolVersion")).isFalse();
	}

	@Test
	void discoverWithoutClientInfoIsServed() throws Exception {
		String params = "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
				+ "\"io.modelcontextprotocol/clientCapabilities\":{}}}";
		HttpResponse<String> response = modern(2, "server/discover", null, params);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).at("/result/resultType").asString()).isEqualTo("complete");
		assertThat(json(response).get("id").asInt()).isEqualTo(2);
	}

	// _meta

	@Test
	void requestWithoutMetaIsInvalidParamsWith400() throws Exception {
		assertError(modern(101, "server/discover", null, "{}"), 400, 101, -32602, "_meta");
		assertError(modern(102, "tools/list", null, null), 400, 102, -32602, "_meta");
	}

	@Test
	void metaWithoutProtocolVersionIsInvalidParamsWith400() throws Exception {
		String params = "{\"_meta\":{\"io.modelcontextprotocol/clientInfo\":{\"name\":\"c\",\"version\":\"1\"},"
				+ "\"io.modelcontextprotocol/clientCapabilities\":{}}}";
		assertError(modern(103, "server/discover", null, params), 400, 103, -32602,
				"io.modelcontextprotocol/protocolVersion");
	}

	@Test
	void metaWithoutClientCapabilitiesIsInvalidParamsWith400() throws Exception {
		String params = "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
				+ "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}";
		assertError(modern(104, "server/discover", null, params), 400, 104, -32602,
				"io.modelcontextprotocol/clientCapabilities");
	}

	@Test
	void unrecognisedLogLevelIsInvalidParamsWith400() throws Exception {
		assertError(modern(105, "tools/list", null, paramsWithMeta("\"io.modelcontextprotocol/logLevel\":\"loud\"", "")),
				400, 105, -32602, "io.modelcontextprotocol/logLevel");
	}

	// Standard headers

	@Test
	void missingProtocolVersionHeaderIsAHeaderMismatch() throws Exception {
		assertError(post(request(201, "tools/list", params("")), without(headers("tools/list", null), "MCP-Protocol-Version")),
				400, 201, -32020, "MCP-Protocol-Version");
	}

	@Test
	void protocolVersionHeaderOtherThanTheBodysIsAHeaderMismatch() throws Exception {
		assertError(post(request(202, "tools/list", params("")),
				with(headers("tools/list", null), "MCP-Protocol-Version", "2025-11-25")), 400, 202, -32020,
				"MCP-Protocol-Version");
		// The conformance probe: a supported header with an unsupported body version is a mismatch, not -32022.
		String v999 = "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"v999.0.0\","
				+ "\"io.modelcontextprotocol/clientCapabilities\":{}}}";
		assertError(post(request(203, "server/discover", v999), headers("server/discover", null)), 400, 203, -32020,
				"MCP-Protocol-Version");
	}

	@Test
	void missingOrDifferentMcpMethodIsAHeaderMismatch() throws Exception {
		String body = request(204, "tools/list", params(""));
		assertError(post(body, without(headers("tools/list", null), "Mcp-Method")), 400, 204, -32020, "Mcp-Method");
		assertError(post(body, with(headers("tools/list", null), "Mcp-Method", "prompts/list")), 400, 204, -32020,
				"Mcp-Method");
		// Values are case-sensitive.
		assertError(post(body, with(headers("tools/list", null), "Mcp-Method", "TOOLS/LIST")), 400, 204, -32020,
				"Mcp-Method");
	}

	@Test
	void lowerCaseHeaderNamesAreAccepted() throws Exception {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("content-type", "application/json");
		headers.put("accept", ACCEPT_BOTH);
		headers.put("mcp-protocol-version", VERSION);
		headers.put("mcp-method", "tools/call");
		headers.put("mcp-name", "greet");
		try (RawHttp exchange = RawHttp.exchange(this.port, "POST", "/mcp", headers,
				request(205, "tools/call", params("\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}")), WAIT)) {
			assertThat(exchange.status()).isEqualTo(200);
			JsonNode body = JSON.readTree(exchange.bodyText());
			assertThat(body.get("id").asInt()).isEqualTo(205);
			assertThat(body.at("/result/structuredContent/message").asString()).isEqualTo("Hello, Ada!");
		}
	}

	@Test
	void missingOrDifferentMcpNameOnToolsCallIsAHeaderMismatch() throws Exception {
		String body = request(206, "tools/call", params("\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}"));
		assertError(post(body, headers("tools/call", null)), 400, 206, -32020, "Mcp-Name");
		assertError(post(body, headers("tools/call", "wrong_tool_name")), 400, 206, -32020, "Mcp-Name");
		assertError(post(body, headers("tools/call", "GREET")), 400, 206, -32020, "Mcp-Name");
	}

	@Test
	void aStandardHeaderSentTwiceIsAHeaderMismatchWhateverItsValues() throws Exception {
		// Two lines of one header (names differ in case only): a proxy reading the last would route
		// on a value the server never compared, so neither is taken, even when the first matches.
		Map<String, String> headers = new LinkedHashMap<>(headers("tools/call", "greet"));
		headers.put("mcp-name", "admin_tool");
		try (RawHttp exchange = RawHttp.exchange(this.port, "POST", "/mcp", headers,
				request(209, "tools/call", params("\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}")), WAIT)) {
			assertThat(exchange.status()).isEqualTo(400);
			JsonNode body = JSON.readTree(exchange.bodyText());
			assertThat(body.get("id").asInt()).isEqualTo(209);
			assertThat(body.at("/error/code").asInt()).isEqualTo(-32020);
			assertThat(body.at("/error/message").asString()).contains("Mcp-Name").contains("once");
		}
	}

	@Test
	void mcpNameWithSurroundingSpacesIsAccepted() throws Exception {
		Map<String, String> headers = new LinkedHashMap<>(headers("tools/call", null));
		headers.put("Mcp-Name", "  greet  ");
		try (RawHttp exchange = RawHttp.exchange(this.port, "POST", "/mcp", headers,
				request(207, "tools/call", params("\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}")), WAIT)) {
			assertThat(exchange.status()).isEqualTo(200);
			assertThat(JSON.readTree(exchange.bodyText()).at("/result/structuredContent/message").asString())
				.isEqualTo("Hello, Ada!");
		}
	}

	@Test
	void mcpNameOfANonAsciiToolIsSentInBase64AndDecodedBeforeComparing() throws Exception {
		// Annotated tools have ASCII names; a tool published on the registry may have any name.
		List<RegisteredTool> tools = new ArrayList<>(this.originalTools);
		ObjectNode schema = JsonNodeFactory.instance.objectNode();
		schema.put("type", "object");
		tools.add(new RegisteredTool(new Tool("grüße", null, "Greets in German", schema, null, null),
				(arguments, context) -> CallToolResult.text("Grüß Gott")));
		this.registry.publish(tools);
		String body = request(209, "tools/call", params("\"name\":\"grüße\",\"arguments\":{}"));
		HttpResponse<String> encoded = post(body, headers("tools/call", base64("grüße")));
		assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
		assertThat(json(encoded).at("/result/content/0/text").asString()).isEqualTo("Grüß Gott");
		assertError(post(body, headers("tools/call", base64("gruesse"))), 400, 209, -32020, "Mcp-Name");
	}

	@Test
	void mcpNameInBase64FormIsDecodedBeforeComparing() throws Exception {
		// A client may encode an ASCII name too.
		String body = request(208, "tools/call", params("\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}"));
		HttpResponse<String> encoded = post(body, headers("tools/call", base64("greet")));
		assertThat(encoded.statusCode()).isEqualTo(200);
		assertThat(json(encoded).at("/result/structuredContent/message").asString()).isEqualTo("Hello, Ada!");
		assertError(post(body, headers("tools/call", base64("other"))), 400, 208, -32020, "Mcp-Name");
		assertError(post(body, headers("tools/call", "=?base64?Z3JlZXQ?=")), 400, 208, -32020, "Mcp-Name");
	}

	// Versions

	@Test
	void unsupportedVersionInHeaderAndBodyIs32022NamingSupportedAndRequested() throws Exception {
		String v999 = "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"v999.0.0\","
				+ "\"io.modelcontextprotocol/clientCapabilities\":{}}}";
		HttpResponse<String> response = post(request(301, "server/discover", v999),
				with(headers("server/discover", null), "MCP-Protocol-Version", "v999.0.0"));
		JsonNode error = assertError(response, 400, 301, -32022, "v999.0.0");
		assertThat(error.at("/data/requested").asString()).isEqualTo("v999.0.0");
		JsonNode discovered = json(modern(302, "server/discover", null, params(""))).at("/result/supportedVersions");
		assertThat(strings(error.at("/data/supported"))).isNotEmpty().isSubsetOf(strings(discovered))
			.contains(VERSION);
	}

	// Methods

	@Test
	void unknownAndRemovedMethodsAre404MethodNotFound() throws Exception {
		List<String> methods = List.of("unknown/method", "ping", "logging/setLevel", "resources/subscribe",
				"resources/unsubscribe");
		int id = 400;
		for (String method : methods) {
			id++;
			String params = method.startsWith("resources/") ? params("\"uri\":\"test://x\"")
					: method.equals("logging/setLevel") ? params("\"level\":\"debug\"") : params("");
			assertError(modern(id, method, null, params), 404, id, -32601, method);
		}
		// An initialize with the modern _meta belongs to the modern era, which has no initialize.
		String initialize = params("\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
				+ "\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}");
		HttpResponse<String> response = modern(499, "initialize", null, initialize);
		assertError(response, 404, 499, -32601, "initialize");
		assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
	}

	// tools/list

	@Test
	void toolsListHasResultTypeCacheHintsServerInfoAndToolsInNameOrder() throws Exception {
		HttpResponse<String> response = modern(501, "tools/list", null, params(""));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("id").asInt()).isEqualTo(501);
		JsonNode result = body.get("result");
		assertThat(result.get("resultType").asString()).isEqualTo("complete");
		assertThat(result.get("ttlMs").asLong()).isEqualTo(60_000);
		// Private when an access policy decides per caller which tools it sees.
		assertThat(result.get("cacheScope").asString()).isEqualTo((this.accessPolicy != null) ? "private" : "public");
		assertThat(result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asString()).isEqualTo("modern");
		List<String> names = new ArrayList<>();
		result.get("tools").forEach((tool) -> names.add(tool.get("name").asString()));
		assertThat(names).contains("greet", "chatty", "ticker", "region").isSorted();
		result.get("tools").forEach((tool) -> assertThat(tool.has("execution")).isFalse());
	}

	@Test
	void toolsListTwiceGivesTheSameBytes() throws Exception {
		HttpResponse<String> first = modern(502, "tools/list", null, params(""));
		HttpResponse<String> second = modern(502, "tools/list", null, params(""));
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(JSON.writeValueAsString(json(second).at("/result/tools")))
			.isEqualTo(JSON.writeValueAsString(json(first).at("/result/tools")));
	}

	// tools/call

	@Test
	void toolsCallAnswersWithResultTypeAndStructuredContent() throws Exception {
		HttpResponse<String> response = modern(601, "tools/call", "greet",
				params("\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("\n");
		JsonNode body = json(response);
		assertThat(body.get("id").asInt()).isEqualTo(601);
		JsonNode result = body.get("result");
		assertThat(result.get("resultType").asString()).isEqualTo("complete");
		assertThat(result.at("/structuredContent/message").asString()).isEqualTo("Hello, Ada!");
		assertThat(result.at("/content/0/type").asString()).isEqualTo("text");
		assertThat(result.at("/content/0/text").asString()).contains("Hello, Ada!");
		assertThat(result.get("isError").asBoolean()).isFalse();
		assertThat(result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asString()).isEqualTo("modern");
		assertThat(result.has("ttlMs")).as("a tool result is not cacheable").isFalse();
	}

	@Test
	void unknownToolIsInvalidParamsWith200() throws Exception {
		assertError(modern(602, "tools/call", "unpublished", params("\"name\":\"unpublished\",\"arguments\":{}")), 200,
				602, -32602, "Unknown tool: unpublished");
	}

	@Test
	void invalidArgumentsAreAnErrorResult() throws Exception {
		HttpResponse<String> response = modern(603, "tools/call", "numbers",
				params("\"name\":\"numbers\",\"arguments\":{\"count\":\"many\"}"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("id").asInt()).isEqualTo(603);
		assertThat(body.has("error")).isFalse();
		assertThat(body.at("/result/resultType").asString()).isEqualTo("complete");
		assertThat(body.at("/result/isError").asBoolean()).isTrue();
		assertThat(body.at("/result/content/0/text").asString()).contains("count");
	}

	// Progress

	@Test
	void progressGoesOnTheCallsOwnStreamThenTheResultEachMessageOnOneLine() throws Exception {
		String body = request("\"call-p\"", "tools/call",
				paramsWithMeta("\"progressToken\":\"progress-test-1\"", "\"name\":\"progress\",\"arguments\":{\"steps\":3}"));
		try (RawHttp exchange = RawHttp.exchange(this.port, "POST", "/mcp", headers("tools/call", "progress"), body,
				WAIT)) {
			assertThat(exchange.status()).isEqualTo(200);
			assertThat(exchange.header("Content-Type")).startsWith("text/event-stream");
			assertThat(exchange.header("X-Accel-Buffering")).isEqualTo("no");
			List<JsonNode> messages = new ArrayList<>();
			for (String line : exchange.bodyText().split("\n")) {
				if (line.startsWith("data:")) {
					// Each message is whole on its data: line, as line-reading clients need.
					messages.add(JSON.readTree(line.substring("data:".length()).strip()));
				}
				else {
					assertThat(line).as("only event and data lines").matches("|event: message");
				}
			}
			assertThat(messages).hasSize(4);
			double last = 0;
			for (int i = 0; i < 3; i++) {
				JsonNode progress = messages.get(i);
				assertThat(progress.get("method").asString()).isEqualTo("notifications/progress");
				assertThat(progress.at("/params/progressToken").asString()).isEqualTo("progress-test-1");
				assertThat(progress.at("/params/progress").asDouble()).isGreaterThan(last);
				last = progress.at("/params/progress").asDouble();
			}
			JsonNode result = messages.get(3);
			assertThat(result.get("id").asString()).isEqualTo("call-p");
			assertThat(result.at("/result/resultType").asString()).isEqualTo("complete");
			assertThat(result.at("/result/structuredContent/message").asString()).isEqualTo("done 3");
		}
	}

	// Logging

	@Test
	void toolThatLogsSendsNoMessagesWithoutLogLevel() throws Exception {
		HttpResponse<String> response = modern(701, "tools/call", "chatty", params("\"name\":\"chatty\",\"arguments\":{}"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).doesNotContain("notifications/message");
		assertThat(json(response).at("/result/content/0/text").asString()).isEqualTo("chatted");
	}

	@Test
	void logLevelSendsMessagesAtOrAboveItOnTheCallsOwnStream() throws Exception {
		List<JsonNode> debug = streamed(request(702, "tools/call",
				paramsWithMeta("\"io.modelcontextprotocol/logLevel\":\"debug\"", "\"name\":\"chatty\",\"arguments\":{}")),
				"chatty");
		assertThat(debug).hasSize(4);
		assertThat(debug.subList(0, 3)).allSatisfy(
				(message) -> assertThat(message.get("method").asString()).isEqualTo("notifications/message"));
		assertThat(debug.subList(0, 3).stream().map((message) -> message.at("/params/level").asString()))
			.containsExactly("debug", "info", "warning");
		assertThat(debug.get(0).at("/params/data").asString()).isEqualTo("debugging");
		assertThat(debug.get(3).get("id").asInt()).isEqualTo(702);
		assertThat(debug.get(3).at("/result/content/0/text").asString()).isEqualTo("chatted");

		List<JsonNode> warning = streamed(request(703, "tools/call",
				paramsWithMeta("\"io.modelcontextprotocol/logLevel\":\"warning\"", "\"name\":\"chatty\",\"arguments\":{}")),
				"chatty");
		assertThat(warning).hasSize(2);
		assertThat(warning.get(0).at("/params/level").asString()).isEqualTo("warning");
		assertThat(warning.get(1).get("id").asInt()).isEqualTo(703);
	}

	// Cancellation

	@Test
	void closingTheStreamOfALongCallCancelsIt() throws Exception {
		int started = ModernFixtureApplication.TICKER_STARTED.get();
		int cancelled = ModernFixtureApplication.TICKER_CANCELLED.get();
		String body = request(801, "tools/call",
				paramsWithMeta("\"progressToken\":801", "\"name\":\"ticker\",\"arguments\":{\"millis\":30000}"));
		RawHttp exchange = RawHttp.exchange(this.port, "POST", "/mcp", headers("tools/call", "ticker"), body, WAIT);
		this.opened.add(exchange);
		assertThat(exchange.status()).isEqualTo(200);
		assertThat(exchange.header("Content-Type")).startsWith("text/event-stream");
		SseEventReader events = reader(exchange.body());
		assertThat(JSON.readTree(events.next(WAIT).data()).get("method").asString()).isEqualTo("notifications/progress");
		assertThat(ModernFixtureApplication.TICKER_STARTED.get()).isGreaterThan(started);
		long closedAt = System.nanoTime();
		exchange.abort();
		await().atMost(WAIT).until(() -> ModernFixtureApplication.TICKER_CANCELLED.get() > cancelled);
		assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(5));
		// The server serves on.
		assertThat(json(modern(802, "tools/call", "greet", params("\"name\":\"greet\",\"arguments\":{\"name\":\"n\"}")))
			.at("/result/structuredContent/message")
			.asString()).isEqualTo("Hello, n!");
	}

	// subscriptions/listen

	@Test
	void listenAcknowledgesFirstThenSendsToolListChangesUntilClosed() throws Exception {
		assertThat(this.server.subscriptionCount()).isZero();
		RawHttp exchange = listen("\"listen-1\"", "{\"toolsListChanged\":true}");
		assertThat(exchange.status()).isEqualTo(200);
		assertThat(exchange.header("Content-Type")).startsWith("text/event-stream");
		assertThat(exchange.header("X-Accel-Buffering")).isEqualTo("no");
		assertThat(exchange.header("Mcp-Session-Id")).isNull();
		SseEventReader events = reader(exchange.body());
		JsonNode ack = JSON.readTree(events.next(WAIT).data());
		assertThat(ack.get("method").asString()).isEqualTo("notifications/subscriptions/acknowledged");
		assertThat(ack.has("id")).isFalse();
		assertThat(ack.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asString()).isEqualTo("listen-1");
		assertThat(JSON.writeValueAsString(ack.at("/params/notifications"))).isEqualTo("{\"toolsListChanged\":true}");
		await().atMost(WAIT).until(() -> this.server.subscriptionCount() == 1);

		publishExtraTool();

		JsonNode changed = JSON.readTree(events.next(WAIT).data());
		assertThat(changed.get("method").asString()).isEqualTo("notifications/tools/list_changed");
		assertThat(changed.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asString()).isEqualTo("listen-1");

		exchange.abort();
		await().atMost(WAIT).until(() -> this.server.subscriptionCount() == 0);
	}

	@Test
	void listenSubscriptionIdIsTheListenRequestsIdAsSent() throws Exception {
		RawHttp exchange = listen("77", "{\"toolsListChanged\":true}");
		SseEventReader events = reader(exchange.body());
		JsonNode ack = JSON.readTree(events.next(WAIT).data());
		JsonNode subscriptionId = ack.at("/params/_meta/io.modelcontextprotocol~1subscriptionId");
		assertThat(subscriptionId.isIntegralNumber()).isTrue();
		assertThat(subscriptionId.asInt()).isEqualTo(77);
		exchange.close();
		await().atMost(WAIT).until(() -> this.server.subscriptionCount() == 0);
	}

	@Test
	void listenForPromptsOnlyIsAcknowledgedForPromptsAndGetsNoToolChanges() throws Exception {
		RawHttp exchange = listen("\"listen-p\"", "{\"promptsListChanged\":true}");
		assertThat(exchange.status()).isEqualTo(200);
		SseEventReader events = reader(exchange.body());
		JsonNode ack = JSON.readTree(events.next(WAIT).data());
		assertThat(ack.get("method").asString()).isEqualTo("notifications/subscriptions/acknowledged");
		assertThat(ack.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asString()).isEqualTo("listen-p");
		assertThat(JSON.writeValueAsString(ack.at("/params/notifications"))).isEqualTo("{\"promptsListChanged\":true}");

		publishExtraTool();

		assertThat(events.drain(Duration.ofMillis(700), Duration.ofSeconds(2))).isEmpty();
		assertThat(events.comments()).as("the stream is alive: keep-alives").isPositive();
	}

	@Test
	void listenWithoutNotificationsIsInvalidParams() throws Exception {
		assertError(modern(901, "subscriptions/listen", null, params("")), 200, 901, -32602, "notifications");
	}

	// The legacy era beside the modern one

	@Test
	void getAndDeleteWithoutASessionKeepTheirLegacyAnswers() throws Exception {
		HttpResponse<String> get = this.http.send("GET", Map.of("Accept", "text/event-stream"));
		assertThat(get.statusCode()).isEqualTo(400);
		assertThat(json(get).at("/error/code").asInt()).isEqualTo(-32000);
		assertThat(json(get).at("/error/message").asString()).contains("Mcp-Session-Id");
		HttpResponse<String> delete = this.http.send("DELETE", Map.of());
		assertThat(delete.statusCode()).isEqualTo(400);
		assertThat(json(delete).at("/error/code").asInt()).isEqualTo(-32000);
		assertThat(json(delete).at("/error/message").asString()).contains("Mcp-Session-Id");
	}

	@Test
	void legacyAndModernClientsAreServedOnTheSameEndpointAtTheSameTime() throws Exception {
		String session = this.http.initialize();
		try {
			HttpResponse<String> legacyList = this.http.post(request(1001, "tools/list", null), session);
			assertThat(legacyList.statusCode()).isEqualTo(200);
			assertThat(json(legacyList).get("result").has("resultType")).as("legacy results are unchanged").isFalse();
			assertThat(json(legacyList).get("result").has("ttlMs")).isFalse();

			RawHttp legacyStream = RawHttp.exchange(this.port, "GET", "/mcp",
					Map.of("Accept", "text/event-stream", "Mcp-Session-Id", session), null, WAIT);
			this.opened.add(legacyStream);
			assertThat(legacyStream.status()).isEqualTo(200);
			SseEventReader legacyEvents = reader(legacyStream.body());
			assertThat(legacyEvents.next(WAIT).isPriming()).isTrue();

			RawHttp listen = listen("\"both\"", "{\"toolsListChanged\":true}");
			SseEventReader modernEvents = reader(listen.body());
			modernEvents.next(WAIT);
			await().atMost(WAIT).until(() -> this.server.subscriptionCount() == 1);

			HttpResponse<String> legacyCall = this.http.post(
					request(1002, "tools/call", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Old\"}}"), session);
			HttpResponse<String> modernCall = modern(1003, "tools/call", "greet",
					params("\"name\":\"greet\",\"arguments\":{\"name\":\"New\"}"));
			assertThat(json(legacyCall).at("/result/structuredContent/message").asString()).isEqualTo("Hello, Old!");
			assertThat(json(legacyCall).at("/result/resultType").isMissingNode()).isTrue();
			assertThat(json(modernCall).at("/result/structuredContent/message").asString()).isEqualTo("Hello, New!");
			assertThat(json(modernCall).at("/result/resultType").asString()).isEqualTo("complete");

			publishExtraTool();

			JsonNode legacyChanged = JSON.readTree(legacyEvents.next(WAIT).data());
			assertThat(legacyChanged.get("method").asString()).isEqualTo("notifications/tools/list_changed");
			assertThat(legacyChanged.at("/params/_meta").isMissingNode()).isTrue();
			JsonNode modernChanged = JSON.readTree(modernEvents.next(WAIT).data());
			assertThat(modernChanged.get("method").asString()).isEqualTo("notifications/tools/list_changed");
			assertThat(modernChanged.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asString())
				.isEqualTo("both");
		}
		finally {
			this.http.send("DELETE", Map.of("Mcp-Session-Id", session));
		}
	}

	@Test
	void legacyErrorsCarryTheRequestId() throws Exception {
		HttpResponse<String> unknownSession = this.http.post(request(7, "tools/list", null), "no-such-session");
		assertError(unknownSession, 404, 7, -32001, "Session not found");
		HttpResponse<String> noSession = post(request(8, "tools/list", null),
				Map.of("Content-Type", "application/json", "Accept", ACCEPT_BOTH));
		assertError(noSession, 400, 8, -32000, "Mcp-Session-Id");
	}

	// Mcp-Param-*

	@Test
	void publishedHeaderArgumentIsMarkedForAnMcpParamHeaderButACredentialIsNot() throws Exception {
		JsonNode region = tool("region");
		assertThat(region.at("/inputSchema/properties/X-Region/x-mcp-header").asString()).isEqualTo("X-Region");
		assertThat(region.at("/inputSchema/properties/X-Count/type").asString()).isEqualTo("integer");
		assertThat(region.at("/inputSchema/properties/X-Count/x-mcp-header").asString()).isEqualTo("X-Count");
		assertThat(region.at("/inputSchema/properties/X-Api-Key").isObject()).isTrue();
		assertThat(region.at("/inputSchema/properties/X-Api-Key").has("x-mcp-header")).isFalse();
		assertThat(tool("context").at("/inputSchema/properties/X-Tenant/x-mcp-header").asString())
			.isEqualTo("X-Tenant");
	}

	@Test
	void argumentWithoutItsMcpParamHeaderIsAHeaderMismatch() throws Exception {
		assertError(callRegion(1101, "\"X-Region\":\"Hello\"", Map.of()), 400, 1101, -32020, "Mcp-Param-X-Region");
	}

	@Test
	void matchingMcpParamHeaderPlainOrInBase64Succeeds() throws Exception {
		assertRegion(callRegion(1102, "\"X-Region\":\"Hello\"", Map.of("Mcp-Param-X-Region", "Hello")), "Hello");
		assertRegion(callRegion(1103, "\"X-Region\":\"Hello\"", Map.of("Mcp-Param-X-Region", "=?base64?SGVsbG8=?=")),
				"Hello");
		// Values that only look encoded are compared as they are.
		assertRegion(callRegion(1104, "\"X-Region\":\"SGVsbG8=\"", Map.of("Mcp-Param-X-Region", "SGVsbG8=")),
				"SGVsbG8=");
		assertRegion(callRegion(1105, "\"X-Region\":\"=?base64?SGVsbG8=\"",
				Map.of("Mcp-Param-X-Region", "=?base64?SGVsbG8=")), "=?base64?SGVsbG8=");
		// Outside visible ASCII a value must be encoded.
		assertRegion(callRegion(1106, "\"X-Region\":\"Hello, 世界\"",
				Map.of("Mcp-Param-X-Region", "=?base64?SGVsbG8sIOS4lueVjA==?=")), "Hello, 世界");
		// An argument that is absent needs no header; integers compare as numbers.
		HttpResponse<String> counted = callRegion(1107, "\"X-Region\":\"EU\",\"X-Count\":42",
				Map.of("Mcp-Param-X-Region", "EU", "Mcp-Param-X-Count", "42"));
		assertThat(json(counted).at("/result/structuredContent/message").asString())
			.isEqualTo("region=EU count=42 key=false");
	}

	@Test
	void badBase64InAnMcpParamHeaderIsAHeaderMismatch() throws Exception {
		assertError(callRegion(1108, "\"X-Region\":\"Hello\"", Map.of("Mcp-Param-X-Region", "=?base64?SGVsbG8?=")), 400,
				1108, -32020, "Mcp-Param-X-Region");
		assertError(callRegion(1109, "\"X-Region\":\"Hello\"", Map.of("Mcp-Param-X-Region", "=?base64?SGVs!!!bG8=?=")),
				400, 1109, -32020, "Mcp-Param-X-Region");
	}

	@Test
	void mcpParamHeaderOtherThanTheArgumentIsAHeaderMismatch() throws Exception {
		assertError(callRegion(1110, "\"X-Region\":\"Hello\"", Map.of("Mcp-Param-X-Region", "Goodbye")), 400, 1110,
				-32020, "Mcp-Param-X-Region");
		assertError(callRegion(1111, "\"X-Region\":\"Hello\"", Map.of("Mcp-Param-X-Region", "hello")), 400, 1111,
				-32020, "Mcp-Param-X-Region");
		assertError(callRegion(1112, "\"X-Region\":\"EU\",\"X-Count\":42",
				Map.of("Mcp-Param-X-Region", "EU", "Mcp-Param-X-Count", "43")), 400, 1112, -32020, "Mcp-Param-X-Count");
	}

	@Test
	void mcpParamHeaderForAnArgumentWithoutValueIsStillChecked() throws Exception {
		// A recognised header with invalid characters is refused whatever the body holds.
		assertError(callRegion(1113, "\"X-Region\":\"EU\"",
				Map.of("Mcp-Param-X-Region", "EU", "Mcp-Param-X-Count", "=?base64?SGVs!!!bG8=?=")), 400, 1113, -32020,
				"Mcp-Param-X-Count");
		// A header that repeats a value the body does not have does not match it.
		assertError(callRegion(1114, "\"X-Region\":\"EU\"",
				Map.of("Mcp-Param-X-Region", "EU", "Mcp-Param-X-Count", "42")), 400, 1114, -32020, "Mcp-Param-X-Count");
		assertError(callRegion(1115, "\"X-Region\":\"EU\",\"X-Count\":null",
				Map.of("Mcp-Param-X-Region", "EU", "Mcp-Param-X-Count", "42")), 400, 1115, -32020, "Mcp-Param-X-Count");
		// Without the header, an absent or null argument is fine.
		assertThat(json(callRegion(1116, "\"X-Region\":\"EU\",\"X-Count\":null", Map.of("Mcp-Param-X-Region", "EU")))
			.at("/result/structuredContent/message")
			.asString()).isEqualTo("region=EU count=null key=false");
	}

	@Test
	void callOfAHiddenToolIsAnsweredAsForAToolThatDoesNotExist() throws Exception {
		assertThat(json(modern(1301, "tools/list", null, params(""))).at("/result/tools").toString())
			.doesNotContain("hidden_region");
		// Its arguments are not checked against headers: a HeaderMismatch would reveal that it exists.
		assertError(callTool(1302, "hidden_region", "{\"X-Region\":\"EU\"}", Map.of()), 200, 1302, -32602,
				"Unknown tool: hidden_region");
		assertError(callTool(1303, "hidden_region", "{\"X-Region\":\"EU\"}", Map.of("Mcp-Param-X-Region", "US")), 200,
				1303, -32602, "Unknown tool: hidden_region");
		assertError(callTool(1304, "no_such_tool", "{\"X-Region\":\"EU\"}", Map.of()), 200, 1304, -32602,
				"Unknown tool: no_such_tool");
	}

	// Origin

	@Test
	void discoverFromAForeignOriginIsForbiddenAndFromTheLocalOneServed() throws Exception {
		HttpResponse<String> foreign = post(request(1201, "server/discover", params("")),
				with(headers("server/discover", null), "Origin", "http://evil.example.com"));
		assertThat(foreign.statusCode()).isEqualTo(403);
		assertThat(json(foreign).at("/error/code").isIntegralNumber()).isTrue();
		HttpResponse<String> local = post(request(1202, "server/discover", params("")),
				with(headers("server/discover", null), "Origin", "http://localhost:" + this.port));
		assertThat(local.statusCode()).isEqualTo(200);
		assertThat(json(local).at("/result/resultType").asString()).isEqualTo("complete");
	}

	// Notifications

	@Test
	void modernNotificationIsAcceptedWith202() throws Exception {
		String body = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\",\"params\":" + params("") + "}";
		HttpResponse<String> response = post(body, headers("notifications/whatever", null));
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).isEmpty();
	}

	/** {@code mcp.server.tools.cache-ttl} sets {@code ttlMs}. */
	@Nested
	@TestPropertySource(properties = "mcp.server.tools.cache-ttl=90s")
	class ConfiguredCacheTtl {

		@LocalServerPort
		private int nestedPort;

		@Test
		void discoverAndToolsListCarryTheConfiguredTtl() throws Exception {
			McpHttp nested = new McpHttp(URI.create("http://localhost:" + this.nestedPort + "/mcp"));
			for (String method : List.of("server/discover", "tools/list")) {
				HttpResponse<String> response = nested.post(request(1, method, params("")), headers(method, null));
				assertThat(json(response).at("/result/ttlMs").asLong()).as(method).isEqualTo(90_000);
			}
		}

	}

	// Helpers

	private HttpResponse<String> callRegion(Object id, String arguments, Map<String, String> paramHeaders)
			throws Exception {
		return callTool(id, "region", "{" + arguments + "}", paramHeaders);
	}

	private HttpResponse<String> callTool(Object id, String name, String arguments, Map<String, String> paramHeaders)
			throws Exception {
		Map<String, String> headers = new LinkedHashMap<>(headers("tools/call", name));
		headers.putAll(paramHeaders);
		return post(request(id, "tools/call", params("\"name\":\"" + name + "\",\"arguments\":" + arguments)), headers);
	}

	private static void assertRegion(HttpResponse<String> response, String region) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json(response).at("/result/isError").asBoolean()).as(response.body()).isFalse();
		assertThat(json(response).at("/result/structuredContent/message").asString())
			.isEqualTo("region=" + region + " count=null key=false");
	}

	private JsonNode tool(String name) throws Exception {
		for (JsonNode tool : json(modern(1, "tools/list", null, params(""))).at("/result/tools")) {
			if (tool.get("name").asString().equals(name)) {
				return tool;
			}
		}
		throw new AssertionError("no tool " + name);
	}

	private RawHttp listen(String id, String notifications) throws Exception {
		RawHttp exchange = RawHttp.exchange(this.port, "POST", "/mcp", headers("subscriptions/listen", null),
				request(id, "subscriptions/listen", params("\"notifications\":" + notifications)), WAIT);
		this.opened.add(exchange);
		return exchange;
	}

	private void publishExtraTool() {
		List<RegisteredTool> tools = new ArrayList<>(this.originalTools);
		ObjectNode schema = JsonNodeFactory.instance.objectNode();
		schema.put("type", "object");
		tools.add(new RegisteredTool(new Tool("extra", null, "A tool published by the test", schema, null, null),
				(arguments, context) -> CallToolResult.text("extra")));
		this.registry.publish(tools);
	}

	/** The messages of a call answered with its own SSE stream, which ends with the result. */
	private List<JsonNode> streamed(String body, String name) throws Exception {
		HttpResponse<InputStream> response = this.client.send(builder(headers("tools/call", name))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
		List<JsonNode> messages = new ArrayList<>();
		try (SseEventReader events = new SseEventReader(response.body())) {
			SseEvent event;
			while ((event = events.poll(WAIT)) != null) {
				assertThat(event.data()).doesNotContain("\n");
				messages.add(JSON.readTree(event.data()));
			}
		}
		return messages;
	}

	private SseEventReader reader(InputStream body) {
		SseEventReader reader = new SseEventReader(body);
		this.opened.add(reader);
		return reader;
	}

	private HttpRequest.Builder builder(Map<String, String> headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/mcp"))
			.timeout(WAIT);
		headers.forEach(builder::header);
		return builder;
	}

	private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
		return this.http.post(body, headers);
	}

	/** A modern request with conformant headers. */
	private HttpResponse<String> modern(Object id, String method, String name, String params) throws Exception {
		return post(request(id, method, params), headers(method, name));
	}

	/** The headers a conformant 2026-07-28 client sends. */
	private static Map<String, String> headers(String method, String name) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("Accept", ACCEPT_BOTH);
		headers.put("MCP-Protocol-Version", VERSION);
		headers.put("Mcp-Method", method);
		if (name != null) {
			headers.put("Mcp-Name", name);
		}
		return headers;
	}

	private static Map<String, String> with(Map<String, String> headers, String name, String value) {
		Map<String, String> changed = new LinkedHashMap<>(headers);
		changed.put(name, value);
		return changed;
	}

	private static Map<String, String> without(Map<String, String> headers, String name) {
		Map<String, String> changed = new LinkedHashMap<>(headers);
		changed.remove(name);
		return changed;
	}

	/** Params with the modern {@code _meta}, then the given fields. */
	private static String params(String fields) {
		return paramsWithMeta("", fields);
	}

	private static String paramsWithMeta(String extraMeta, String fields) {
		return "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION + "\","
				+ "\"io.modelcontextprotocol/clientCapabilities\":{},"
				+ "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"modern-test\",\"version\":\"1.0\"}"
				+ (extraMeta.isEmpty() ? "" : "," + extraMeta) + "}" + (fields.isEmpty() ? "" : "," + fields) + "}";
	}

	private static String base64(String value) {
		return "=?base64?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

	/** Asserts a JSON-RPC error answer and returns its {@code error}. */
	private static JsonNode assertError(HttpResponse<String> response, int status, Object id, int code,
			String messagePart) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = json(response);
		assertThat(body.get("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(JSON.writeValueAsString(body.get("id"))).as("id echoed").isEqualTo(JSON.writeValueAsString(id));
		assertThat(body.has("result")).isFalse();
		JsonNode error = body.get("error");
		assertThat(error.get("code").asInt()).as(response.body()).isEqualTo(code);
		assertThat(error.get("message").asString()).as(response.body()).contains(messagePart);
		return error;
	}

}
