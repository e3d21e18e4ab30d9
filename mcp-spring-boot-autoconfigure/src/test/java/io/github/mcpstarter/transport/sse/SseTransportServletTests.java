package io.github.mcpstarter.transport.sse;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.fixture.FixtureApplication;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.transport.RawHttp;
import io.github.mcpstarter.transport.SseEvent;
import io.github.mcpstarter.transport.SseEventReader;

import static io.github.mcpstarter.transport.sse.LegacySseClient.WAIT;
import static io.github.mcpstarter.transport.sse.LegacySseClient.idOf;
import static io.github.mcpstarter.transport.sse.LegacySseClient.json;
import static io.github.mcpstarter.transport.sse.LegacySseClient.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The legacy HTTP+SSE transport over real HTTP: the stream and its {@code endpoint} event, messages
 * POSTed to it and answered on the stream, the errors of the message endpoint, and a session that
 * ends with its stream.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mcp.server.session.keep-alive-interval=200ms")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SseTransportServletTests {

	@LocalServerPort
	private int port;

	@Autowired
	private McpSessionStore sessions;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<AutoCloseable> opened = new ArrayList<>();

	@AfterEach
	void closeStreams() throws Exception {
		for (AutoCloseable closeable : this.opened) {
			closeable.close();
		}
	}

	@Test
	void streamOpensWithAnEndpointEventNamingTheMessageUrlAndTheSession() throws Exception {
		LegacySseClient sse = open();
		HttpResponse<InputStream> response = sse.streamResponse();
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
		assertThat(sse.endpoint()).isEqualTo("/sse/message?sessionId=" + sse.sessionId());
		assertThat(sse.sessionId()).matches("[A-Za-z0-9_-]{20,}");
		assertThat(this.sessions.find(sse.sessionId())).isNotNull();
	}

	@Test
	void everyStreamOpensASessionOfItsOwn() throws Exception {
		LegacySseClient first = open();
		LegacySseClient second = open();
		assertThat(first.sessionId()).isNotEqualTo(second.sessionId());
	}

	@Test
	void initializeIsAcceptedWith202AndAnsweredOnTheStreamAtTheVersionAskedFor() throws Exception {
		LegacySseClient sse = open();
		HttpResponse<String> accepted = sse.post(LegacySseClient.initializeRequest("\"init-1\"", "2024-11-05"));
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(accepted.body()).isEmpty();
		JsonNode response = sse.nextMessage();
		assertThat(response.get("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(response.get("id").asString()).isEqualTo("init-1");
		assertThat(response.at("/result/protocolVersion").asString()).isEqualTo("2024-11-05");
		assertThat(response.at("/result/capabilities/tools/listChanged").asBoolean()).isTrue();
		assertThat(response.at("/result/serverInfo/name").isString()).isTrue();
		assertThat(this.sessions.find(sse.sessionId()).protocolVersion()).isEqualTo("2024-11-05");
	}

	@Test
	void toolCallIsAcceptedWith202AndItsResultArrivesOnTheStream() throws Exception {
		LegacySseClient sse = open();
		sse.initialize("2024-11-05");
		HttpResponse<String> accepted = sse
			.post(request(7, "tools/call", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}"));
		assertThat(accepted.statusCode()).isEqualTo(202);
		assertThat(accepted.body()).isEmpty();
		JsonNode response = sse.nextMessage();
		assertThat(idOf(response)).isEqualTo(7L);
		assertThat(response.at("/result/isError").asBoolean()).isFalse();
		assertThat(response.at("/result/structuredContent/message").asString()).isEqualTo("Hello, Ada!");
	}

	@Test
	void toolsListAndPingAreAnsweredOnTheStream() throws Exception {
		LegacySseClient sse = open();
		sse.initialize("2024-11-05");
		assertThat(sse.post(request("\"list\"", "tools/list", null)).statusCode()).isEqualTo(202);
		JsonNode list = sse.responseTo("list");
		List<String> names = new ArrayList<>();
		list.at("/result/tools").forEach((tool) -> names.add(tool.get("name").asString()));
		assertThat(names).contains("greet", "progress", "slow");
		assertThat(sse.post(request("\"ping\"", "ping", null)).statusCode()).isEqualTo(202);
		JsonNode ping = sse.responseTo("ping");
		assertThat(ping.get("result").isObject()).isTrue();
		assertThat(ping.get("result").isEmpty()).isTrue();
	}

	@Test
	void messageWithoutSessionIdIsRefusedWith400() throws Exception {
		LegacySseClient sse = open();
		HttpResponse<String> response = sse.post("/sse/message", request(1, "ping", null), "application/json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json(response.body()).at("/error/message").asString()).contains("sessionId");
		HttpResponse<String> blank = sse.post("/sse/message?sessionId=", request(1, "ping", null), "application/json");
		assertThat(blank.statusCode()).isEqualTo(400);
	}

	@Test
	void messageForAnUnknownSessionIsRefusedWith404() throws Exception {
		LegacySseClient sse = open();
		HttpResponse<String> response = sse.post("/sse/message?sessionId=no-such-session", request(1, "ping", null),
				"application/json");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json(response.body()).at("/error/code").asInt()).isEqualTo(-32001);
	}

	@Test
	void malformedJsonIsRefusedWith400AndAParseErrorAndTheSessionGoesOn() throws Exception {
		LegacySseClient sse = open();
		sse.initialize("2024-11-05");
		HttpResponse<String> response = sse.post("{\"jsonrpc\":\"2.0\",\"id\":1,");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = json(response.body());
		assertThat(error.at("/error/code").asInt()).isEqualTo(-32700);
		assertThat(error.get("id").isNull()).isTrue();
		assertSessionStillServes(sse);
	}

	@Test
	void wrongContentTypeIsRefusedWith415() throws Exception {
		LegacySseClient sse = open();
		sse.initialize("2024-11-05");
		HttpResponse<String> response = sse.post(sse.endpoint(), request(1, "ping", null), "text/plain");
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(json(response.body()).at("/error/message").asString()).contains("application/json");
		assertSessionStillServes(sse);
	}

	@Test
	void wrongMethodsAreRefusedWith405AndAllow() throws Exception {
		HttpResponse<String> postToStream = this.client.send(HttpRequest.newBuilder(uri("/sse"))
			.timeout(WAIT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(request(1, "ping", null)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(postToStream.statusCode()).isEqualTo(405);
		assertThat(postToStream.headers().firstValue("Allow")).hasValue("GET");
		HttpResponse<String> getMessages = this.client.send(
				HttpRequest.newBuilder(uri("/sse/message?sessionId=x")).timeout(WAIT).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(getMessages.statusCode()).isEqualTo(405);
		assertThat(getMessages.headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void clientDisconnectEndsTheSessionAndLaterMessagesGet404() throws Exception {
		RawHttp stream = RawHttp.exchange(this.port, "GET", "/sse", Map.of("Accept", "text/event-stream"), null,
				WAIT);
		this.opened.add(stream);
		assertThat(stream.status()).isEqualTo(200);
		SseEventReader events = new SseEventReader(stream.body());
		SseEvent endpoint = events.next(WAIT);
		assertThat(endpoint.event()).isEqualTo("endpoint");
		String sessionId = endpoint.data().substring(endpoint.data().indexOf("sessionId=") + "sessionId=".length());
		assertThat(this.sessions.find(sessionId)).isNotNull();
		LegacySseClient other = open();

		stream.abort();

		// A keep-alive (every 200 ms here) finds the client gone, which ends the session.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.sessions.find(sessionId) == null);
		HttpResponse<String> late = other.post(endpoint.data(), request(1, "ping", null), "application/json");
		assertThat(late.statusCode()).isEqualTo(404);
		assertThat(json(late.body()).at("/error/code").asInt()).isEqualTo(-32001);
		// Other sessions are not affected.
		assertSessionStillServes(other);
	}

	@Test
	void streamReceivesKeepAliveComments() throws Exception {
		LegacySseClient sse = open();
		await().atMost(Duration.ofSeconds(5)).until(() -> sse.events().comments() >= 2);
	}

	private void assertSessionStillServes(LegacySseClient sse) throws Exception {
		assertThat(sse.post(request("\"still\"", "ping", null)).statusCode()).isEqualTo(202);
		JsonNode ping = sse.responseTo("still");
		assertThat(ping.get("result").isObject()).isTrue();
	}

	private LegacySseClient open() throws Exception {
		LegacySseClient sse = LegacySseClient.open(this.client, this.port);
		this.opened.add(sse);
		return sse;
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
