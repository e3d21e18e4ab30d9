package io.github.mcpstarter.security;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.mcpstarter.fixture.HumanInTheLoopApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token holder that starts confirmations and never answers them holds request threads; it
 * fills only its own quota: another principal is still asked, and answers, and ending the
 * sessions ends the waits. Real signed tokens, raw HTTP, the attacker first.
 */
@SpringBootTest(classes = HumanInTheLoopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false",
				"mcp.server.input.max-pending-per-principal=2", "mcp.server.input.timeout=5m" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientInputQuotaTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
		LocalIssuer.registerIssuerUri(registry);
	}

	private String mcp() {
		return "http://127.0.0.1:" + this.port + "/mcp";
	}

	private String token(String subject) {
		return LocalIssuer.get().token(subject).audience(mcp()).sign();
	}

	@Test
	void aPrincipalThatNeverAnswersFillsOnlyItsOwnQuota() throws Exception {
		HumanInTheLoopApplication.NotesController.DELETED.clear();
		String mallory = token("mallory");
		String first = initialize(mallory);
		String second = initialize(mallory);
		List<OpenCall> waiting = new ArrayList<>();
		try {
			waiting.add(callDelete(mallory, first, 1));
			waiting.add(callDelete(mallory, second, 2));
			for (OpenCall call : waiting) {
				assertThat(call.next().path("method").asString()).isEqualTo("elicitation/create");
			}
			// A third wait would hold one more thread: refused at once, and nothing is deleted.
			HttpResponse<String> third = post(mallory, first, request(3, "tools/call",
					"{\"name\":\"delete_note\",\"arguments\":{\"id\":3}}"));
			JsonNode refused = JSON.readTree(third.body());
			assertThat(refused.path("error").path("code").asInt()).isEqualTo(-32600);
			assertThat(refused.path("error").path("message").asString()).contains("at most 2 at once per principal");

			// Another principal is asked as usual, and its answer completes its own call.
			String bob = token("bob");
			String bobs = initialize(bob);
			try (OpenCall call = callDelete(bob, bobs, 4)) {
				JsonNode asked = call.next();
				assertThat(asked.path("method").asString()).isEqualTo("elicitation/create");
				// Mallory cannot answer bob's request: in her session, it does not exist.
				post(mallory, first, "{\"jsonrpc\":\"2.0\",\"id\":" + asked.path("id") + ",\"result\":{\"action\":\"accept\"}}");
				post(bob, bobs, "{\"jsonrpc\":\"2.0\",\"id\":" + asked.path("id") + ",\"result\":{\"action\":\"decline\"}}");
				JsonNode result = call.next();
				assertThat(result.path("result").path("content").get(0).path("text").asString())
					.contains("the user declined");
			}
			assertThat(HumanInTheLoopApplication.NotesController.DELETED).isEmpty();
		}
		finally {
			delete(mallory, first);
			delete(mallory, second);
		}
		// Ending her sessions ended her waits: their timeout (5 minutes) is far beyond this test's.
		for (OpenCall call : waiting) {
			try (call) {
				JsonNode last = call.next();
				assertThat(last.path("result").path("isError").asBoolean()).isTrue();
			}
		}
		assertThat(HumanInTheLoopApplication.NotesController.DELETED).isEmpty();
	}

	private String initialize(String token) throws Exception {
		HttpResponse<String> response = post(token, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
				+ "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"elicitation\":{}},"
				+ "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
		post(token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
		return session;
	}

	private OpenCall callDelete(String token, String session, long id) throws Exception {
		HttpRequest request = builder(token, session)
			.POST(HttpRequest.BodyPublishers.ofString(request(10 + id, "tools/call",
					"{\"name\":\"delete_note\",\"arguments\":{\"id\":" + id + "}}")))
			.build();
		HttpResponse<InputStream> response = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
			.get(20, TimeUnit.SECONDS);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		return new OpenCall(response.body());
	}

	private HttpResponse<String> post(String token, String session, String body) throws Exception {
		return CLIENT.send(builder(token, session).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private void delete(String token, String session) throws Exception {
		CLIENT.send(builder(token, session).DELETE().build(), HttpResponse.BodyHandlers.discarding());
	}

	private HttpRequest.Builder builder(String token, String session) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(mcp()))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream");
		if (session != null) {
			builder.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
		}
		return builder;
	}

	private static String request(long id, String method, String params) {
		return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
	}

	/** A call answered with an SSE stream, read message by message. */
	private static final class OpenCall implements AutoCloseable {

		private final BufferedReader reader;

		OpenCall(InputStream body) {
			this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
		}

		JsonNode next() throws Exception {
			for (String line = this.reader.readLine(); line != null; line = this.reader.readLine()) {
				if (line.startsWith("data:")) {
					return JSON.readTree(line.substring(5).strip());
				}
			}
			throw new AssertionError("The stream ended without a message");
		}

		@Override
		public void close() throws Exception {
			this.reader.close();
		}

	}

}
