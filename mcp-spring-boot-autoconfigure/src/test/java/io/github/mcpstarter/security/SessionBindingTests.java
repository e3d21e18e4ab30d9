package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.security.SecureMcpHttp.SseConnection;

import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session belongs to the principal that opened it: to anyone else, even with a valid token
 * from the same issuer, it does not exist.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionBindingTests extends SecuredMcpTestSupport {

	@Autowired
	private McpSessionStore sessions;

	@Test
	void sessionIsOwnedByTheTokensSubject() throws Exception {
		String session = this.http.openSession(token("alice", "things.read"));
		McpSession opened = this.sessions.find(session);
		assertThat(opened).isNotNull();
		assertThat(opened.owner()).isEqualTo("alice");
	}

	@Test
	void anotherPrincipalGets404ForTheSessionOnPostGetAndDeleteAndTheOwnersSessionSurvives() throws Exception {
		String alice = token("alice", "things.read");
		String bob = token("bob", "things.read", "things.write", "things.admin", "admin");
		String session = this.http.openSession(alice);

		HttpResponse<String> post = this.http.request(bob, session, 2, "ping", null);
		assertThat(post.statusCode()).isEqualTo(404);
		assertThat(json(post).at("/error/code").asInt()).isEqualTo(-32001);
		assertThat(post.body()).doesNotContain("alice");

		HttpResponse<String> call = this.http.callTool(bob, session, "list_things", null);
		assertThat(call.statusCode()).isEqualTo(404);

		HttpResponse<String> get = this.http.exchange("GET", "/mcp", bob, null,
				Map.of("Accept", "text/event-stream", "Mcp-Session-Id", session));
		assertThat(get.statusCode()).isEqualTo(404);

		HttpResponse<String> delete = this.http.send("DELETE", "/mcp", bob, Map.of("Mcp-Session-Id", session));
		assertThat(delete.statusCode()).isEqualTo(404);
		assertThat(this.sessions.find(session)).as("bob's DELETE ended nothing").isNotNull();

		HttpResponse<String> ping = this.http.request(alice, session, 3, "ping", null);
		assertThat(ping.statusCode()).isEqualTo(200);
		assertThat(json(ping).get("result").isObject()).isTrue();

		HttpResponse<String> end = this.http.send("DELETE", "/mcp", alice, Map.of("Mcp-Session-Id", session));
		assertThat(end.statusCode()).isEqualTo(204);
		assertThat(this.sessions.find(session)).isNull();
	}

	/**
	 * RFC 7519 makes {@code sub} optional, and some issuers leave it out of client-credentials
	 * tokens. Two different clients whose tokens have no subject are still two principals: one must
	 * not get into the other's session (or a session must not be opened for no one in particular).
	 */
	@Test
	void clientsWhoseTokensHaveNoSubjectDoNotShareSessions() throws Exception {
		String clientA = issuer().token(null).audience(mcpResource()).claim("client_id", "client-a").sign();
		String clientB = issuer().token(null).audience(mcpResource()).claim("client_id", "client-b").sign();
		HttpResponse<String> initialized = this.http.initialize(clientA);
		if (initialized.statusCode() == 200) {
			String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
			assertThat(this.http.request(clientB, session, 2, "ping", null).statusCode()).isEqualTo(404);
			assertThat(this.http.send("DELETE", "/mcp", clientB, Map.of("Mcp-Session-Id", session)).statusCode())
				.isEqualTo(404);
		}
		else {
			assertThat(initialized.statusCode()).isIn(401, 403);
		}
	}

	@Test
	void ownersNewTokenKeepsTheSession() throws Exception {
		String session = this.http.openSession(token("alice", "things.read"));
		HttpResponse<String> ping = this.http.request(token("alice", "things.read", "things.write"), session, 2,
				"ping", null);
		assertThat(ping.statusCode()).isEqualTo(200);
	}

	@Test
	void anotherPrincipalGets404PostingToTheSseSessionsMessageUrlAndTheOwnersSessionSurvives() throws Exception {
		String alice = token("alice", "things.read");
		String bob = token("bob", "things.read");
		try (SseConnection sse = this.http.openSse(alice)) {
			assertThat(sse.status()).isEqualTo(200);
			String endpoint = sse.next("endpoint").data();

			HttpResponse<String> hijack = this.http.exchange("POST", endpoint, bob,
					SecureMcpHttp.initializeRequest("2024-11-05"), Map.of());
			assertThat(hijack.statusCode()).isEqualTo(404);
			assertThat(json(hijack).at("/error/code").asInt()).isEqualTo(-32001);
			HttpResponse<String> call = this.http.exchange("POST", endpoint, bob,
					SecureMcpHttp.request(9, "tools/call", "{\"name\":\"list_things\"}"), Map.of());
			assertThat(call.statusCode()).isEqualTo(404);

			HttpResponse<String> own = this.http.exchange("POST", endpoint, alice,
					SecureMcpHttp.initializeRequest("2024-11-05"), Map.of());
			assertThat(own.statusCode()).isEqualTo(202);
			assertThat(sse.nextResponse(1).at("/result/protocolVersion").asString()).isEqualTo("2024-11-05");
			this.http.exchange("POST", endpoint, alice, SecureMcpHttp.request(2, "tools/call",
					"{\"name\":\"list_things\"}"), Map.of());
			assertThat(sse.nextResponse(2).at("/result/content/0/text").asString()).contains("first");
		}
	}

	@Test
	void aStreamableHttpSessionIdIsUnknownToTheSseTransport() throws Exception {
		String alice = token("alice", "things.read");
		String session = this.http.openSession(alice);
		HttpResponse<String> post = this.http.exchange("POST", "/sse/message?sessionId=" + session, alice,
				SecureMcpHttp.request(2, "ping", null), Map.of());
		assertThat(post.statusCode()).isEqualTo(404);
		assertThat(this.http.request(alice, session, 3, "ping", null).statusCode()).isEqualTo(200);
	}

	@Test
	void anSseSessionIdIsUnknownToTheStreamableHttpTransport() throws Exception {
		String alice = token("alice", "things.read");
		try (SseConnection sse = this.http.openSse(alice)) {
			String endpoint = sse.next("endpoint").data();
			String session = endpoint.substring(endpoint.indexOf("sessionId=") + "sessionId=".length());
			assertThat(this.http.request(alice, session, 2, "ping", null).statusCode()).isEqualTo(404);
			HttpResponse<String> delete = this.http.send("DELETE", "/mcp", alice, Map.of("Mcp-Session-Id", session));
			assertThat(delete.statusCode()).isEqualTo(404);
			assertThat(this.sessions.find(session)).as("the SSE session survives").isNotNull();
		}
	}

	@Test
	void theSameSubjectThroughAnotherClientGets404() throws Exception {
		String viaA = issuer().token("alice").audience(mcpResource()).scopes("things.read").claim("azp", "client-a").sign();
		String viaB = issuer().token("alice").audience(mcpResource()).scopes("things.read").claim("azp", "client-b").sign();
		String viaClientIdB = issuer().token("alice").audience(mcpResource()).scopes("things.read")
			.claim("client_id", "client-b").sign();
		String session = this.http.openSession(viaA);
		assertThat(this.http.request(viaB, session, 2, "ping", null).statusCode()).isEqualTo(404);
		assertThat(this.http.request(viaClientIdB, session, 3, "ping", null).statusCode()).isEqualTo(404);
		assertThat(this.http.send("DELETE", "/mcp", viaB, Map.of("Mcp-Session-Id", session)).statusCode()).isEqualTo(404);
		String againViaA = issuer().token("alice").audience(mcpResource()).scopes("things.read", "things.write")
			.claim("azp", "client-a").sign();
		assertThat(this.http.request(againViaA, session, 4, "ping", null).statusCode()).isEqualTo(200);
		assertThat(this.sessions.find(session).sessionOwner())
			.isEqualTo(new io.github.mcpstarter.protocol.SessionOwner(issuer().issuer(), "alice", "client-a"));
	}

}
