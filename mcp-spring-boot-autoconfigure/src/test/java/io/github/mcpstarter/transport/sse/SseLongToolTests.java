package io.github.mcpstarter.transport.sse;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.fixture.FixtureApplication;
import io.github.mcpstarter.transport.SseEvent;

import static io.github.mcpstarter.transport.sse.LegacySseClient.WAIT;
import static io.github.mcpstarter.transport.sse.LegacySseClient.idOf;
import static io.github.mcpstarter.transport.sse.LegacySseClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Long-running tools over the legacy HTTP+SSE transport: progress notifications and then the
 * result on the session's stream, and cancellation, after which no result for the cancelled
 * request ever arrives while the session serves on.
 *
 * <p>Whether the message POST of a tool call is answered (202) at once or only when the tool has
 * finished, these tests hold: they send it on a thread of their own and read answers from the
 * stream.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mcp.server.session.keep-alive-interval=200ms", "mcp.server.tools.interrupt-on-cancel=true" })
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SseLongToolTests {

	private static final String CANCELLED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
			+ "\"params\":{\"requestId\":%s,\"reason\":\"no longer needed\"}}";

	@LocalServerPort
	private int port;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private LegacySseClient sse;

	@BeforeEach
	void openSession() throws Exception {
		this.sse = LegacySseClient.open(this.client, this.port);
		this.sse.initialize("2024-11-05");
	}

	@AfterEach
	void closeSession() {
		this.sse.close();
	}

	@Test
	void progressNotificationsAndThenTheResultArriveOnTheStream() throws Exception {
		HttpResponse<String> accepted = this.sse.post(request(11, "tools/call",
				"{\"name\":\"progress\",\"arguments\":{\"steps\":4},\"_meta\":{\"progressToken\":\"sse-tok\"}}"));
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(accepted.body()).isEmpty();
		for (int step = 1; step <= 4; step++) {
			JsonNode progress = this.sse.nextMessage();
			assertThat(progress.get("method").asString()).isEqualTo("notifications/progress");
			assertThat(progress.at("/params/progressToken").asString()).isEqualTo("sse-tok");
			assertThat(progress.at("/params/progress").asDouble()).isEqualTo(step);
			assertThat(progress.at("/params/total").asDouble()).isEqualTo(4);
			assertThat(progress.at("/params/message").asString()).isEqualTo("step " + step);
		}
		JsonNode result = this.sse.nextMessage();
		assertThat(idOf(result)).isEqualTo(11L);
		assertThat(result.at("/result/structuredContent/message").asString()).isEqualTo("done 4");
	}

	@Test
	void withoutAProgressTokenOnlyTheResultArrives() throws Exception {
		assertThat(this.sse.post(request(12, "tools/call", "{\"name\":\"progress\",\"arguments\":{\"steps\":3}}"))
			.statusCode()).isEqualTo(202);
		JsonNode result = this.sse.nextMessage();
		assertThat(idOf(result)).isEqualTo(12L);
		assertThat(result.at("/result/structuredContent/message").asString()).isEqualTo("done 3");
	}

	@Test
	void cancellationInterruptsTheToolAndNoResultForItEverArrives() throws Exception {
		int interrupted = FixtureApplication.SLOW_INTERRUPTED.get();
		CompletableFuture<HttpResponse<String>> slow = startSlowCall(21, 30000);
		long cancelledAt = System.nanoTime();
		// On a connection of its own, as a client that still waits for the call's POST would send it.
		HttpClient cancelling = HttpClient.newHttpClient();
		HttpResponse<String> cancel = LegacySseClient.post(cancelling, origin() + this.sse.endpoint(),
				CANCELLED.formatted(21));
		assertThat(cancel.statusCode()).isEqualTo(202);

		assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
		await().atMost(WAIT).until(() -> FixtureApplication.SLOW_INTERRUPTED.get() > interrupted);
		assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(5));
		assertNoResultForAndSessionServesOn(21);
	}

	@Test
	void cancellationSentOnTheSameClientIsNotHeldUpByTheCallItCancels() throws Exception {
		int interrupted = FixtureApplication.SLOW_INTERRUPTED.get();
		CompletableFuture<HttpResponse<String>> slow = startSlowCall(24, 30000);
		try {
			// The same HTTP client, as the MCP SDK clients send every message: it may reuse a connection.
			long cancelledAt = System.nanoTime();
			HttpResponse<String> cancel = LegacySseClient.post(this.client, origin() + this.sse.endpoint(),
					CANCELLED.formatted(24), Duration.ofSeconds(5));
			assertThat(cancel.statusCode()).isEqualTo(202);
			await().atMost(WAIT).until(() -> FixtureApplication.SLOW_INTERRUPTED.get() > interrupted);
			assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(5));
			assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
			assertNoResultForAndSessionServesOn(24);
		}
		finally {
			// Whatever happened above, leave no 30-second call behind.
			LegacySseClient.post(HttpClient.newHttpClient(), origin() + this.sse.endpoint(), CANCELLED.formatted(24));
		}
	}

	@Test
	void aLongToolCallDoesNotHoldUpTheClientsNextMessage() throws Exception {
		CompletableFuture<HttpResponse<String>> slow = startSlowCall(25, 5000);
		// The same HTTP client, as the MCP SDK clients send every message: it may reuse a connection.
		HttpResponse<String> ping = LegacySseClient.post(this.client, origin() + this.sse.endpoint(),
				request(26, "ping", null), Duration.ofSeconds(2));
		assertThat(ping.statusCode()).isEqualTo(202);
		assertThat(this.sse.responseTo(26).get("result").isObject()).isTrue();
		assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
		assertThat(this.sse.responseTo(25).at("/result/structuredContent/message").asString()).isEqualTo("slept 5000");
	}

	@Test
	void cancellationFromAnotherSessionDoesNotCancel() throws Exception {
		CompletableFuture<HttpResponse<String>> slow = startSlowCall(31, 1500);
		// Another client altogether: its own HTTP client, its own session.
		try (LegacySseClient other = LegacySseClient.open(HttpClient.newHttpClient(), this.port)) {
			other.initialize("2024-11-05");
			assertThat(other.post(CANCELLED.formatted(31)).statusCode()).isEqualTo(202);
		}
		assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
		JsonNode result = this.sse.responseTo(31);
		assertThat(result.has("error")).isFalse();
		assertThat(result.at("/result/structuredContent/message").asString()).isEqualTo("slept 1500");
	}

	/**
	 * Starts a call of the slow tool with a progress token, and returns once it runs (its first
	 * progress notification is on the stream).
	 */
	private CompletableFuture<HttpResponse<String>> startSlowCall(int id, long millis) throws Exception {
		int started = FixtureApplication.SLOW_STARTED.get();
		CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> {
			try {
				return this.sse.post(request(id, "tools/call", "{\"name\":\"slow\",\"arguments\":{\"millis\":" + millis
						+ "},\"_meta\":{\"progressToken\":" + id + "}}"));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().atMost(WAIT).until(() -> FixtureApplication.SLOW_STARTED.get() > started);
		JsonNode sleeping = this.sse.nextMessage();
		assertThat(sleeping.get("method").asString()).isEqualTo("notifications/progress");
		assertThat(sleeping.at("/params/progressToken").asInt()).isEqualTo(id);
		assertThat(sleeping.at("/params/message").asString()).isEqualTo("sleeping");
		return call;
	}

	/**
	 * A later request is answered, nothing for the cancelled one came before it or comes after, and
	 * tools run to completion again.
	 */
	private void assertNoResultForAndSessionServesOn(long cancelledId) throws Exception {
		assertThat(this.sse.post(request("\"after\"", "ping", null)).statusCode()).isEqualTo(202);
		List<JsonNode> before = new ArrayList<>();
		JsonNode message;
		while (!"after".equals(idOf(message = this.sse.nextMessage()))) {
			before.add(message);
		}
		assertThat(message.get("result").isObject()).isTrue();
		assertThat(before).noneMatch((m) -> !m.has("method") && Long.valueOf(cancelledId).equals(idOf(m)));
		List<SseEvent> after = this.sse.events().drain(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(after).noneMatch((event) -> event.data().contains("\"id\":" + cancelledId));
		assertThat(this.sse.post(request(99, "tools/call", "{\"name\":\"slow\",\"arguments\":{\"millis\":50}}"))
			.statusCode()).isEqualTo(202);
		assertThat(this.sse.responseTo(99).at("/result/structuredContent/message").asString()).isEqualTo("slept 50");
	}

	private String origin() {
		return "http://localhost:" + this.port;
	}

}
