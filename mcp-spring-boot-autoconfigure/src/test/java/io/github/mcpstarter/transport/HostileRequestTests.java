package io.github.mcpstarter.transport;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.fixture.FixtureApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests no well-behaved client sends, written on a bare socket so that nothing tidies them
 * up: each is refused (or, for a client's error response, taken) as the brief of each test says.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

	private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
			+ "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"h\",\"version\":\"1\"}}}";

	@LocalServerPort
	private int port;

	private String session;

	@BeforeEach
	void initialize() throws Exception {
		Answer answer = send("POST", "/mcp", "Content-Type: application/json\r\n", INITIALIZE.getBytes(StandardCharsets.UTF_8));
		assertThat(answer.status()).isEqualTo(200);
		this.session = answer.header("Mcp-Session-Id");
	}

	@Test
	void twoAuthorizationHeadersAre400OnBothTransports() throws Exception {
		String twice = "Authorization: Bearer a\r\nAuthorization: Bearer b\r\n";
		assertThat(send("POST", "/mcp", "Content-Type: application/json\r\n" + twice,
				INITIALIZE.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
		assertThat(send("GET", "/sse", "Accept: text/event-stream\r\n" + twice, null).status()).isEqualTo(400);
	}

	@Test
	void duplicateKeysAre400WithParseError() throws Exception {
		Answer answer = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"method\":\"tools/list\"}");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().at("/error/code").asInt()).isIn(-32700, -32600);
	}

	@Test
	void bodiesThatAreNotUtf8Are400() throws Exception {
		assertThat(send("POST", "/mcp", sessionHeaders("application/json"), PING.getBytes(StandardCharsets.UTF_16))
			.status()).isEqualTo(400);
		assertThat(send("POST", "/mcp", sessionHeaders("application/json; charset=utf-16"),
				PING.getBytes(StandardCharsets.UTF_16)).status()).isEqualTo(400);
		assertThat(send("POST", "/mcp", sessionHeaders("application/json; charset=iso-8859-1"),
				PING.getBytes(StandardCharsets.ISO_8859_1)).status()).isEqualTo(400);
		assertThat(send("POST", "/mcp", sessionHeaders("application/json"),
				"{\"jsonrpc\":\"2.0\",\"id\":\"caf\u00e9\",\"method\":\"ping\"}".getBytes(StandardCharsets.ISO_8859_1))
			.status()).isEqualTo(400);
		// UTF-8 said out loud is fine.
		assertThat(send("POST", "/mcp", sessionHeaders("application/json; charset=UTF-8"),
				PING.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
	}

	@Test
	void aClientsErrorResponseIsAccepted() throws Exception {
		assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"error\":{\"code\":-32601,\"message\":\"nope\"}}").status())
			.isEqualTo(202);
		assertThat(post("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}")
			.status()).isEqualTo(202);
	}

	@Test
	void malformedParamsAreInvalidParamsWithOneLogLineAndNoStackTrace(CapturedOutput output) throws Exception {
		int logged = output.getAll().length();
		Answer cursor = post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\",\"params\":{\"cursor\":{\"a\":1}}}");
		assertThat(cursor.status()).isEqualTo(200);
		assertThat(cursor.json().at("/error/code").asInt()).isEqualTo(-32602);
		Answer level = post("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"logging/setLevel\",\"params\":{\"level\":{}}}");
		assertThat(level.json().at("/error/code").asInt()).isEqualTo(-32602);
		Answer name = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":[1]}}");
		assertThat(name.json().at("/error/code").asInt()).isEqualTo(-32602);
		String log = output.getAll().substring(logged);
		assertThat(log).doesNotContain("\tat ").doesNotContain("Exception");
	}

	private String sessionHeaders(String contentType) {
		return "Content-Type: " + contentType + "\r\nMcp-Session-Id: " + this.session + "\r\n";
	}

	private Answer post(String body) throws Exception {
		return send("POST", "/mcp", sessionHeaders("application/json"), body.getBytes(StandardCharsets.UTF_8));
	}

	private Answer send(String method, String target, String headers, byte[] body) throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
			OutputStream out = socket.getOutputStream();
			StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
				.append("Host: 127.0.0.1:").append(this.port).append("\r\n")
				.append("Accept: application/json, text/event-stream\r\n")
				.append(headers);
			if (body != null) {
				head.append("Content-Length: ").append(body.length).append("\r\n");
			}
			head.append("Connection: close\r\n\r\n");
			out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			if (body != null) {
				out.write(body);
			}
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream read = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int n;
			// An SSE answer never ends: the head is enough then.
			while ((n = in.read(buffer)) != -1) {
				read.write(buffer, 0, n);
				if (read.toString(StandardCharsets.ISO_8859_1).contains("text/event-stream")) {
					break;
				}
			}
			return Answer.parse(read.toString(StandardCharsets.UTF_8));
		}
	}

	private record Answer(int status, Map<String, String> headers, String body) {

		static Answer parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			String[] lines = raw.substring(0, end).split("\r\n");
			Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
			}
			String body = raw.substring(end + 4);
			if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
				StringBuilder unchunked = new StringBuilder();
				String rest = body;
				while (true) {
					int lineEnd = rest.indexOf("\r\n");
					int size = Integer.parseInt(rest.substring(0, lineEnd).trim(), 16);
					if (size == 0) {
						break;
					}
					unchunked.append(rest, lineEnd + 2, lineEnd + 2 + size);
					rest = rest.substring(lineEnd + 2 + size + 2);
				}
				body = unchunked.toString();
			}
			return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
		}

		String header(String name) {
			return this.headers.get(name);
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
