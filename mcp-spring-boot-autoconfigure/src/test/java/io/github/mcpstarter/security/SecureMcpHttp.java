package io.github.mcpstarter.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A raw HTTP client for the MCP endpoints of a secured server: every request says exactly which
 * token it carries (or none), so tests can send what no well-behaved client would.
 */
final class SecureMcpHttp {

	static final String ACCEPT_BOTH = "application/json, text/event-stream";

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("([A-Za-z_]+)=\"([^\"]*)\"");

	/** One client for every test: its connections and selector thread are shared. */
	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(TIMEOUT)
		.build();

	private final HttpClient client = CLIENT;

	/** {@code http://127.0.0.1:<port>} plus the context path, if any. */
	private final String base;

	SecureMcpHttp(String base) {
		this.base = base;
	}

	String base() {
		return this.base;
	}

	String url(String path) {
		return this.base + path;
	}

	/** A POST with a JSON body; {@code token} may be {@code null}. */
	HttpResponse<String> post(String path, String body, String token, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
			.timeout(TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.header("Content-Type", "application/json")
			.header("Accept", ACCEPT_BOTH);
		return send(request, token, headers);
	}

	/** A request without a body; {@code token} may be {@code null}. */
	HttpResponse<String> send(String method, String path, String token, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
			.timeout(TIMEOUT)
			.method(method, HttpRequest.BodyPublishers.noBody());
		return send(request, token, headers);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String token, Map<String, String> headers)
			throws IOException, InterruptedException {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::setHeader);
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/**
	 * Any request, answered without waiting for a stream to end: a {@code text/event-stream}
	 * response is closed at once and comes back with an empty body.
	 */
	HttpResponse<String> exchange(String method, String path, String token, String body, Map<String, String> headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
					: HttpRequest.BodyPublishers.noBody())
			.header("Accept", ACCEPT_BOTH);
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::setHeader);
		HttpResponse<InputStream> response = this.client
			.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		String text;
		try (InputStream in = response.body()) {
			boolean stream = response.headers()
				.firstValue("Content-Type")
				.filter((type) -> type.startsWith("text/event-stream"))
				.isPresent();
			text = stream ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		return new StringResponse(response, text);
	}

	/** A GET of an absolute URL, such as one a server handed out. */
	static HttpResponse<String> getAbsolute(String url) throws IOException, InterruptedException {
		return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	/** Streamable HTTP {@code initialize} on {@code /mcp}. */
	HttpResponse<String> initialize(String token) throws IOException, InterruptedException {
		return post("/mcp", initializeRequest("2025-11-25"), token, Map.of());
	}

	/** Initializes a Streamable HTTP session and returns its id. */
	String openSession(String token) throws IOException, InterruptedException {
		HttpResponse<String> response = initialize(token);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("initialize failed: " + response.statusCode() + " " + response.body());
		}
		String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
		HttpResponse<String> initialized = post("/mcp", notification("notifications/initialized"), token,
				Map.of("Mcp-Session-Id", session));
		if (initialized.statusCode() != 202) {
			throw new IllegalStateException("notifications/initialized failed: " + initialized.statusCode());
		}
		return session;
	}

	/** A JSON-RPC request on a Streamable HTTP session. */
	HttpResponse<String> request(String token, String session, Object id, String method, String params)
			throws IOException, InterruptedException {
		return post("/mcp", request(id, method, params), token, Map.of("Mcp-Session-Id", session));
	}

	/** {@code tools/call} on a Streamable HTTP session. */
	HttpResponse<String> callTool(String token, String session, String tool, String arguments)
			throws IOException, InterruptedException {
		return request(token, session, 7, "tools/call",
				"{\"name\":\"" + tool + "\",\"arguments\":" + ((arguments != null) ? arguments : "{}") + "}");
	}

	/** The names of the tools a caller sees, over every page. */
	List<String> toolNames(String token, String session) throws IOException, InterruptedException {
		List<String> names = new ArrayList<>();
		String cursor = null;
		do {
			HttpResponse<String> response = request(token, session, 3, "tools/list",
					(cursor != null) ? "{\"cursor\":\"" + cursor + "\"}" : "{}");
			if (response.statusCode() != 200) {
				throw new IllegalStateException("tools/list failed: " + response.statusCode() + " " + response.body());
			}
			JsonNode result = json(response).get("result");
			for (JsonNode tool : result.get("tools")) {
				names.add(tool.get("name").asString());
			}
			JsonNode next = result.get("nextCursor");
			cursor = (next != null && !next.isNull()) ? next.asString() : null;
		}
		while (cursor != null);
		return names;
	}

	/** Opens the legacy SSE stream with a token; check {@link SseConnection#status()}. */
	SseConnection openSse(String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/sse")))
			.header("Accept", "text/event-stream")
			.GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<InputStream> response = this.client
			.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return new SseConnection(response);
	}

	/**
	 * POSTs {@code initialize} over a bare socket, with a {@code Host} header of the caller's choosing.
	 * @return the HTTP status
	 */
	static int rawInitializeStatus(int port, String host, String token) throws IOException {
		byte[] body = initializeRequest("2025-11-25").getBytes(StandardCharsets.UTF_8);
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			java.io.OutputStream out = socket.getOutputStream();
			out.write(("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
					+ "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
					+ "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			java.io.InputStream in = socket.getInputStream();
			java.io.ByteArrayOutputStream statusLine = new java.io.ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1 && b != '\n') {
				statusLine.write(b);
			}
			String line = statusLine.toString(StandardCharsets.ISO_8859_1);
			if (!line.startsWith("HTTP/1.1 ")) {
				throw new IOException("Not an HTTP response: " + line);
			}
			return Integer.parseInt(line.substring(9, 12));
		}
	}

	/**
	 * Sends one request over a plain socket, with the {@code Host} header given (which the JDK's
	 * client does not let a caller choose), and reads the whole answer.
	 * @param body the body, or {@code null} for none
	 */
	static RawResponse raw(int port, String method, String path, String host, Map<String, String> headers,
			String body) throws IOException {
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			java.io.OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(bytes);
			out.flush();
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int end = response.indexOf("\r\n\r\n");
			String[] lines = response.substring(0, end).split("\r\n");
			Map<String, String> responseHeaders = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				responseHeaders.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
			}
			String responseBody = response.substring(end + 4);
			if ("chunked".equalsIgnoreCase(responseHeaders.get("Transfer-Encoding"))) {
				responseBody = dechunk(responseBody);
			}
			return new RawResponse(Integer.parseInt(lines[0].substring(9, 12)), responseHeaders, responseBody);
		}
	}

	private static String dechunk(String chunked) {
		StringBuilder out = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				return out.toString();
			}
			out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

	/** An answer read by {@link #raw}; header names are case-insensitive. */
	record RawResponse(int status, Map<String, String> headers, String body) {
	}

	static String initializeRequest(String version) {
		return """
				{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"%s",\
				"capabilities":{},"clientInfo":{"name":"security-test","version":"1.0"}}}""".formatted(version);
	}

	static String request(Object id, String method, String params) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
				+ ((params != null) ? ",\"params\":" + params : "") + "}";
	}

	static String notification(String method) {
		return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}";
	}

	static JsonNode json(String body) {
		return JSON.readTree(body);
	}

	static JsonNode json(HttpResponse<String> response) {
		return json(response.body());
	}

	/** The {@code WWW-Authenticate} header of a response, which must be there. */
	static String challenge(HttpResponse<?> response) {
		List<String> challenges = response.headers().allValues("WWW-Authenticate");
		if (challenges.size() != 1) {
			throw new AssertionError("Expected one WWW-Authenticate header, got " + challenges + " (status "
					+ response.statusCode() + ")");
		}
		return challenges.get(0);
	}

	/** The auth-params of a Bearer challenge, by name. */
	static Map<String, String> challengeParameters(String challenge) {
		Map<String, String> parameters = new LinkedHashMap<>();
		Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
		while (matcher.find()) {
			parameters.put(matcher.group(1), matcher.group(2));
		}
		return parameters;
	}

	/**
	 * An open SSE stream, read on a thread of its own into a queue of events.
	 */
	static final class SseConnection implements AutoCloseable {

		private final HttpResponse<InputStream> response;

		private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

		SseConnection(HttpResponse<InputStream> response) {
			this.response = response;
			if (response.statusCode() == 200) {
				Thread reader = new Thread(this::read, "sse-test-reader");
				reader.setDaemon(true);
				reader.start();
			}
		}

		int status() {
			return this.response.statusCode();
		}

		HttpResponse<InputStream> response() {
			return this.response;
		}

		/** The body of a refused stream. */
		String errorBody() throws IOException {
			try (InputStream in = this.response.body()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}

		/** The next event of a type, skipping others; fails after the timeout. */
		Event next(String type) throws InterruptedException {
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (true) {
				Event event = this.events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
				if (event == null) {
					throw new AssertionError("No '" + type + "' event within " + TIMEOUT);
				}
				if (type.equals(event.type())) {
					return event;
				}
			}
		}

		/** The next JSON-RPC message that answers a request id, skipping others. */
		JsonNode nextResponse(Object id) throws InterruptedException {
			while (true) {
				JsonNode message = json(next("message").data());
				if (message.has("id") && String.valueOf(id).equals(message.get("id").asString())) {
					return message;
				}
			}
		}

		private void read() {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
				String type = null;
				StringBuilder data = new StringBuilder();
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.isEmpty()) {
						if (type != null || !data.isEmpty()) {
							this.events.add(new Event((type != null) ? type : "message", data.toString()));
						}
						type = null;
						data.setLength(0);
					}
					else if (line.startsWith("event:")) {
						type = line.substring("event:".length()).trim();
					}
					else if (line.startsWith("data:")) {
						if (!data.isEmpty()) {
							data.append('\n');
						}
						data.append(line.substring("data:".length()).stripLeading());
					}
					// comments (keep-alives), id and retry lines are of no interest here
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		@Override
		public void close() {
			try {
				this.response.body().close();
			}
			catch (IOException ex) {
				// already gone
			}
		}

	}

	/** A response whose body was read as text (or left unread, for a stream). */
	private record StringResponse(HttpResponse<InputStream> response, String body) implements HttpResponse<String> {

		@Override
		public int statusCode() {
			return this.response.statusCode();
		}

		@Override
		public HttpRequest request() {
			return this.response.request();
		}

		@Override
		public java.util.Optional<HttpResponse<String>> previousResponse() {
			return java.util.Optional.empty();
		}

		@Override
		public java.net.http.HttpHeaders headers() {
			return this.response.headers();
		}

		@Override
		public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
			return this.response.sslSession();
		}

		@Override
		public URI uri() {
			return this.response.uri();
		}

		@Override
		public HttpClient.Version version() {
			return this.response.version();
		}

	}

	/** A server-sent event. */
	record Event(String type, String data) {
	}

}
