package io.github.mcpstarter.transport.streamable;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.fixture.FixtureApplication;
import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.Tool;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.transport.RawHttp;
import io.github.mcpstarter.transport.SseEvent;
import io.github.mcpstarter.transport.SseEventReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's server-to-client stream of the Streamable HTTP transport (GET): its priming event,
 * {@code notifications/tools/list_changed} on it, resumption with {@code Last-Event-ID} after an
 * abrupt disconnect, one stream per session, and its end with the session.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "mcp.server.session.keep-alive-interval=200ms")
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamableHttpStreamTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private ToolRegistry registry;

	@Autowired
	private McpSessionStore sessions;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<AutoCloseable> opened = new ArrayList<>();

	private List<RegisteredTool> originalTools;

	private List<RegisteredTool> withExtraTool;

	private boolean extraPublished;

	private McpHttp http;

	private String session;

	@BeforeEach
	void initialize() throws Exception {
		this.originalTools = this.registry.tools();
		this.withExtraTool = new ArrayList<>(this.originalTools);
		this.withExtraTool.add(extraTool());
		this.http = new McpHttp(URI.create("http://localhost:" + this.port + "/mcp"));
		this.session = this.http.initialize();
	}

	@AfterEach
	void restoreToolsAndCloseStreams() throws Exception {
		this.registry.publish(this.originalTools);
		for (AutoCloseable closeable : this.opened) {
			closeable.close();
		}
		this.http.send("DELETE", Map.of("Mcp-Session-Id", this.session));
	}

	@Test
	void getWithSessionOpensAnEventStreamThatStartsWithAPrimingEvent() throws Exception {
		HttpResponse<InputStream> response = this.client.send(HttpRequest.newBuilder(endpoint())
			.timeout(WAIT)
			.header("Accept", "text/event-stream")
			.header("Mcp-Session-Id", this.session)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofInputStream());
		SseEventReader events = reader(response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
		SseEvent priming = events.next(WAIT);
		assertThat(priming.id()).as("priming event id").isNotBlank();
		assertThat(priming.numericId()).isPositive();
		// The reconnection delay announced is the keep-alive interval.
		assertThat(priming.retry()).isEqualTo(200L);
		assertThat(priming.data()).isEmpty();
		assertThat(priming.event()).isNull();
	}

	@Test
	void primingEventIsWrittenAsIdRetryAndEmptyDataLines() throws Exception {
		try (RawHttp stream = openRawStream(null)) {
			assertThat(stream.status()).isEqualTo(200);
			StringBuilder head = new StringBuilder();
			InputStream body = stream.body();
			while (!head.toString().endsWith("\n\n")) {
				int b = body.read();
				assertThat(b).as("stream still open").isNotEqualTo(-1);
				head.append((char) b);
			}
			assertThat(head.toString()).matches("id: \\d+\nretry: 200\ndata: \n\n");
		}
	}

	@Test
	void toolListChangeArrivesOnTheGetStreamWithAnEventId() throws Exception {
		SseEventReader events = openStream(null);
		SseEvent priming = events.next(WAIT);

		toggleTools();

		SseEvent changed = events.next((event) -> !event.isPriming(), WAIT);
		assertThat(changed.event()).isEqualTo("message");
		assertThat(changed.numericId()).isGreaterThan(priming.numericId());
		JsonNode message = JSON.readTree(changed.data());
		assertThat(message.get("jsonrpc").asString()).isEqualTo("2.0");
		assertThat(message.get("method").asString()).isEqualTo("notifications/tools/list_changed");
		assertThat(message.has("id")).isFalse();
		// tools/list now shows the extra tool.
		JsonNode tools = McpHttp.json(this.http.post(McpHttp.request(2, "tools/list", null), this.session))
			.at("/result/tools");
		List<String> names = new ArrayList<>();
		tools.forEach((tool) -> names.add(tool.get("name").asString()));
		assertThat(names).contains("extra");
	}

	@Test
	void publishingTheSameToolsAgainSendsNoNotification() throws Exception {
		SseEventReader events = openStream(null);
		events.next(WAIT);
		this.registry.publish(this.originalTools);
		assertThat(events.drain(Duration.ofMillis(500), Duration.ofSeconds(1))).isEmpty();
	}

	@Test
	void reconnectingWithLastEventIdDeliversEveryMissedMessageExactlyOnce() throws Exception {
		RawHttp first = openRawStream(null);
		SseEventReader firstEvents = reader(first.body());
		assertThat(firstEvents.next(WAIT).isPriming()).isTrue();
		for (int i = 0; i < 10; i++) {
			toggleTools();
		}
		List<SseEvent> received = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			received.add(firstEvents.next(WAIT));
		}
		assertThat(received).noneMatch(SseEvent::isPriming);
		long lastSeen = received.get(3).numericId();

		// The client drops off abruptly, having read 4 of 10, and misses 6 more while away.
		first.abort();
		for (int i = 0; i < 6; i++) {
			toggleTools();
		}

		SseEventReader resumed = openStream(Long.toString(lastSeen));
		List<SseEvent> replayed = new ArrayList<>();
		SseEvent event;
		while (!(event = resumed.next(WAIT)).isPriming()) {
			replayed.add(event);
		}
		SseEvent priming = event;
		// Nothing else follows: no message is sent twice.
		assertThat(resumed.drain(Duration.ofMillis(500), Duration.ofSeconds(2))).isEmpty();

		assertThat(replayed).hasSize(12);
		List<SseEvent> all = new ArrayList<>(received);
		all.addAll(replayed);
		List<Long> ids = all.stream().map(SseEvent::numericId).toList();
		assertThat(ids).doesNotHaveDuplicates().isSorted();
		assertThat(replayed.get(0).numericId()).isGreaterThan(lastSeen);
		assertThat(priming.numericId()).isGreaterThan(ids.get(ids.size() - 1));
		for (SseEvent message : all) {
			assertThat(message.event()).isEqualTo("message");
			assertThat(JSON.readTree(message.data()).get("method").asString())
				.isEqualTo("notifications/tools/list_changed");
		}

		// Live messages follow on the resumed stream, once each.
		toggleTools();
		SseEvent live = resumed.next(WAIT);
		assertThat(live.numericId()).isGreaterThan(priming.numericId());
		assertThat(resumed.drain(Duration.ofMillis(500), Duration.ofSeconds(2))).isEmpty();
	}

	@Test
	void getWithoutLastEventIdReplaysNothing() throws Exception {
		SseEventReader first = openStream(null);
		first.next(WAIT);
		toggleTools();
		first.next(WAIT);
		SseEventReader second = openStream(null);
		assertThat(second.next(WAIT).isPriming()).isTrue();
		assertThat(second.drain(Duration.ofMillis(500), Duration.ofSeconds(1))).isEmpty();
	}

	@Test
	void secondGetReplacesTheFirstWhichEnds() throws Exception {
		SseEventReader first = openStream(null);
		first.next(WAIT);
		SseEventReader second = openStream(null);
		assertThat(second.next(WAIT).isPriming()).isTrue();
		assertThat(first.awaitEnd(Duration.ofSeconds(5))).as("the first stream ends").isTrue();

		toggleTools();

		SseEvent changed = second.next(WAIT);
		assertThat(JSON.readTree(changed.data()).get("method").asString())
			.isEqualTo("notifications/tools/list_changed");
		assertThat(this.sessions.find(this.session)).isNotNull();
	}

	@Test
	void deleteEndsTheSessionAndClosesItsStream() throws Exception {
		SseEventReader events = openStream(null);
		events.next(WAIT);
		HttpResponse<String> deleted = this.http.send("DELETE", Map.of("Mcp-Session-Id", this.session));
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(events.awaitEnd(Duration.ofSeconds(5))).as("the stream ends").isTrue();
		assertThat(this.sessions.find(this.session)).isNull();
		assertThat(this.http.send("GET", Map.of("Accept", "text/event-stream", "Mcp-Session-Id", this.session))
			.statusCode()).isEqualTo(404);
	}

	@Test
	void streamOfAnExpiredOrDeletedSessionIsNotReopened() throws Exception {
		this.http.send("DELETE", Map.of("Mcp-Session-Id", this.session));
		try (RawHttp stream = openRawStream("1")) {
			assertThat(stream.status()).isEqualTo(404);
		}
	}

	@Test
	void aClientThatStopsReadingHoldsUpNeitherPublishingNorOtherSessions() throws Exception {
		String stuckSession = this.http.initialize();
		Socket stuck = new Socket();
		stuck.setReceiveBufferSize(4096);
		stuck.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
		stuck.getOutputStream()
			.write(("GET /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nMcp-Session-Id: "
					+ stuckSession + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		SseEventReader healthy = openStream(null);
		healthy.next(WAIT);
		AtomicLong published = new AtomicLong();
		AtomicBoolean stop = new AtomicBoolean();
		Thread publisher = new Thread(() -> {
			boolean extra = false;
			while (!stop.get() && published.get() < 100_000) {
				extra = !extra;
				this.registry.publish(extra ? this.withExtraTool : this.originalTools);
				published.incrementAndGet();
				// Thousands a second: a reader keeps up, the stuck client's buffers fill within seconds.
				// (A reader that cannot keep up is dropped once far behind, to resume with Last-Event-ID.)
				java.util.concurrent.locks.LockSupport.parkNanos(200_000);
			}
		}, "test-publisher");
		publisher.setDaemon(true);
		publisher.start();
		try {
			// Far more than the stuck client's socket buffers hold; publishing must never stall for a second.
			long last = 0;
			for (int second = 0; second < 10 && publisher.isAlive(); second++) {
				healthy.drain(Duration.ofSeconds(1), Duration.ofSeconds(1));
				long now = published.get();
				assertThat(now).as("tool lists published after %d s", second + 1).isGreaterThan(last);
				last = now;
			}
			assertThat(healthy.poll(WAIT)).as("the healthy session still gets notifications").isNotNull();
		}
		finally {
			stop.set(true);
			stuck.setSoLinger(true, 0);
			stuck.close();
			publisher.join(WAIT.toMillis());
		}
	}

	private void toggleTools() {
		this.extraPublished = !this.extraPublished;
		this.registry.publish(this.extraPublished ? this.withExtraTool : this.originalTools);
	}

	private SseEventReader openStream(String lastEventId) throws Exception {
		RawHttp stream = openRawStream(lastEventId);
		assertThat(stream.status()).isEqualTo(200);
		assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
		return reader(stream.body());
	}

	private RawHttp openRawStream(String lastEventId) throws Exception {
		Map<String, String> headers = new HashMap<>();
		headers.put("Accept", "text/event-stream");
		headers.put("Mcp-Session-Id", this.session);
		if (lastEventId != null) {
			headers.put("Last-Event-ID", lastEventId);
		}
		RawHttp stream = RawHttp.exchange(this.port, "GET", "/mcp", headers, null, WAIT);
		this.opened.add(stream);
		return stream;
	}

	private SseEventReader reader(InputStream body) {
		SseEventReader reader = new SseEventReader(body);
		this.opened.add(reader);
		return reader;
	}

	private URI endpoint() {
		return URI.create("http://localhost:" + this.port + "/mcp");
	}

	private static RegisteredTool extraTool() {
		ObjectNode schema = JsonNodeFactory.instance.objectNode();
		schema.put("type", "object");
		Tool tool = new Tool("extra", null, "A tool published by the test", schema, null, null);
		return new RegisteredTool(tool, (arguments, context) -> CallToolResult.text("extra"));
	}

}
