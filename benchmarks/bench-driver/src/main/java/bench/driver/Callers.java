package bench.driver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One closed-loop client per worker: the same operation as a REST request, or as an MCP
 * {@code tools/call} over Streamable HTTP (with a session or stateless) or the legacy SSE transport.
 */
final class Callers {

	private Callers() {
	}

	/** The three benchmarked operations. */
	enum Op {

		/** The small JSON read. */
		PRODUCT,

		/** The validated nested POST. */
		ORDER,

		/** The 50 KB response. */
		CATALOG;

		static final String ORDER_JSON = "{\"customerId\":\"C-1001\",\"shipTo\":{\"street\":\"1 Main Street\","
				+ "\"city\":\"Springfield\",\"zip\":\"12345\",\"country\":\"US\"},\"lines\":["
				+ "{\"sku\":\"SKU-00001\",\"quantity\":2},{\"sku\":\"SKU-00002\",\"quantity\":1},"
				+ "{\"sku\":\"SKU-00003\",\"quantity\":5},{\"sku\":\"SKU-00004\",\"quantity\":3},"
				+ "{\"sku\":\"SKU-00005\",\"quantity\":4}]}";

		String toolName() {
			return switch (this) {
				case PRODUCT -> "get_product";
				case ORDER -> "place_order";
				case CATALOG -> "catalog";
			};
		}

		String toolArguments(long seq) {
			return switch (this) {
				case PRODUCT -> "{\"id\":" + (1 + seq % 250) + "}";
				case ORDER -> "{\"order\":" + ORDER_JSON + "}";
				case CATALOG -> "{\"size\":320}";
			};
		}

		HttpRequest.Builder rest(String base, long seq) {
			return switch (this) {
				case PRODUCT -> HttpRequest.newBuilder(URI.create(base + "/api/products/" + (1 + seq % 250))).GET();
				case ORDER -> HttpRequest.newBuilder(URI.create(base + "/api/orders"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(ORDER_JSON));
				case CATALOG -> HttpRequest.newBuilder(URI.create(base + "/api/catalog?size=320")).GET();
			};
		}

	}

	/** One worker's connection to the server under test. */
	interface Caller extends AutoCloseable {

		/** Runs the operation once; {@code true} when it succeeded. */
		boolean call(Op op, long seq) throws Exception;

		@Override
		default void close() {
		}

	}

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	static final String PROTOCOL_VERSION = "2025-06-18";

	static final AtomicLong IDS = new AtomicLong(1);

	static String initializeJson(long id) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
				+ PROTOCOL_VERSION + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench-driver\",\"version\":\"1\"}}}";
	}

	static final String INITIALIZED_JSON = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

	static String callJson(long id, Op op, long seq) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + op.toolName()
				+ "\",\"arguments\":" + op.toolArguments(seq) + "}}";
	}

	/** A JSON-RPC response that is a successful tool result. */
	static boolean isToolSuccess(String body) {
		return body.contains("\"result\"") && !body.contains("\"isError\":true");
	}

	static final String MODERN_PROTOCOL_VERSION = "2026-07-28";

	/** A 2026-07-28 call: the version and capabilities in the request's own {@code _meta}, no session. */
	static String modernCallJson(long id, Op op, long seq) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + op.toolName()
				+ "\",\"arguments\":" + op.toolArguments(seq) + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\""
				+ MODERN_PROTOCOL_VERSION + "\",\"io.modelcontextprotocol/clientCapabilities\":{},"
				+ "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"bench-driver\",\"version\":\"1\"}}}}";
	}

	/** The direct REST call with the same token. */
	static final class Rest implements Caller {

		private final HttpClient client;

		private final String base;

		private final String token;

		Rest(HttpClient client, String base, String token) {
			this.client = client;
			this.base = base;
			this.token = token;
		}

		@Override
		public boolean call(Op op, long seq) throws Exception {
			HttpRequest request = op.rest(this.base, seq)
				.header("Authorization", "Bearer " + this.token)
				.header("Accept", "application/json")
				.timeout(TIMEOUT)
				.build();
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && !response.body().isEmpty();
		}

	}

	/**
	 * MCP 2026-07-28 over Streamable HTTP: no initialize and no session; every {@code tools/call}
	 * carries its version and capabilities in {@code _meta} and repeats method and tool name in the
	 * {@code Mcp-Method} and {@code Mcp-Name} headers, as a modern client sends it.
	 */
	static final class Modern implements Caller {

		private final HttpClient client;

		private final URI endpoint;

		private final String token;

		Modern(HttpClient client, String base, String token) {
			this.client = client;
			this.endpoint = URI.create(base + "/mcp");
			this.token = token;
		}

		@Override
		public boolean call(Op op, long seq) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(this.endpoint)
				.header("Authorization", "Bearer " + this.token)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json, text/event-stream")
				.header("MCP-Protocol-Version", MODERN_PROTOCOL_VERSION)
				.header("Mcp-Method", "tools/call")
				.header("Mcp-Name", op.toolName())
				.timeout(TIMEOUT)
				.POST(HttpRequest.BodyPublishers.ofString(modernCallJson(IDS.getAndIncrement(), op, seq)))
				.build();
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && isToolSuccess(response.body());
		}

	}

	/**
	 * MCP over Streamable HTTP: initialize and {@code notifications/initialized} once (the session
	 * id, if the server gives one, goes on every request), then {@code tools/call}. Answers may come
	 * as JSON or as an SSE stream; both are read whole.
	 */
	static final class Streamable implements Caller {

		private final HttpClient client;

		private final URI endpoint;

		private final String token;

		private String sessionId;

		Streamable(HttpClient client, String base, String token) throws Exception {
			this.client = client;
			this.endpoint = URI.create(base + "/mcp");
			this.token = token;
			HttpResponse<String> initialized = post(initializeJson(IDS.getAndIncrement()));
			if (initialized.statusCode() != 200 || !initialized.body().contains("\"result\"")) {
				throw new IOException("initialize failed: " + initialized.statusCode() + " " + initialized.body());
			}
			this.sessionId = initialized.headers().firstValue("Mcp-Session-Id").orElse(null);
			HttpResponse<String> notified = post(INITIALIZED_JSON);
			if (notified.statusCode() / 100 != 2) {
				throw new IOException("notifications/initialized failed: " + notified.statusCode() + " " + notified.body());
			}
		}

		private HttpResponse<String> post(String json) throws Exception {
			HttpRequest.Builder request = HttpRequest.newBuilder(this.endpoint)
				.header("Authorization", "Bearer " + this.token)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json, text/event-stream")
				.header("MCP-Protocol-Version", PROTOCOL_VERSION)
				.timeout(TIMEOUT)
				.POST(HttpRequest.BodyPublishers.ofString(json));
			if (this.sessionId != null) {
				request.header("Mcp-Session-Id", this.sessionId);
			}
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		@Override
		public boolean call(Op op, long seq) throws Exception {
			HttpResponse<String> response = post(callJson(IDS.getAndIncrement(), op, seq));
			return response.statusCode() == 200 && isToolSuccess(response.body());
		}

		@Override
		public void close() {
			if (this.sessionId == null) {
				return;
			}
			try {
				this.client.send(HttpRequest.newBuilder(this.endpoint)
					.header("Authorization", "Bearer " + this.token)
					.header("Mcp-Session-Id", this.sessionId)
					.header("MCP-Protocol-Version", PROTOCOL_VERSION)
					.timeout(TIMEOUT)
					.DELETE()
					.build(), HttpResponse.BodyHandlers.discarding());
			}
			catch (Exception ex) {
				// best effort: the server's idle timeout ends it otherwise
			}
		}

	}

	/**
	 * MCP over the legacy HTTP+SSE transport: GET the stream, read the {@code endpoint} event, POST
	 * messages there and read each answer from the stream (one request in flight per worker, so
	 * the next response on the stream is the one awaited; its id is checked).
	 */
	static final class Sse implements Caller {

		private final HttpClient client;

		private final String token;

		private final Stream<String> lines;

		private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		private final URI messageEndpoint;

		private final Thread reader;

		Sse(HttpClient client, String base, String token) throws Exception {
			this.client = client;
			this.token = token;
			HttpResponse<Stream<String>> stream = client.send(HttpRequest.newBuilder(URI.create(base + "/sse"))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "text/event-stream")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofLines());
			if (stream.statusCode() != 200) {
				throw new IOException("GET /sse failed: " + stream.statusCode());
			}
			this.lines = stream.body();
			BlockingQueue<String> endpoint = new LinkedBlockingQueue<>();
			this.reader = new Thread(() -> read(endpoint), "sse-reader");
			this.reader.setDaemon(true);
			this.reader.start();
			String path = endpoint.poll(30, TimeUnit.SECONDS);
			if (path == null) {
				throw new IOException("no endpoint event on /sse");
			}
			this.messageEndpoint = URI.create(base).resolve(path);
			long id = IDS.getAndIncrement();
			String initialized = exchange(initializeJson(id), id);
			if (initialized == null || !initialized.contains("\"result\"")) {
				throw new IOException("initialize over SSE failed: " + initialized);
			}
			int status = postStatus(INITIALIZED_JSON);
			if (status / 100 != 2) {
				throw new IOException("notifications/initialized over SSE failed: " + status);
			}
		}

		private void read(BlockingQueue<String> endpoint) {
			String event = "message";
			StringBuilder data = new StringBuilder();
			try {
				Iterator<String> it = this.lines.iterator();
				while (it.hasNext()) {
					String line = it.next();
					if (line.isEmpty()) {
						if (data.length() > 0) {
							if ("endpoint".equals(event)) {
								endpoint.add(data.toString());
							}
							else {
								this.messages.add(data.toString());
							}
						}
						event = "message";
						data.setLength(0);
					}
					else if (line.startsWith("event:")) {
						event = line.substring(6).trim();
					}
					else if (line.startsWith("data:")) {
						if (data.length() > 0) {
							data.append('\n');
						}
						data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
					}
				}
			}
			catch (Exception ex) {
				// stream closed
			}
		}

		private int postStatus(String json) throws Exception {
			return this.client.send(HttpRequest.newBuilder(this.messageEndpoint)
				.header("Authorization", "Bearer " + this.token)
				.header("Content-Type", "application/json")
				.timeout(TIMEOUT)
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}

		/** POSTs a request and waits for the response with its id on the stream. */
		private String exchange(String json, long id) throws Exception {
			int status = postStatus(json);
			if (status / 100 != 2) {
				return null;
			}
			String idField = "\"id\":" + id + ",";
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (true) {
				String message = this.messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (message == null) {
					return null;
				}
				// Server-sent requests (ping) and notifications are not the answer awaited.
				int head = Math.min(message.length(), 64);
				if (message.substring(0, head).contains(idField) && !message.substring(0, head).contains("\"method\"")) {
					return message;
				}
			}
		}

		@Override
		public boolean call(Op op, long seq) throws Exception {
			long id = IDS.getAndIncrement();
			String answer = exchange(callJson(id, op, seq), id);
			return answer != null && isToolSuccess(answer);
		}

		@Override
		public void close() {
			this.lines.close();
		}

	}

}
