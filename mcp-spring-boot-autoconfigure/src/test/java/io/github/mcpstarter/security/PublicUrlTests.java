package io.github.mcpstarter.security;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code mcp.server.public-url} set, the accepted audiences come from it alone: a client
 * cannot make a token for another server acceptable by naming that server in {@code Host}.
 */
@SpringBootTest(classes = SecuredFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublicUrlTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		LocalIssuer.registerIssuerUri(registry);
		registry.add("server.port", () -> PORT);
		registry.add("mcp.server.public-url", () -> "http://127.0.0.1:" + PORT);
	}

	@Test
	void tokenForAnotherServerIsRefusedEvenWhenTheHostHeaderNamesThatServer() throws Exception {
		String tokenForEvil = LocalIssuer.get().token("alice").audience("http://evil.example/mcp").scopes("things.read").sign();
		assertThat(rawPostStatus("evil.example", tokenForEvil)).isEqualTo(401);
	}

	@Test
	void tokenForThePublicUrlIsAcceptedWhateverTheHostHeader() throws Exception {
		String token = LocalIssuer.get().token("alice").audience("http://127.0.0.1:" + PORT + "/mcp").scopes("things.read").sign();
		assertThat(rawPostStatus("127.0.0.1:" + PORT, token)).isEqualTo(200);
		assertThat(rawPostStatus("internal-name:8080", token)).isEqualTo(200);
	}

	/** POSTs {@code initialize} over a bare socket, with a Host header of our choosing. */
	private static int rawPostStatus(String host, String token) throws Exception {
		byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
				+ "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}")
			.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("127.0.0.1", PORT)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
					+ "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
					+ "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream statusLine = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) != -1 && b != '\n') {
				statusLine.write(b);
			}
			String line = statusLine.toString(StandardCharsets.ISO_8859_1);
			assertThat(line).startsWith("HTTP/1.1 ");
			return Integer.parseInt(line.substring(9, 12));
		}
	}

}
