package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import io.github.mcpstarter.security.SecureMcpHttp.SseConnection;

import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One token holder, however many sessions and streams it opens, fills only its own quota: the
 * next principal still gets in. With the default limits: 32 sessions and 16 streams per principal
 * (the shared context of the other secured tests raises the session quota; this one sets it back).
 */
@TestPropertySource(properties = "mcp.server.session.max-sessions-per-principal=32")
class SessionQuotaTests extends SecuredMcpTestSupport {

	@Test
	void aPrincipalAtItsSessionQuotaGets429WhileAnotherPrincipalStillGets200() throws Exception {
		// A token with no scope at all is enough to open sessions.
		String mallory = token("mallory");
		List<String> sessions = new ArrayList<>();
		try {
			for (int i = 0; i < 32; i++) {
				HttpResponse<String> initialized = this.http.initialize(mallory);
				assertThat(initialized.statusCode()).as("initialize %d", i).isEqualTo(200);
				sessions.add(initialized.headers().firstValue("Mcp-Session-Id").orElseThrow());
			}
			HttpResponse<String> refused = this.http.initialize(mallory);
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.headers().firstValue("Retry-After")).isPresent();
			assertThat(json(refused).at("/error/message").asString()).contains("32 sessions");
			try (SseConnection sse = this.http.openSse(mallory)) {
				assertThat(sse.status()).isEqualTo(429);
			}

			HttpResponse<String> bob = this.http.initialize(token("bob"));
			assertThat(bob.statusCode()).isEqualTo(200);
			this.http.send("DELETE", "/mcp", token("bob"),
					Map.of("Mcp-Session-Id", bob.headers().firstValue("Mcp-Session-Id").orElseThrow()));
		}
		finally {
			for (String session : sessions) {
				this.http.send("DELETE", "/mcp", mallory, Map.of("Mcp-Session-Id", session));
			}
		}
		assertThat(this.http.initialize(mallory).statusCode()).as("a freed quota serves again").isEqualTo(200);
	}

	@Test
	void aPrincipalAtItsStreamQuotaGets429WhileAnotherPrincipalStillGetsAStream() throws Exception {
		String trudy = token("trudy");
		List<SseConnection> streams = new ArrayList<>();
		try {
			for (int i = 0; i < 16; i++) {
				SseConnection sse = this.http.openSse(trudy);
				streams.add(sse);
				assertThat(sse.status()).as("stream %d", i).isEqualTo(200);
			}
			try (SseConnection refused = this.http.openSse(trudy)) {
				assertThat(refused.status()).isEqualTo(429);
			}
			try (SseConnection erin = this.http.openSse(token("erin"))) {
				assertThat(erin.status()).isEqualTo(200);
			}
		}
		finally {
			for (SseConnection stream : streams) {
				stream.close();
			}
		}
	}

}
