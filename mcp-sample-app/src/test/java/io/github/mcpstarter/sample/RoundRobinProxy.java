package io.github.mcpstarter.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain HTTP/1.1 load balancer for the fleet tests: every request goes to the next live backend
 * in turn (per request, not per connection, so keep-alive makes nothing sticky), with its headers
 * and body, and the response streams back as it arrives (SSE streams stay open). It records which
 * backend served each request; a backend taken out ({@link #remove}) gets no more requests, as
 * after a failed health check.
 */
final class RoundRobinProxy implements AutoCloseable {

	/** Headers that belong to one hop, or that the JDK client sets itself. */
	private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host",
			"keep-alive", "transfer-encoding", "upgrade", "te", "trailer", "proxy-connection", "http2-settings");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final List<Integer> backends = new CopyOnWriteArrayList<>();

	private final List<Integer> removed = new CopyOnWriteArrayList<>();

	private final AtomicInteger next = new AtomicInteger();

	private final List<Served> log = new CopyOnWriteArrayList<>();

	/** One request: its method, path and the index of the backend that served it. */
	record Served(String method, String path, int backend) {
	}

	RoundRobinProxy(int port, List<Integer> backendPorts) throws IOException {
		this.backends.addAll(backendPorts);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::forward);
		this.server.start();
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	/** What was served so far, in order. */
	List<Served> log() {
		return List.copyOf(this.log);
	}

	/** Takes backend {@code index} out of the rotation. */
	void remove(int index) {
		this.removed.add(index);
	}

	private int pick() {
		for (int attempt = 0; attempt < this.backends.size(); attempt++) {
			int index = Math.floorMod(this.next.getAndIncrement(), this.backends.size());
			if (!this.removed.contains(index)) {
				return index;
			}
		}
		throw new IllegalStateException("no backend left");
	}

	private void forward(HttpExchange exchange) throws IOException {
		int backend = pick();
		URI target = URI.create("http://127.0.0.1:" + this.backends.get(backend) + exchange.getRequestURI());
		this.log.add(new Served(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), backend));
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			HttpRequest.Builder request = HttpRequest.newBuilder(target)
				.method(exchange.getRequestMethod(), (body.length > 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
						: HttpRequest.BodyPublishers.noBody());
			for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
				if (!HOP_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
					header.getValue().forEach((value) -> request.header(header.getKey(), value));
				}
			}
			HttpResponse<InputStream> response;
			try {
				response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
			}
			catch (IOException ex) {
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				exchange.sendResponseHeaders(502, -1);
				return;
			}
			response.headers().map().forEach((name, values) -> {
				if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, values);
				}
			});
			try (InputStream in = response.body()) {
				long length = response.headers().firstValueAsLong("Content-Length").orElse(-2);
				boolean empty = response.statusCode() == 204 || response.statusCode() == 304 || length == 0;
				exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : 0);
				if (empty) {
					return;
				}
				OutputStream out = exchange.getResponseBody();
				byte[] buffer = new byte[8192];
				int read;
				// Flushed as it comes: an event must reach the client when the server sends it.
				while ((read = in.read(buffer)) != -1) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// The client or the backend went away: the stream ends for the other side too.
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
