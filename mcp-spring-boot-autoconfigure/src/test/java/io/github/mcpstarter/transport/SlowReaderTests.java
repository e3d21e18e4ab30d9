package io.github.mcpstarter.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.mcpstarter.fixture.FixtureApplication;
import io.github.mcpstarter.protocol.TransportContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A legacy SSE client that never reads its stream, with a tiny receive buffer: its socket fills,
 * and hundreds of messages for it queue up. No request thread may wait on that socket: other
 * callers are answered at once, and the server closes the stream that fell behind.
 *
 * <p>Tomcat's pool is small here, so that threads stuck on the slow socket would show at once.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=20", "server.tomcat.threads.min-spare=20", "server.jetty.threads.max=20",
				"server.jetty.threads.min=20",
				"mcp.server.session.keep-alive-interval=500ms" })
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SlowReaderTests {

	private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

	@LocalServerPort
	private int port;

	@Autowired
	private OpenStreams streams;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void aClientThatNeverReadsStallsNobodyElseAndLosesItsStream() throws Exception {
		ExecutorService posters = Executors.newFixedThreadPool(32);
		try (Socket slow = new Socket()) {
			slow.setReceiveBufferSize(1024);
			slow.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			slow.setSoTimeout(10_000);
			OutputStream out = slow.getOutputStream();
			out.write(("GET /sse HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String messageUrl = readEndpoint(slow.getInputStream());
			assertThat(this.streams.count(TransportContext.SSE)).isEqualTo(1);

			// Large answers to fill the socket, then hundreds of small ones to queue behind them.
			List<Future<Integer>> posts = new ArrayList<>();
			for (int i = 0; i < 60; i++) {
				int id = i;
				posts.add(posters.submit(() -> post(messageUrl,
						"{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"numbers\","
								+ "\"arguments\":{\"count\":50000}}}")));
			}
			for (int i = 0; i < 600; i++) {
				int id = 100 + i;
				posts.add(posters.submit(() -> post(messageUrl,
						"{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}")));
			}
			// Other callers, again and again while the answers pile up for the slow client.
			long started = System.nanoTime();
			int probes = 0;
			while (!posts.stream().allMatch(Future::isDone) || probes < 3) {
				assertThat(Duration.ofNanos(System.nanoTime() - started)).as("all POSTs accepted")
					.isLessThan(Duration.ofSeconds(20));
				probe();
				probes++;
				Thread.sleep(200);
			}
			for (Future<Integer> post : posts) {
				assertThat(post.get()).isIn(202, 404);
			}
			await().atMost(Duration.ofSeconds(15)).until(() -> this.streams.count(TransportContext.SSE) == 0);
		}
		finally {
			posters.shutdownNow();
		}
	}

	/** Another caller's initialize and tool call, each answered within the limit. */
	private void probe() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> initialize = this.client.send(HttpRequest.newBuilder(URI.create(base() + "/mcp"))
			.timeout(ANSWER_WITHIN)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
					+ "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
					+ "\"clientInfo\":{\"name\":\"other\",\"version\":\"1\"}}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(initialize.statusCode()).isEqualTo(200);
		String session = initialize.headers().firstValue("Mcp-Session-Id").orElseThrow();
		HttpResponse<String> call = this.client.send(HttpRequest.newBuilder(URI.create(base() + "/mcp"))
			.timeout(ANSWER_WITHIN)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("Mcp-Session-Id", session)
			.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
					+ "\"params\":{\"name\":\"greet\",\"arguments\":{\"name\":\"Ada\"}}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(call.statusCode()).isEqualTo(200);
		assertThat(call.body()).contains("Hello, Ada!");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ANSWER_WITHIN);
		this.client.send(HttpRequest.newBuilder(URI.create(base() + "/mcp"))
			.header("Mcp-Session-Id", session)
			.DELETE()
			.build(), HttpResponse.BodyHandlers.discarding());
	}

	private int post(String messageUrl, String body) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create(base() + messageUrl))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Reads the response head and the endpoint event, byte by byte, and nothing more. */
	static String readEndpoint(InputStream in) throws Exception {
		StringBuilder read = new StringBuilder();
		int b;
		while ((b = in.read()) != -1) {
			read.append((char) b);
			int at = read.indexOf("data: /");
			if (at >= 0 && read.charAt(read.length() - 1) == '\n' && read.length() > at + 7) {
				return read.substring(at + "data: ".length(), read.length() - 1).trim();
			}
		}
		throw new IllegalStateException("no endpoint event in: " + read);
	}

}
