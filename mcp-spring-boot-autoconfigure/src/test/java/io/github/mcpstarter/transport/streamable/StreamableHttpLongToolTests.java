package io.github.mcpstarter.transport.streamable;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.fixture.FixtureApplication;
import io.github.mcpstarter.transport.SseEvent;
import io.github.mcpstarter.transport.SseEventReader;

import static io.github.mcpstarter.transport.streamable.McpHttp.ACCEPT_BOTH;
import static io.github.mcpstarter.transport.streamable.McpHttp.json;
import static io.github.mcpstarter.transport.streamable.McpHttp.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Long-running tools over Streamable HTTP: progress notifications on the POST's own SSE response,
 * and cancellation with {@code notifications/cancelled}, which interrupts the tool and leaves the
 * session (and the thread that ran the tool) fit for more.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.server.session.keep-alive-interval=200ms", "mcp.server.tools.interrupt-on-cancel=true" })
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamableHttpLongToolTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private McpHttp http;

	private String session;

	@BeforeEach
	void initialize() throws Exception {
		this.http = new McpHttp(URI.create("http://localhost:" + this.port + "/mcp"));
		this.session = this.http.initialize();
	}

	@AfterEach
	void endSession() throws Exception {
		this.http.send("DELETE", Map.of("Mcp-Session-Id", this.session));
	}

	@Test
	void toolCallWithProgressTokenIsAnsweredWithAStreamOfProgressThenTheResult() throws Exception {
		HttpResponse<String> response = this.http.post(request(31, "tools/call",
				"{\"name\":\"progress\",\"arguments\":{\"steps\":5},\"_meta\":{\"progressToken\":\"tok-1\"}}"),
				this.session);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		List<JsonNode> messages = messages(response.body());
		assertThat(messages).hasSize(6);
		for (int step = 1; step <= 5; step++) {
			JsonNode progress = messages.get(step - 1);
			assertThat(progress.get("method").asString()).isEqualTo("notifications/progress");
			assertThat(progress.has("id")).isFalse();
			assertThat(progress.at("/params/progressToken").isString()).isTrue();
			assertThat(progress.at("/params/progressToken").asString()).isEqualTo("tok-1");
			assertThat(progress.at("/params/progress").asDouble()).isEqualTo(step);
			assertThat(progress.at("/params/total").asDouble()).isEqualTo(5);
			assertThat(progress.at("/params/message").asString()).isEqualTo("step " + step);
		}
		JsonNode result = messages.get(5);
		assertThat(result.get("id").asInt()).isEqualTo(31);
		assertThat(result.at("/result/isError").asBoolean()).isFalse();
		assertThat(result.at("/result/structuredContent/message").asString()).isEqualTo("done 5");
	}

	@Test
	void numericProgressTokenIsEchoedAsANumber() throws Exception {
		HttpResponse<String> response = this.http.post(request(32, "tools/call",
				"{\"name\":\"progress\",\"arguments\":{\"steps\":2},\"_meta\":{\"progressToken\":7}}"), this.session);
		List<JsonNode> messages = messages(response.body());
		assertThat(messages).hasSize(3);
		assertThat(messages.get(0).at("/params/progressToken").isIntegralNumber()).isTrue();
		assertThat(messages.get(0).at("/params/progressToken").asLong()).isEqualTo(7);
		assertThat(messages.get(2).get("id").asInt()).isEqualTo(32);
	}

	@Test
	void progressArrivesWhileTheToolRunsNotAllAtTheEnd() throws Exception {
		long start = System.nanoTime();
		HttpResponse<InputStream> response = this.client.send(HttpRequest.newBuilder(endpoint())
			.timeout(WAIT)
			.header("Content-Type", "application/json")
			.header("Accept", ACCEPT_BOTH)
			.header("Mcp-Session-Id", this.session)
			.POST(HttpRequest.BodyPublishers.ofString(request(33, "tools/call",
					"{\"name\":\"slow\",\"arguments\":{\"millis\":1500},\"_meta\":{\"progressToken\":\"t\"}}")))
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (SseEventReader events = new SseEventReader(response.body())) {
			SseEvent sleeping = events.next(WAIT);
			Duration firstEvent = Duration.ofNanos(System.nanoTime() - start);
			assertThat(JSON.readTree(sleeping.data()).at("/params/message").asString()).isEqualTo("sleeping");
			// The tool sleeps 1.5 s after its first report: the report comes well before that.
			assertThat(firstEvent).isLessThan(Duration.ofMillis(1000));
			JsonNode result = JSON.readTree(events.next(WAIT).data());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
			assertThat(result.at("/result/structuredContent/message").asString()).isEqualTo("slept 1500");
			assertThat(events.awaitEnd(WAIT)).isTrue();
		}
	}

	@Test
	void toolCallWithoutProgressTokenIsAnsweredWithPlainJson() throws Exception {
		HttpResponse<String> response = this.http
			.post(request(34, "tools/call", "{\"name\":\"progress\",\"arguments\":{\"steps\":3}}"), this.session);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode body = json(response);
		assertThat(body.get("id").asInt()).isEqualTo(34);
		assertThat(body.at("/result/structuredContent/message").asString()).isEqualTo("done 3");
	}

	@Test
	void clientThatAcceptsOnlyJsonGetsPlainJsonEvenWithAProgressToken() throws Exception {
		HttpResponse<String> response = this.http.post(request(35, "tools/call",
				"{\"name\":\"progress\",\"arguments\":{\"steps\":3},\"_meta\":{\"progressToken\":\"p\"}}"),
				Map.of("Content-Type", "application/json", "Accept", "application/json", "Mcp-Session-Id",
						this.session));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(json(response).at("/result/structuredContent/message").asString()).isEqualTo("done 3");
	}

	@Test
	void cancellationInterruptsTheToolAndItsRequestGetsNoResult() throws Exception {
		int started = FixtureApplication.SLOW_STARTED.get();
		int interrupted = FixtureApplication.SLOW_INTERRUPTED.get();
		CompletableFuture<HttpResponse<String>> slow = postAsync(
				request(41, "tools/call", "{\"name\":\"slow\",\"arguments\":{\"millis\":30000}}"), ACCEPT_BOTH);
		await().atMost(WAIT).until(() -> FixtureApplication.SLOW_STARTED.get() > started);

		long cancelledAt = System.nanoTime();
		HttpResponse<String> cancel = this.http.post(
				"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":41,"
						+ "\"reason\":\"the user changed their mind\"}}",
				this.session);
		assertThat(cancel.statusCode()).isEqualTo(202);
		assertThat(cancel.body()).isEmpty();

		HttpResponse<String> answer = slow.get(10, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(5));
		assertNoResponseTo(answer, 41);
		await().atMost(WAIT).until(() -> FixtureApplication.SLOW_INTERRUPTED.get() > interrupted);
		assertSessionStillServes();
	}

	@Test
	void cancellationOfAStreamedCallEndsItsStreamWithoutAResult() throws Exception {
		int started = FixtureApplication.SLOW_STARTED.get();
		int interrupted = FixtureApplication.SLOW_INTERRUPTED.get();
		CompletableFuture<HttpResponse<String>> slow = postAsync(request("\"slow-42\"", "tools/call",
				"{\"name\":\"slow\",\"arguments\":{\"millis\":30000},\"_meta\":{\"progressToken\":\"s42\"}}"),
				ACCEPT_BOTH);
		await().atMost(WAIT).until(() -> FixtureApplication.SLOW_STARTED.get() > started);

		HttpResponse<String> cancel = this.http.post(
				"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"slow-42\"}}",
				this.session);
		assertThat(cancel.statusCode()).isEqualTo(202);

		HttpResponse<String> answer = slow.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		List<JsonNode> messages = messages(answer.body());
		// The progress the tool reported before it was cancelled, and nothing after.
		assertThat(messages).allSatisfy(
				(message) -> assertThat(message.get("method").asString()).isEqualTo("notifications/progress"));
		await().atMost(WAIT).until(() -> FixtureApplication.SLOW_INTERRUPTED.get() > interrupted);
		assertSessionStillServes();
	}

	@Test
	void cancellationFromAnotherSessionDoesNotCancel() throws Exception {
		String other = this.http.initialize();
		int started = FixtureApplication.SLOW_STARTED.get();
		CompletableFuture<HttpResponse<String>> slow = postAsync(
				request(43, "tools/call", "{\"name\":\"slow\",\"arguments\":{\"millis\":1500}}"), ACCEPT_BOTH);
		await().atMost(WAIT).until(() -> FixtureApplication.SLOW_STARTED.get() > started);

		HttpResponse<String> cancel = this.http.post(
				"{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":43}}", other);
		assertThat(cancel.statusCode()).isEqualTo(202);

		HttpResponse<String> answer = slow.get(10, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(json(answer).at("/result/structuredContent/message").asString()).isEqualTo("slept 1500");
	}

	@Test
	void cancellationOfAnUnknownOrFinishedRequestIsAcceptedAndChangesNothing() throws Exception {
		HttpResponse<String> greet = this.http.post(
				request(44, "tools/call", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}"), this.session);
		assertThat(greet.statusCode()).isEqualTo(200);
		for (String requestId : List.of("44", "\"never-sent\"")) {
			HttpResponse<String> cancel = this.http.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
					+ "\"params\":{\"requestId\":" + requestId + "}}", this.session);
			assertThat(cancel.statusCode()).isEqualTo(202);
		}
		assertSessionStillServes();
	}

	private CompletableFuture<HttpResponse<String>> postAsync(String body, String accept) {
		HttpRequest request = HttpRequest.newBuilder(endpoint())
			.timeout(Duration.ofSeconds(45))
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.header("Mcp-Session-Id", this.session)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** The answer to a cancelled request: no content, or a stream without a response for it. */
	private static void assertNoResponseTo(HttpResponse<String> answer, int id) throws Exception {
		if (answer.statusCode() == 204) {
			assertThat(answer.body()).isEmpty();
			return;
		}
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		for (JsonNode message : messages(answer.body())) {
			assertThat(message.has("method")).as("only notifications: %s", message).isTrue();
		}
	}

	/**
	 * After a cancellation the session serves on, and so do the server's threads: enough calls that
	 * the worker thread that ran the cancelled tool serves some of them, one of which blocks (an
	 * interrupt left behind would cut it short).
	 */
	private void assertSessionStillServes() throws Exception {
		HttpResponse<String> ping = this.http.post(request(90, "ping", null), this.session);
		assertThat(ping.statusCode()).isEqualTo(200);
		assertThat(json(ping).get("result").isObject()).isTrue();
		for (int i = 0; i < 30; i++) {
			HttpResponse<String> greet = this.http.post(
					request(91 + i, "tools/call", "{\"name\":\"greet\",\"arguments\":{\"name\":\"n" + i + "\"}}"),
					this.session);
			assertThat(greet.statusCode()).isEqualTo(200);
			assertThat(json(greet).at("/result/isError").asBoolean()).as(greet.body()).isFalse();
			assertThat(json(greet).at("/result/structuredContent/message").asString()).isEqualTo("Hello, n" + i + "!");
		}
		// A tool that blocks is not cut short by a stale interrupt either.
		HttpResponse<String> slow = this.http.post(
				request(130, "tools/call", "{\"name\":\"slow\",\"arguments\":{\"millis\":50}}"), this.session);
		assertThat(json(slow).at("/result/structuredContent/message").asString()).isEqualTo("slept 50");
	}

	/** The JSON-RPC messages of an SSE body that has ended. */
	private static List<JsonNode> messages(String body) throws Exception {
		List<JsonNode> messages = new ArrayList<>();
		try (SseEventReader events = new SseEventReader(
				new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))) {
			SseEvent event;
			while ((event = events.poll(WAIT)) != null) {
				assertThat(event.event()).isEqualTo("message");
				assertThat(event.id()).as("events of a POST's stream carry no id").isNull();
				messages.add(JSON.readTree(event.data()));
			}
		}
		return messages;
	}

	private URI endpoint() {
		return URI.create("http://localhost:" + this.port + "/mcp");
	}

}
