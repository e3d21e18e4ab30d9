package io.github.mcpstarter.transport.sse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.transport.SseEvent;
import io.github.mcpstarter.transport.SseEventReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of the legacy HTTP+SSE transport written by hand: the stream read on a thread of its
 * own, and messages POSTed to the URL of its {@code endpoint} event.
 */
final class LegacySseClient implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern ENDPOINT = Pattern.compile(".*\\?sessionId=([A-Za-z0-9_-]+)");

	private final HttpClient client;

	private final String origin;

	private final HttpResponse<InputStream> streamResponse;

	private final SseEventReader events;

	private final String endpoint;

	private final String sessionId;

	private LegacySseClient(HttpClient client, String origin, HttpResponse<InputStream> streamResponse,
			SseEventReader events, String endpoint, String sessionId) {
		this.client = client;
		this.origin = origin;
		this.streamResponse = streamResponse;
		this.events = events;
		this.endpoint = endpoint;
		this.sessionId = sessionId;
	}

	/**
	 * Opens the stream and reads its first event, which must be {@code endpoint}.
	 * @param origin such as {@code http://localhost:8080}
	 * @param streamPath such as {@code /sse}
	 * @param headers extra request headers
	 */
	static LegacySseClient open(HttpClient client, String origin, String streamPath, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(origin + streamPath))
			.timeout(WAIT)
			.header("Accept", "text/event-stream")
			.GET();
		headers.forEach(request::header);
		HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		SseEventReader events = new SseEventReader(response.body());
		if (response.statusCode() != 200) {
			events.close();
			throw new AssertionError("GET " + streamPath + " answered " + response.statusCode());
		}
		try {
			SseEvent first = events.next(WAIT);
			assertThat(first.event()).as("the first event's type").isEqualTo("endpoint");
			Matcher matcher = ENDPOINT.matcher(first.data());
			assertThat(matcher.matches()).as("endpoint data '%s' names a session", first.data()).isTrue();
			return new LegacySseClient(client, origin, response, events, first.data(), matcher.group(1));
		}
		catch (AssertionError | InterruptedException ex) {
			events.close();
			throw ex;
		}
	}

	static LegacySseClient open(HttpClient client, int port) throws IOException, InterruptedException {
		return open(client, "http://localhost:" + port, "/sse", Map.of());
	}

	/** The data of the {@code endpoint} event: the message URL, relative to the host. */
	String endpoint() {
		return this.endpoint;
	}

	String sessionId() {
		return this.sessionId;
	}

	HttpResponse<InputStream> streamResponse() {
		return this.streamResponse;
	}

	SseEventReader events() {
		return this.events;
	}

	/** POSTs a JSON message to the endpoint URL. */
	HttpResponse<String> post(String body) throws IOException, InterruptedException {
		return post(this.endpoint, body, "application/json");
	}

	/** POSTs to a path of this server, relative to the host. */
	HttpResponse<String> post(String target, String body, String contentType)
			throws IOException, InterruptedException {
		return post(this.client, URI.create(this.origin + target), body, contentType, Duration.ofSeconds(60));
	}

	/** POSTs a JSON message with another HTTP client. */
	static HttpResponse<String> post(HttpClient client, String url, String body)
			throws IOException, InterruptedException {
		return post(client, url, body, Duration.ofSeconds(60));
	}

	/** POSTs a JSON message with another HTTP client, waiting for the answer no longer than the timeout. */
	static HttpResponse<String> post(HttpClient client, String url, String body, Duration timeout)
			throws IOException, InterruptedException {
		return post(client, URI.create(url), body, "application/json", timeout);
	}

	private static HttpResponse<String> post(HttpClient client, URI uri, String body, String contentType,
			Duration timeout) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(timeout)
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** Initializes the session at a version, says it is initialized, and returns the result. */
	JsonNode initialize(String version) throws IOException, InterruptedException {
		HttpResponse<String> accepted = post(initializeRequest(1, version));
		assertThat(accepted.statusCode()).isEqualTo(202);
		JsonNode response = responseTo(1);
		assertThat(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode()).isEqualTo(202);
		return response.get("result");
	}

	/** The next message on the stream; fails when none comes in time. */
	JsonNode nextMessage() throws InterruptedException {
		SseEvent event = this.events.next(WAIT);
		assertThat(event.event()).as("event type of %s", event).isEqualTo("message");
		return json(event.data());
	}

	/** The next response on the stream with that id, skipping notifications and other responses. */
	JsonNode responseTo(Object id) throws InterruptedException {
		while (true) {
			JsonNode message = nextMessage();
			if (!message.has("method") && Objects.equals(idOf(message), normalize(id))) {
				return message;
			}
		}
	}

	@Override
	public void close() {
		this.events.close();
	}

	static String initializeRequest(Object id, String version) {
		return """
				{"jsonrpc":"2.0","id":%s,"method":"initialize","params":{"protocolVersion":"%s",\
				"capabilities":{},"clientInfo":{"name":"legacy-sse-test","version":"1.0"}}}""".formatted(id, version);
	}

	static String request(Object id, String method, String params) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
				+ ((params != null) ? ",\"params\":" + params : "") + "}";
	}

	private static Object normalize(Object id) {
		return (id instanceof Number number) ? (Object) number.longValue() : id;
	}

	static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	/** A message's id as the test wrote it: a Long for integers, a String for strings. */
	static Object idOf(JsonNode message) {
		JsonNode id = message.get("id");
		if (id == null || id.isNull()) {
			return null;
		}
		return id.isString() ? id.asString() : (Object) id.asLong();
	}

}
