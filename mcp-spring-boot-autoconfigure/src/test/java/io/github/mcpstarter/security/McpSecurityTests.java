package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.security.SecureMcpHttp.SseConnection;

import static io.github.mcpstarter.security.SecureMcpHttp.initializeRequest;
import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication of every MCP endpoint against a real issuer: which tokens get in, which get a
 * 401, and that every 401 tells the client where to get a token and for which scopes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class McpSecurityTests extends SecuredMcpTestSupport {

	/** The MCP endpoints, each as a client first reaches it. */
	enum Endpoint {

		/** Streamable HTTP: {@code initialize}. */
		STREAMABLE_HTTP("POST", "/mcp", initializeRequest("2025-11-25"), "/mcp"),

		/** Legacy SSE: opening the stream. */
		SSE_STREAM("GET", "/sse", null, "/sse"),

		/** Legacy SSE: a message for a session. */
		SSE_MESSAGE("POST", "/sse/message?sessionId=x", SecureMcpHttp.request(1, "ping", null), "/sse");

		final String method;

		final String path;

		final String body;

		final String metadataEndpoint;

		Endpoint(String method, String path, String body, String metadataEndpoint) {
			this.method = method;
			this.path = path;
			this.body = body;
			this.metadataEndpoint = metadataEndpoint;
		}

		String pathWithQueryToken(String token) {
			return this.path + (this.path.contains("?") ? "&" : "?") + "access_token=" + token;
		}

	}

	/** Credentials the server must refuse; each minted for {@code /mcp} unless its flaw is the audience. */
	enum RefusedCredential {

		NO_TOKEN(false, null, (test) -> null),

		EXPIRED(true, "Jwt expired at", (test) -> test.validFor(test.issuer().token("alice"))
			.issuedAt(Instant.now().minus(Duration.ofMinutes(20)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(10)))
			.sign()),

		NOT_YET_VALID(true, "Jwt used before", (test) -> test.validFor(test.issuer().token("alice"))
			.notBefore(Instant.now().plus(Duration.ofMinutes(10)))
			.sign()),

		WRONG_ISSUER(true, "The iss claim is not valid", (test) -> test.validFor(test.issuer().token("alice"))
			.issuer("https://evil.example")
			.sign()),

		WRONG_AUDIENCE(true, "The token was not issued for this server", (test) -> test.issuer().token("alice").audience("https://other.example/mcp").sign()),

		NO_AUDIENCE(true, "The token was not issued for this server", (test) -> test.issuer().token("alice").sign()),

		PAYLOAD_ALTERED_AFTER_SIGNING(true, "Invalid signature",
				(test) -> LocalIssuer.tamperWithPayload(test.validFor(test.issuer().token("alice")).sign())),

		ENCODED_PAYLOAD_CHARACTER_FLIPPED(true, "Malformed payload|Invalid signature",
				(test) -> LocalIssuer.flipCharacterOfEncodedPayload(test.validFor(test.issuer().token("alice")).sign())),

		UNSIGNED_ALG_NONE(true, "Unsupported algorithm of none", (test) -> test.validFor(test.issuer().token("alice")).unsigned()),

		HS256_WITH_PUBLIC_KEY_AS_SECRET(true, "Another algorithm expected, or no matching key",
				(test) -> test.validFor(test.issuer().token("alice")).signedWithPublicKeyAsHmacSecret()),

		UNKNOWN_KEY_ID(true, "no matching key", (test) -> test.validFor(test.issuer().token("alice")).signedByStranger().sign()),

		KNOWN_KEY_ID_WRONG_KEY(true, "Invalid signature",
				(test) -> test.validFor(test.issuer().token("alice")).signedByStrangerClaimingTheIssuersKeyId().sign()),

		/** A valid token, but in the query string: MCP clients must not put it there; it is not looked at. */
		VALID_TOKEN_IN_QUERY_STRING_ONLY(false, null, (test) -> test.token("alice", "things.read"));

		final boolean sentInHeader;

		/** Why the token is refused, a pattern of the challenge's {@code error_description}. */
		final String reason;

		private final Function<McpSecurityTests, String> token;

		RefusedCredential(boolean sentInHeader, String reason, Function<McpSecurityTests, String> token) {
			this.sentInHeader = sentInHeader;
			this.reason = reason;
			this.token = token;
		}

		String token(McpSecurityTests test) {
			return this.token.apply(test);
		}

	}

	LocalIssuer.Token validFor(LocalIssuer.Token token) {
		return token.audience(mcpResource()).scopes("things.read");
	}

	static Stream<Arguments> everyEndpointWithEveryRefusedCredential() {
		List<Arguments> arguments = new ArrayList<>();
		for (Endpoint endpoint : Endpoint.values()) {
			for (RefusedCredential credential : RefusedCredential.values()) {
				arguments.add(Arguments.of(endpoint, credential));
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} with {1}")
	@MethodSource("everyEndpointWithEveryRefusedCredential")
	void refusedCredentialGets401WithBearerChallengeNamingMetadataAndScopes(Endpoint endpoint,
			RefusedCredential credential) throws Exception {
		String token = credential.token(this);
		HttpResponse<String> response = (credential == RefusedCredential.VALID_TOKEN_IN_QUERY_STRING_ONLY)
				? this.http.exchange(endpoint.method, endpoint.pathWithQueryToken(token), null, endpoint.body,
						NO_HEADERS)
				: this.http.exchange(endpoint.method, endpoint.path, token, endpoint.body, NO_HEADERS);
		assertUnauthorized(response, metadataUrl(endpoint.metadataEndpoint), TOOL_SCOPES, credential.sentInHeader);
		if (credential.reason != null) {
			// Refused for the intended reason, not by accident of how the token was built.
			assertThat(SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(response)).get("error_description"))
				.containsPattern(credential.reason);
		}
	}

	@Test
	void refusedTokenGetsNoSessionAndNoProtocolAnswer() throws Exception {
		HttpResponse<String> response = this.http.initialize(RefusedCredential.EXPIRED.token(this));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
		assertThat(response.body()).doesNotContain("serverInfo").doesNotContain("protocolVersion");
	}

	@Test
	void validTokenForTheMcpEndpointInitializesASession() throws Exception {
		HttpResponse<String> response = this.http.initialize(token("alice", "things.read"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
		assertThat(json(response).at("/result/serverInfo/name").asString()).isEqualTo("things-service");
		assertThat(issuer().discoveryRequests()).as("the resource server asked the real issuer").isPositive();
	}

	@Test
	void sessionEstablishedWithAValidTokenAnswersPing() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		HttpResponse<String> response = this.http.request(token, session, "\"p\"", "ping", null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.get("result").isObject()).isTrue();
	}

	@Test
	void validTokenOpensTheSseStreamWithItsEndpointEvent() throws Exception {
		try (SseConnection sse = this.http.openSse(token("alice", "things.read"))) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(sse.next("endpoint").data()).startsWith("/sse/message?sessionId=");
		}
	}

	@Test
	void validTokenPassesAuthenticationOnTheSseMessageEndpoint() throws Exception {
		HttpResponse<String> response = this.http.exchange("POST", "/sse/message?sessionId=no-such-session",
				token("alice", "things.read"), SecureMcpHttp.request(1, "ping", null), NO_HEADERS);
		// Past authentication, the transport itself answers: that session does not exist.
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void tokenForTheServerBaseUrlIsAccepted() throws Exception {
		assertAccepted(issuer().token("alice").audience(base()).scopes("things.read").sign());
		assertAccepted(issuer().token("alice").audience(base() + "/").scopes("things.read").sign());
	}

	@Test
	void tokenForTheSseEndpointIsAcceptedOnTheStreamableEndpoint() throws Exception {
		assertAccepted(issuer().token("alice").audience(base() + "/sse").scopes("things.read").sign());
	}

	@Test
	void tokenForTheStreamableEndpointIsAcceptedOnTheSseEndpoint() throws Exception {
		try (SseConnection sse = this.http.openSse(token("alice", "things.read"))) {
			assertThat(sse.status()).isEqualTo(200);
		}
	}

	@Test
	void tokenWithSeveralAudiencesIsAcceptedWhenOneNamesThisServer() throws Exception {
		assertAccepted(issuer().token("alice")
			.audience("https://other.example/api", mcpResource())
			.scopes("things.read")
			.sign());
	}

	@Test
	void tokenForAnotherServerFromTheSameIssuerIsRefused() throws Exception {
		for (String audience : List.of("https://other.example/mcp", base() + "/other", base() + "/mcp/",
				"http://127.0.0.1:" + (this.port + 1) + "/mcp", "https://127.0.0.1:" + this.port + "/mcp")) {
			HttpResponse<String> response = this.http
				.initialize(issuer().token("alice").audience(audience).scopes("things.read").sign());
			assertThat(response.statusCode()).as(audience).isEqualTo(401);
			assertThat(SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(response))).as(audience)
				.containsEntry("error", "invalid_token");
		}
	}

	@Test
	void tokenInTheAuthorizationHeaderIsAcceptedWhateverTheQueryString() throws Exception {
		HttpResponse<String> response = this.http.post("/mcp?access_token=garbage", initializeRequest("2025-11-25"),
				token("alice", "things.read"), NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void requestFromAHostileBrowserOriginWithAValidTokenGets403() throws Exception {
		HttpResponse<String> response = this.http.post("/mcp", initializeRequest("2025-11-25"),
				token("alice", "things.read"), Map.of("Origin", "http://evil.example"));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
		assertThat(json(response).at("/error/message").asString()).contains("Origin");
	}

	@Test
	void sseStreamFromAHostileBrowserOriginWithAValidTokenGets403() throws Exception {
		HttpResponse<String> response = this.http.exchange("GET", "/sse", token("alice", "things.read"), null,
				Map.of("Accept", "text/event-stream", "Origin", "http://evil.example"));
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void requestFromALoopbackBrowserOriginWithAValidTokenIsServed() throws Exception {
		HttpResponse<String> response = this.http.post("/mcp", initializeRequest("2025-11-25"),
				token("alice", "things.read"), Map.of("Origin", "http://127.0.0.1:" + this.port));
		assertThat(response.statusCode()).isEqualTo(200);
	}

	/**
	 * The Origin check claims to run ahead of authentication ({@code McpOriginConfiguration}: "a
	 * request from a hostile page is refused before anything else").
	 */
	@ParameterizedTest
	@EnumSource(value = Endpoint.class, names = { "STREAMABLE_HTTP", "SSE_STREAM" })
	void requestFromAHostileBrowserOriginWithoutATokenIsRefusedBeforeAuthentication(Endpoint endpoint)
			throws Exception {
		HttpResponse<String> response = this.http.exchange(endpoint.method, endpoint.path, null, endpoint.body,
				Map.of("Origin", "http://evil.example"));
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void tokenForThisServerIsAcceptedOverARawConnection() throws Exception {
		// The control for the Host header test: the raw client itself works.
		assertThat(rawPostStatus("127.0.0.1:" + this.port, token("alice", "things.read"))).isEqualTo(200);
	}

	private void assertAccepted(String token) throws Exception {
		HttpResponse<String> response = this.http.initialize(token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json(response).at("/result/protocolVersion").asString()).isEqualTo("2025-11-25");
	}

	private int rawPostStatus(String host, String token) throws Exception {
		return SecureMcpHttp.rawInitializeStatus(this.port, host, token);
	}

}
