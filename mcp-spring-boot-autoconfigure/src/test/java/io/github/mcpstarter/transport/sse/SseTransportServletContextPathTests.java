package io.github.mcpstarter.transport.sse;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.fixture.FixtureApplication;

import static io.github.mcpstarter.transport.sse.LegacySseClient.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code endpoint} event under a servlet context path, and behind a reverse proxy that sets
 * {@code X-Forwarded-Prefix} with Boot's {@code framework} forward-headers strategy.
 *
 * <p>Spring's {@code ForwardedHeaderFilter} takes the prefix <em>in place of</em> the context path
 * (the proxy's prefix is the whole public path in front of the application's paths), so behind
 * a proxy that sends {@code X-Forwarded-Prefix: /gateway} the message URL is
 * {@code /gateway/sse/message}, not {@code /gateway/app/sse/message}.
 */
@SpringBootTest(classes = FixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.servlet.context-path=/app", "server.forward-headers-strategy=framework",
				"mcp.server.session.keep-alive-interval=200ms" })
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SseTransportServletContextPathTests {

	@LocalServerPort
	private int port;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void endpointUrlIncludesTheContextPathAndWorks() throws Exception {
		try (LegacySseClient sse = LegacySseClient.open(this.client, origin(), "/app/sse", Map.of())) {
			assertThat(sse.endpoint()).isEqualTo("/app/sse/message?sessionId=" + sse.sessionId());
			JsonNode result = sse.initialize("2024-11-05");
			assertThat(result.get("protocolVersion").asString()).isEqualTo("2024-11-05");
			assertThat(sse.post(request(2, "ping", null)).statusCode()).isEqualTo(202);
			assertThat(sse.responseTo(2).get("result").isObject()).isTrue();
		}
	}

	@Test
	void endpointUrlBehindAProxyStartsWithTheForwardedPrefix() throws Exception {
		try (LegacySseClient sse = LegacySseClient.open(this.client, origin(), "/app/sse",
				Map.of("X-Forwarded-Prefix", "/gateway"))) {
			assertThat(sse.endpoint()).isEqualTo("/gateway/sse/message?sessionId=" + sse.sessionId());
			// What the proxy forwards the client's POST to /gateway/sse/message as.
			HttpResponse<String> accepted = sse.post("/app/sse/message?sessionId=" + sse.sessionId(),
					LegacySseClient.initializeRequest(1, "2024-11-05"), "application/json");
			assertThat(accepted.statusCode()).isEqualTo(202);
			assertThat(sse.responseTo(1).at("/result/protocolVersion").asString()).isEqualTo("2024-11-05");
		}
	}

	@Test
	void forwardedPrefixThatKeepsTheContextPathIsUsedAsItIs() throws Exception {
		try (LegacySseClient sse = LegacySseClient.open(this.client, origin(), "/app/sse",
				Map.of("X-Forwarded-Prefix", "/gateway/app/"))) {
			// The filter drops the trailing slash.
			assertThat(sse.endpoint()).isEqualTo("/gateway/app/sse/message?sessionId=" + sse.sessionId());
		}
	}

	private String origin() {
		return "http://localhost:" + this.port;
	}

}
