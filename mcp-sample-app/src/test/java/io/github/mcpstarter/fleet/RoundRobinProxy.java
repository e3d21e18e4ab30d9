package io.github.mcpstarter.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A plain HTTP/1.1 reverse proxy that sends every request to the next backend in turn: a load
 * balancer with no sticky sessions at all. Not per connection: a client's keep-alive connection
 * does not pin it to one backend, since the proxy opens its own connections to the backends.
 *
 * <p>Responses are streamed: bytes are copied and flushed as they arrive, so an SSE stream stays
 * open as long as the backend keeps it open. Request and response headers pass through except the
 * hop-by-hop ones. A removed backend is skipped (as a health check would take it out); a backend
 * that refuses the connection answers 502 for that request.
 *
 * <p>Every request is recorded ({@link #routed()}) with the backend that served it, so that a test
 * can check that consecutive requests of one session landed on different instances.
 */
final class RoundRobinProxy implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(RoundRobinProxy.class);

	/** Headers that belong to one connection, or that the JDK client sets itself. */
	private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
			"transfer-encoding", "te", "trailer", "upgrade", "host", "content-length", "expect");

	/** A request as the proxy routed it. */
	record Routed(String method, String path, int backend, int status, Map<String, List<String>> requestHeaders) {

		/** A request header's first value, or {@code null}. */
		String header(String name) {
			return this.requestHeaders.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		/** Without the headers: assertion messages must not print tokens. */
		@Override
		public String toString() {
			return this.method + " " + this.path + " -> " + this.backend + " (" + this.status + ")";
		}

	}

	private final List<URI> backends;

	/** 1 for a backend in rotation, 0 for one taken out. */
	private final AtomicIntegerArray inRotation;

	private final AtomicInteger next = new AtomicInteger();

	private final List<Routed> routed = new CopyOnWriteArrayList<>();

	private final HttpClient client;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "round-robin-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpServer server;

	/**
	 * Starts the proxy on a free port of the loopback interface.
	 * @param backends the base URLs of the backends, such as {@code http://localhost:8081}
	 */
	RoundRobinProxy(List<URI> backends) throws IOException {
		this.backends = List.copyOf(backends);
		this.inRotation = new AtomicIntegerArray(backends.size());
		for (int i = 0; i < backends.size(); i++) {
			this.inRotation.set(i, 1);
		}
		// HTTP/1.1 to the backends: the JDK client would otherwise try an h2c upgrade.
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(this.threads)
			.build();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
		this.server.createContext("/", this::forward);
		// One thread per exchange: SSE streams hold theirs for as long as they are open.
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** {@code http://localhost:<port>}: the public URL of the fleet. */
	String url() {
		return "http://localhost:" + port();
	}

	/** Takes a backend out of rotation: no request goes to it from now on. */
	void remove(int backend) {
		this.inRotation.set(backend, 0);
	}

	/** Puts a backend back into rotation. */
	void add(int backend) {
		this.inRotation.set(backend, 1);
	}

	/** Every request so far, in the order the proxy chose their backends. */
	List<Routed> routed() {
		return List.copyOf(this.routed);
	}

	/** The requests from here on: the size of {@link #routed()} now, for {@link #routedSince(int)}. */
	int mark() {
		return this.routed.size();
	}

	List<Routed> routedSince(int mark) {
		List<Routed> all = routed();
		return all.subList(Math.min(mark, all.size()), all.size());
	}

	private int chooseBackend() {
		for (int attempt = 0; attempt < this.backends.size() * 2; attempt++) {
			int candidate = Math.floorMod(this.next.getAndIncrement(), this.backends.size());
			if (this.inRotation.get(candidate) == 1) {
				return candidate;
			}
		}
		return -1;
	}

	private void forward(HttpExchange exchange) throws IOException {
		int backend = chooseBackend();
		String method = exchange.getRequestMethod();
		URI requested = exchange.getRequestURI();
		Map<String, List<String>> requestHeaders = Map.copyOf(exchange.getRequestHeaders());
		if (backend < 0) {
			record(method, requested, backend, 503, requestHeaders);
			respondPlain(exchange, 503, "No backend in rotation");
			return;
		}
		try {
			byte[] body = exchange.getRequestBody().readAllBytes();
			HttpRequest.Builder request = HttpRequest.newBuilder(this.backends.get(backend).resolve(requested.getRawPath()
					+ ((requested.getRawQuery() != null) ? "?" + requested.getRawQuery() : "")));
			exchange.getRequestHeaders().forEach((name, values) -> {
				if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((value) -> request.header(name, value));
				}
			});
			request.method(method, (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
			HttpResponse<InputStream> response;
			try {
				response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			}
			catch (ConnectException ex) {
				record(method, requested, backend, 502, requestHeaders);
				respondPlain(exchange, 502, "Backend " + backend + " refused the connection");
				return;
			}
			catch (IOException ex) {
				record(method, requested, backend, 502, requestHeaders);
				respondPlain(exchange, 502, "Backend " + backend + " failed: " + ex);
				return;
			}
			record(method, requested, backend, response.statusCode(), requestHeaders);
			copyResponse(exchange, response);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	private void copyResponse(HttpExchange exchange, HttpResponse<InputStream> response) throws IOException {
		response.headers().map().forEach((name, values) -> {
			if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
				exchange.getResponseHeaders().put(name, values);
			}
		});
		long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
		boolean noBody = response.statusCode() == 204 || response.statusCode() == 304 || length == 0
				|| "HEAD".equals(exchange.getRequestMethod());
		// HttpServer: -1 is no body, 0 is chunked (length unknown), more is a fixed length.
		exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : Math.max(length, 0));
		try (InputStream in = response.body()) {
			if (noBody) {
				return;
			}
			OutputStream out = exchange.getResponseBody();
			byte[] buffer = new byte[8192];
			int read;
			// read returns what has arrived; flushing each piece keeps SSE events from waiting in a buffer.
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				out.flush();
			}
			out.close();
		}
		catch (IOException ex) {
			// The client went away, or the backend did: both ends are closed by the try blocks.
			logger.debug("Proxied stream ended: " + ex);
		}
	}

	private void record(String method, URI requested, int backend, int status,
			Map<String, List<String>> requestHeaders) {
		this.routed.add(new Routed(method, requested.getPath(), backend, status, requestHeaders));
	}

	private static void respondPlain(HttpExchange exchange, int status, String message) throws IOException {
		byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
