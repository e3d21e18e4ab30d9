package io.github.mcpstarter.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw MCP over HTTP to the fleet's proxy, with {@code java.net.http}: what the SDK clients hide
 * (session ids, event ids, {@code Last-Event-ID}, closing a stream at a chosen moment).
 */
final class McpWire {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String LEGACY = "2025-11-25";

	static final String MODERN = "2026-07-28";

	static final String ACCEPT_BOTH = "application/json, text/event-stream";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final String token;

	McpWire(String base, String token) {
		this.base = base;
		this.token = token;
	}

	/** A request builder for a path of the fleet, with the token. */
	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(15))
			.header("Authorization", "Bearer " + this.token);
	}

	/** POSTs a JSON-RPC message to {@code /mcp} in a session (or none), and reads the whole answer. */
	HttpResponse<String> post(String body, String sessionId) {
		HttpRequest.Builder request = request("/mcp").header("Content-Type", "application/json")
			.header("Accept", ACCEPT_BOTH)
			.header("MCP-Protocol-Version", LEGACY)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (sessionId != null) {
			request.header("Mcp-Session-Id", sessionId);
		}
		return send(request.build());
	}

	/** POSTs to a path (the legacy SSE transport's message endpoint), and reads the whole answer. */
	HttpResponse<String> postTo(String path, String body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build());
	}

	/**
	 * POSTs to a path without waiting: the legacy SSE transport answers 202 only once it has served
	 * the message, so a long call's POST stays open while the call runs.
	 */
	CompletableFuture<HttpResponse<String>> postToAsync(String path, String body) {
		return this.http.sendAsync(request(path).timeout(Duration.ofMinutes(1))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** DELETEs a session. */
	HttpResponse<String> delete(String sessionId) {
		return send(request("/mcp").header("Mcp-Session-Id", sessionId)
			.header("MCP-Protocol-Version", LEGACY)
			.DELETE()
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A 2025-11-25 session: {@code initialize}, then {@code notifications/initialized}, each on
	 * whichever instance the proxy picks.
	 * @return the session id
	 */
	String initialize() {
		HttpResponse<String> initialized = post(message(1, "initialize", "{\"protocolVersion\":\"" + LEGACY
				+ "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"fleet-raw-client\",\"version\":\"1\"}}"), null);
		assertThat(initialized.statusCode()).as("initialize: %s", initialized.body()).isEqualTo(200);
		String sessionId = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
		HttpResponse<String> notified = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
				sessionId);
		assertThat(notified.statusCode()).as("notifications/initialized: %s", notified.body()).isEqualTo(202);
		return sessionId;
	}

	/**
	 * Opens an SSE stream (a GET, or a POST whose answer is a stream) and reads its events as they
	 * arrive, on a thread of its own.
	 */
	EventStream open(HttpRequest request) {
		return new EventStream(this.http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()));
	}

	/** The GET stream of a 2025-11-25 session, resumed after an event id when one is given. */
	EventStream openGetStream(String sessionId, String lastEventId) {
		HttpRequest.Builder request = request("/mcp").timeout(Duration.ofMinutes(5))
			.header("Accept", "text/event-stream")
			.header("Mcp-Session-Id", sessionId)
			.header("MCP-Protocol-Version", LEGACY)
			.GET();
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		return open(request.build());
	}

	/** A POST to {@code /mcp} whose answer is read as a stream (a call that reports progress). */
	EventStream openPost(String body, Map<String, String> headers) {
		HttpRequest.Builder request = request("/mcp").timeout(Duration.ofMinutes(2))
			.header("Content-Type", "application/json")
			.header("Accept", ACCEPT_BOTH)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		headers.forEach(request::header);
		return open(request.build());
	}

	/** The legacy SSE transport's stream, {@code GET /sse}. */
	EventStream openSse() {
		return open(request("/sse").timeout(Duration.ofMinutes(5)).header("Accept", "text/event-stream").GET().build());
	}

	static String message(Object id, String method, String params) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + ((id instanceof String) ? "\"" + id + "\"" : id) + ",\"method\":\""
				+ method + "\",\"params\":" + params + "}";
	}

	/** A 2026-07-28 {@code tools/call}: the era's {@code _meta} and headers, no session. */
	static String modernCall(Object id, String tool, String arguments, String progressToken) {
		return message(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + ",\"_meta\":{"
				+ ((progressToken != null) ? "\"progressToken\":\"" + progressToken + "\"," : "")
				+ "\"io.modelcontextprotocol/protocolVersion\":\"" + MODERN + "\","
				+ "\"io.modelcontextprotocol/clientCapabilities\":{},"
				+ "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"fleet-raw-client\",\"version\":\"1\"}}}");
	}

	static Map<String, String> modernHeaders(String method, String name) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("MCP-Protocol-Version", MODERN);
		headers.put("Mcp-Method", method);
		if (name != null) {
			headers.put("Mcp-Name", name);
		}
		return headers;
	}

	/** The JSON-RPC messages of a whole answer, JSON or a finished SSE stream. */
	static List<JsonNode> messages(HttpResponse<String> response) {
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (!type.startsWith("text/event-stream")) {
			return response.body().isBlank() ? List.of() : List.of(JSON.readTree(response.body()));
		}
		List<JsonNode> messages = new ArrayList<>();
		for (String line : response.body().split("\r?\n")) {
			if (line.startsWith("data:")) {
				messages.add(JSON.readTree(line.substring(5).strip()));
			}
		}
		return messages;
	}

	/** An SSE event: its id (or {@code null}), its type, its data. */
	record Event(String id, String event, String data) {

		JsonNode json() {
			return JSON.readTree(this.data);
		}

	}

	/** A stream being read: its status and headers once they came, its events as they come. */
	static final class EventStream implements AutoCloseable {

		private final CompletableFuture<HttpResponse<InputStream>> response;

		private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

		private final List<Event> all = new CopyOnWriteArrayList<>();

		private final CompletableFuture<Void> ended = new CompletableFuture<>();

		private volatile InputStream body;

		private volatile boolean closed;

		EventStream(CompletableFuture<HttpResponse<InputStream>> response) {
			this.response = response;
			response.thenAcceptAsync(this::read).exceptionally((failure) -> {
				this.ended.completeExceptionally(failure);
				return null;
			});
		}

		/** The response's status and headers (its body is this stream's events). */
		HttpResponse<InputStream> response() {
			try {
				return this.response.get(15, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException("No response to the stream's request: " + ex, ex);
			}
		}

		private void read(HttpResponse<InputStream> response) {
			this.body = response.body();
			if (this.closed) {
				// Closed before the body was here: close() could not drop the connection, this does.
				closeBody();
				this.ended.complete(null);
				return;
			}
			try (BufferedReader reader = new BufferedReader(new InputStreamReader(this.body, StandardCharsets.UTF_8))) {
				String id = null;
				String event = "message";
				StringBuilder data = new StringBuilder();
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.isEmpty()) {
						if (data.length() > 0) {
							Event read = new Event(id, event, data.toString());
							this.all.add(read);
							this.events.add(read);
						}
						id = null;
						event = "message";
						data.setLength(0);
					}
					else if (line.startsWith("id:")) {
						id = line.substring(3).strip();
					}
					else if (line.startsWith("event:")) {
						event = line.substring(6).strip();
					}
					else if (line.startsWith("data:")) {
						data.append((data.length() > 0) ? "\n" : "").append(line.substring(5).strip());
					}
				}
				this.ended.complete(null);
			}
			catch (IOException ex) {
				this.ended.completeExceptionally(ex);
			}
		}

		/** The next event, waiting at most the timeout; {@code null} when none came. */
		Event next(Duration timeout) throws InterruptedException {
			return this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		/** The next event that matches, skipping the others; fails when none comes in time. */
		Event next(Predicate<Event> matching, Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				Event event = this.events.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
						TimeUnit.MILLISECONDS);
				if (event != null && matching.test(event)) {
					return event;
				}
			}
			throw new AssertionError("No matching event within " + timeout + "; events so far: " + this.all);
		}

		/** Every event read so far. */
		List<Event> events() {
			return List.copyOf(this.all);
		}

		/** Completes when the server ended the stream (or exceptionally when it broke). */
		CompletableFuture<Void> ended() {
			return this.ended;
		}

		/** Drops the connection, as a client that goes away does. */
		@Override
		public void close() {
			this.closed = true;
			this.response.cancel(true);
			closeBody();
		}

		private void closeBody() {
			InputStream body = this.body;
			if (body != null) {
				try {
					body.close();
				}
				catch (IOException ex) {
					// Closing is all that is wanted.
				}
			}
		}

	}

}
