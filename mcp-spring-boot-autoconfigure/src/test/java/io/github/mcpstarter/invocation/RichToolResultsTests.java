package io.github.mcpstarter.invocation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.AudioContent;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.ContentApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Richer tool results from ordinary endpoints, as the official MCP Java SDK client receives them
 * over both transports: images, audio, embedded resources, several blocks from one multipart
 * response, and log messages that follow {@code logging/setLevel}. The same endpoints stay
 * ordinary REST endpoints.
 */
@SpringBootTest(classes = ContentApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RichToolResultsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private final List<McpSchema.LoggingMessageNotification> logs = new CopyOnWriteArrayList<>();

	private McpSyncClient client;

	@AfterEach
	void close() {
		if (this.client != null) {
			this.client.closeGracefully();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void anImageResponseIsAnImageBlock(String transport) {
		CallToolResult result = call(transport, "logo");

		assertThat(result.isError()).isFalse();
		assertThat(result.content()).singleElement().isInstanceOfSatisfying(ImageContent.class, (image) -> {
			assertThat(image.mimeType()).isEqualTo("image/png");
			assertThat(Base64.getDecoder().decode(image.data())).isEqualTo(ContentApplication.PNG);
		});
		assertThat(result.structuredContent()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void anAudioResponseIsAnAudioBlock(String transport) {
		CallToolResult result = call(transport, "chime");

		assertThat(result.content()).singleElement().isInstanceOfSatisfying(AudioContent.class, (audio) -> {
			assertThat(audio.mimeType()).isEqualTo("audio/wav");
			assertThat(Base64.getDecoder().decode(audio.data())).isEqualTo(ContentApplication.WAV);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void aResponseWithContentLocationIsAnEmbeddedResourceAtThatUri(String transport) {
		CallToolResult result = call(transport, "notes");

		assertThat(result.content()).singleElement()
			.isInstanceOfSatisfying(EmbeddedResource.class, (embedded) -> assertThat(embedded.resource())
				.isInstanceOfSatisfying(TextResourceContents.class, (text) -> {
					// Relative to the endpoint's URL, as HTTP resolves it.
					assertThat(text.uri()).isEqualTo("http://localhost:" + this.port + "/docs/release-notes.md");
					assertThat(text.mimeType()).isEqualTo("text/markdown");
					assertThat(text.text()).isEqualTo("# Notes\nGrüße");
				}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void bytesThatAreNotTextImageOrAudioAreABlobResourceAtTheEndpointsUrl(String transport) {
		CallToolResult result = call(transport, "invoice");

		assertThat(result.content()).singleElement()
			.isInstanceOfSatisfying(EmbeddedResource.class, (embedded) -> assertThat(embedded.resource())
				.isInstanceOfSatisfying(BlobResourceContents.class, (blob) -> {
					assertThat(blob.uri()).isEqualTo("http://localhost:" + this.port + "/invoice");
					assertThat(blob.mimeType()).isEqualTo("application/pdf");
					assertThat(Base64.getDecoder().decode(blob.blob())).isEqualTo(ContentApplication.PDF);
				}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void aMultipartResponseIsOneBlockPerPartInOrder(String transport) {
		CallToolResult result = call(transport, "report");

		assertThat(result.isError()).isFalse();
		assertThat(result.content()).hasSize(4);
		assertThat(result.content().get(0)).isInstanceOfSatisfying(TextContent.class,
				(text) -> assertThat(text.text()).isEqualTo("Sales are up — 5 %"));
		assertThat(result.content().get(1)).isInstanceOfSatisfying(ImageContent.class, (image) -> {
			assertThat(image.mimeType()).isEqualTo("image/png");
			assertThat(Base64.getDecoder().decode(image.data())).isEqualTo(ContentApplication.PNG);
		});
		assertThat(result.content().get(2)).isInstanceOfSatisfying(EmbeddedResource.class,
				(embedded) -> assertThat(embedded.resource()).isInstanceOfSatisfying(TextResourceContents.class, (text) -> {
					assertThat(text.uri()).isEqualTo("report://2026/q3");
					assertThat(text.mimeType()).isEqualTo("application/json");
					assertThat(JSON.readTree(text.text())).isEqualTo(JSON.readTree("{\"region\":\"EU\",\"growth\":5}"));
				}));
		assertThat(result.content().get(3)).isInstanceOfSatisfying(AudioContent.class,
				(audio) -> assertThat(Base64.getDecoder().decode(audio.data())).isEqualTo(ContentApplication.WAV));
	}

	@ParameterizedTest
	@ValueSource(strings = { "streamable", "sse" })
	void logMessagesReachTheClientFromInfoUntilItAsksForMore(String transport) throws Exception {
		CallToolResult result = call(transport, "importing");

		assertThat(result.content()).singleElement()
			.isInstanceOfSatisfying(TextContent.class, (text) -> assertThat(text.text()).isEqualTo("imported"));
		awaitLogs(3);
		// The Java SDK client hands notifications to the consumer on several threads, so their order
		// is its own; aLogMessageCanBeAnyJson... checks the order on the wire.
		assertThat(this.logs).extracting(McpSchema.LoggingMessageNotification::level)
			.containsExactlyInAnyOrder(McpSchema.LoggingLevel.INFO, McpSchema.LoggingLevel.NOTICE,
					McpSchema.LoggingLevel.WARNING);
		assertThat(this.logs).extracting(McpSchema.LoggingMessageNotification::logger).containsOnly("importing");
		assertThat(this.logs).extracting(McpSchema.LoggingMessageNotification::data).contains("Importing 3 rows");

		this.logs.clear();
		this.client.setLoggingLevel(McpSchema.LoggingLevel.DEBUG);
		this.client.callTool(McpSchema.CallToolRequest.builder("importing").arguments(Map.of()).build());
		awaitLogs(4);
		assertThat(this.logs).filteredOn((log) -> log.level() == McpSchema.LoggingLevel.DEBUG)
			.extracting(McpSchema.LoggingMessageNotification::data)
			.containsExactly("Connecting");

		this.logs.clear();
		this.client.setLoggingLevel(McpSchema.LoggingLevel.WARNING);
		this.client.callTool(McpSchema.CallToolRequest.builder("importing").arguments(Map.of()).build());
		awaitLogs(1);
		Thread.sleep(200);
		assertThat(this.logs).extracting(McpSchema.LoggingMessageNotification::data).containsExactly("Row 2 skipped");
	}

	@Test
	void aLogMessageCanBeAnyJsonAndTurnsTheCallsResponseIntoAStream() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI endpoint = URI.create("http://localhost:" + this.port + "/mcp");
		HttpResponse<String> initialized = http.send(mcpPost(endpoint, null,
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
						+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}"),
				HttpResponse.BodyHandlers.ofString());
		String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();

		HttpResponse<String> counted = http.send(mcpPost(endpoint, session,
				"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"count\",\"arguments\":{}}}"),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> listed = http.send(mcpPost(endpoint, session,
				"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}"), HttpResponse.BodyHandlers.ofString());

		assertThat(counted.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		List<JsonNode> events = counted.body()
			.lines()
			.filter((line) -> line.startsWith("data:"))
			.map((line) -> JSON.readTree(line.substring(5)))
			.toList();
		assertThat(events).hasSize(2);
		assertThat(events.get(0).at("/method").asString()).isEqualTo("notifications/message");
		assertThat(events.get(0).at("/params/level").asString()).isEqualTo("info");
		assertThat(events.get(0).at("/params/logger").asString()).isEqualTo("count");
		assertThat(events.get(0).at("/params/data")).isEqualTo(JSON.readTree("{\"rows\":3,\"skipped\":1}"));
		assertThat(events.get(1).at("/id").asInt()).isEqualTo(2);
		assertThat(events.get(1).at("/result/content/0/text").asString()).isEqualTo("counted");
		// A request that sends nothing before its answer is answered with plain JSON.
		assertThat(listed.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
	}

	@Test
	void theResultIsTheLastEventEvenWhileAnotherThreadOfTheToolGoesOnLogging() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI endpoint = URI.create("http://localhost:" + this.port + "/mcp");
		String session = http.send(mcpPost(endpoint, null,
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
						+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}"),
				HttpResponse.BodyHandlers.ofString()).headers().firstValue("Mcp-Session-Id").orElseThrow();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> response = http.send(mcpPost(endpoint, session,
					"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"late\",\"arguments\":{}}}"),
					HttpResponse.BodyHandlers.ofString());
			List<JsonNode> events = response.body()
				.lines()
				.filter((line) -> line.startsWith("data:"))
				.map((line) -> JSON.readTree(line.substring(5)))
				.toList();

			assertThat(events.get(0).at("/params/data").asString()).isEqualTo("started");
			assertThat(events).filteredOn((event) -> event.has("result")).hasSize(1);
			assertThat(events.get(events.size() - 1).at("/result/content/0/text").asString()).isEqualTo("returned");
			assertThat(events).extracting((event) -> event.at("/params/data").asString(""))
				.contains("an unwritable value");
		}
	}

	private static HttpRequest mcpPost(URI endpoint, String session, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (session != null) {
			request.header("Mcp-Session-Id", session);
		}
		return request.build();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/logo", "/report", "/invoice" })
	void theEndpointsStayOrdinaryRestEndpoints(String path) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(200);
		Function<String, String> header = (name) -> response.headers().firstValue(name).orElse("");
		switch (path) {
			case "/logo" -> {
				assertThat(header.apply("Content-Type")).isEqualTo("image/png");
				assertThat(response.body()).isEqualTo(ContentApplication.PNG);
			}
			case "/invoice" -> assertThat(response.body()).isEqualTo(ContentApplication.PDF);
			default -> {
				assertThat(header.apply("Content-Type")).startsWith("multipart/mixed;").contains("boundary=");
				assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("Sales are up — 5 %")
					.contains("Content-Location: report://2026/q3");
			}
		}
	}

	private CallToolResult call(String transport, String tool) {
		String base = "http://localhost:" + this.port;
		JacksonMcpJsonMapper json = new JacksonMcpJsonMapper(JsonMapper.builder().build());
		McpClient.SyncSpec spec = "sse".equals(transport)
				? McpClient.sync(HttpClientSseClientTransport.builder(base).jsonMapper(json).build())
				: McpClient.sync(HttpClientStreamableHttpTransport.builder(base).jsonMapper(json).build());
		this.client = spec.requestTimeout(Duration.ofSeconds(20)).loggingConsumer(this.logs::add).build();
		this.client.initialize();
		return this.client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(Map.of()).build());
	}

	private void awaitLogs(int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.logs.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.logs).as("log messages received").hasSizeGreaterThanOrEqualTo(count);
	}

}
