package io.github.mcpstarter.transport.streamable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.FixtureApplication;
import io.github.mcpstarter.protocol.McpSessionStore;

import static io.github.mcpstarter.transport.streamable.McpHttp.ACCEPT_BOTH;
import static io.github.mcpstarter.transport.streamable.McpHttp.json;
import static io.github.mcpstarter.transport.streamable.McpHttp.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Streamable HTTP in stateless mode: no sessions, every POST served on its own, and no stream.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.server.streamable-http.stateless=true", "mcp.server.session.keep-alive-interval=200ms" })
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamableHttpStatelessTests {

	private static final Map<String, String> NO_SESSION = Map.of("Content-Type", "application/json", "Accept",
			ACCEPT_BOTH);

	@LocalServerPort
	private int port;

	@Autowired
	private McpSessionStore sessions;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private McpHttp http;

	@BeforeEach
	void setUp() {
		this.http = new McpHttp(URI.create("http://localhost:" + this.port + "/mcp"));
	}

	@Test
	void initializeAnswersWithoutASessionId() throws Exception {
		int before = this.sessions.size();
		HttpResponse<String> response = this.http.post(McpHttp.initializeRequest("2025-11-25"), NO_SESSION);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
		assertThat(json(response).at("/result/protocolVersion").asString()).isEqualTo("2025-11-25");
		assertThat(this.sessions.size()).isEqualTo(before);
	}

	@Test
	void toolsListAndToolsCallWorkWithoutASessionHeader() throws Exception {
		HttpResponse<String> list = this.http.post(request(1, "tools/list", null), NO_SESSION);
		assertThat(list.statusCode()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		json(list).at("/result/tools").forEach((tool) -> names.add(tool.get("name").asString()));
		assertThat(names).contains("greet", "progress", "slow");
		HttpResponse<String> call = this.http
			.post(request(2, "tools/call", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}"), NO_SESSION);
		assertThat(call.statusCode()).isEqualTo(200);
		assertThat(json(call).at("/result/structuredContent/message").asString()).isEqualTo("Hello, Ada!");
		HttpResponse<String> ping = this.http.post(request(3, "ping", null), NO_SESSION);
		assertThat(json(ping).get("result").isObject()).isTrue();
	}

	@Test
	void aSessionHeaderIsIgnored() throws Exception {
		HttpResponse<String> ping = this.http.post(request(4, "ping", null), Map.of("Content-Type",
				"application/json", "Accept", ACCEPT_BOTH, "Mcp-Session-Id", "whatever"));
		assertThat(ping.statusCode()).isEqualTo(200);
	}

	@Test
	void progressStillStreamsOnThePostsResponse() throws Exception {
		HttpResponse<String> response = this.http.post(request(5, "tools/call",
				"{\"name\":\"progress\",\"arguments\":{\"steps\":2},\"_meta\":{\"progressToken\":\"x\"}}"),
				NO_SESSION);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.body()).contains("\"progressToken\":\"x\"", "done 2");
	}

	@Test
	void getAndDeleteAreRefusedWith405() throws Exception {
		HttpResponse<String> get = this.http.send("GET", Map.of("Accept", "text/event-stream"));
		assertThat(get.statusCode()).isEqualTo(405);
		assertThat(get.headers().firstValue("Allow")).hasValue("POST");
		HttpResponse<String> getWithSession = this.http.send("GET",
				Map.of("Accept", "text/event-stream", "Mcp-Session-Id", "anything"));
		assertThat(getWithSession.statusCode()).isEqualTo(405);
		HttpResponse<String> delete = this.http.send("DELETE", Map.of("Mcp-Session-Id", "anything"));
		assertThat(delete.statusCode()).isEqualTo(405);
		assertThat(delete.headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void concurrentCallsFromDifferentClientsMayUseTheSameRequestId() throws Exception {
		int started = FixtureApplication.SLOW_STARTED.get();
		CompletableFuture<HttpResponse<String>> slow = postAsync(
				request(1, "tools/call", "{\"name\":\"slow\",\"arguments\":{\"millis\":1500}}"));
		await().atMost(Duration.ofSeconds(10)).until(() -> FixtureApplication.SLOW_STARTED.get() > started);

		// Another client, which knows nothing of the first, numbers its requests from 1 too.
		HttpResponse<String> greet = this.http
			.post(request(1, "tools/call", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Bo\"}}"), NO_SESSION);
		assertThat(json(greet).has("error")).as(greet.body()).isFalse();
		assertThat(json(greet).at("/result/structuredContent/message").asString()).isEqualTo("Hello, Bo!");
		assertThat(json(slow.get(10, TimeUnit.SECONDS)).at("/result/structuredContent/message").asString())
			.isEqualTo("slept 1500");
	}

	@Test
	void cancellationFromAnotherClientDoesNotCancelACall() throws Exception {
		int started = FixtureApplication.SLOW_STARTED.get();
		int interrupted = FixtureApplication.SLOW_INTERRUPTED.get();
		CompletableFuture<HttpResponse<String>> slow = postAsync(
				request(7, "tools/call", "{\"name\":\"slow\",\"arguments\":{\"millis\":1500}}"));
		await().atMost(Duration.ofSeconds(10)).until(() -> FixtureApplication.SLOW_STARTED.get() > started);

		HttpResponse<String> cancel = this.http.post(
				"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":7}}",
				NO_SESSION);
		assertThat(cancel.statusCode()).isEqualTo(202);

		HttpResponse<String> answer = slow.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(json(answer).at("/result/structuredContent/message").asString()).isEqualTo("slept 1500");
		assertThat(FixtureApplication.SLOW_INTERRUPTED.get()).isEqualTo(interrupted);
	}

	private CompletableFuture<HttpResponse<String>> postAsync(String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/mcp"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", ACCEPT_BOTH)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
