package io.github.mcpstarter.transport;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.fixture.FixtureApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends a huge {@code clientInfo.name} in each of 100 {@code initialize}s: the
 * server refuses each with -32602 naming the field, and keeps none of it.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OversizedClientValuesTests {

	private static final int INITIALIZES = 100;

	private static final String HUGE_NAME = "n".repeat(1024 * 1024);

	/** A generous margin: 100 kept names would take at least 100 MB. */
	private static final long MAX_GROWTH = 40L * 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void streamableHttpKeepsNoOversizedClientInfo() throws Exception {
		long before = heapAfterGc();
		for (int i = 0; i < INITIALIZES; i++) {
			HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(URI.create(base() + "/mcp"))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json, text/event-stream")
				.POST(HttpRequest.BodyPublishers.ofString(initialize()))
				.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode error = JSON.readTree(response.body()).get("error");
			assertThat(error).as("initialize %d: %s", i, response.statusCode()).isNotNull();
			assertThat(error.get("code").asInt()).isEqualTo(-32602);
			assertThat(error.get("message").asString()).contains("clientInfo.name");
		}
		assertThat(heapAfterGc() - before).isLessThan(MAX_GROWTH);
	}

	@Test
	void legacySseKeepsNoOversizedClientInfo() throws Exception {
		long before = heapAfterGc();
		List<Socket> streams = new ArrayList<>();
		try {
			for (int i = 0; i < INITIALIZES; i++) {
				Socket stream = new Socket();
				streams.add(stream);
				stream.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
				stream.setSoTimeout(10_000);
				stream.getOutputStream()
					.write(("GET /sse HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nAccept: text/event-stream\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
				String messageUrl = SlowReaderTests.readEndpoint(stream.getInputStream());
				HttpResponse<String> response = this.client.send(
						HttpRequest.newBuilder(URI.create(base() + messageUrl))
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString(initialize()))
							.build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(202);
			}
			assertThat(heapAfterGc() - before).isLessThan(MAX_GROWTH);
		}
		finally {
			for (Socket stream : streams) {
				stream.close();
			}
		}
	}

	private static String initialize() {
		return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2024-11-05\","
				+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"" + HUGE_NAME + "\",\"version\":\"1\"}}}";
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private static long heapAfterGc() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
