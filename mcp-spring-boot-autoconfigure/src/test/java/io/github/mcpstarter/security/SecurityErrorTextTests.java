package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the security path tells a client never names the server's internals: no exception class,
 * package or stack trace, whatever the client sends as a token.
 */
class SecurityErrorTextTests extends SecuredMcpTestSupport {

	/** A Java type or a stack frame. */
	static final Pattern INTERNALS = Pattern.compile(
			"(java|javax|jakarta|com\\.nimbusds|org\\.springframework|tools\\.jackson|io\\.github)\\.[a-z]"
					+ "|[A-Za-z]+Exception|\\tat |\\$[0-9]");

	@Test
	void refusedTokensAreAnsweredWithoutInternals() throws Exception {
		String header = encode("{\"alg\":\"RS256\",\"kid\":\"" + LocalIssuer.KEY_ID + "\"}");
		List<String> tokens = List.of("x", "a.b.c", "....", header + "." + encode("not json") + ".c2ln",
				header + "." + encode("{\"sub\":[1,2],\"exp\":\"soon\"}") + ".c2ln",
				encode("{\"alg\":\"none\"}") + "." + encode("{\"sub\":\"a\"}") + ".",
				encode("{\"alg\":\"HS256\"}") + "." + encode("{\"sub\":\"a\"}") + ".c2ln",
				encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A128GCM\"}") + ".a.b.c.d", issuer().token("alice").sign(),
				issuer().token("alice").audience(mcpResource()).signedByStranger().sign(),
				LocalIssuer.tamperWithPayload(token("alice")));
		for (String token : tokens) {
			HttpResponse<String> response = this.http.initialize(token);
			String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
			assertThat(response.statusCode()).as(token).isEqualTo(401);
			assertThat(challenge).as(token).doesNotContainPattern(INTERNALS);
			assertThat(response.body()).as(token).doesNotContainPattern(INTERNALS);
		}
	}

	@Test
	void refusedMcpRequestsAreAnsweredWithoutInternals() throws Exception {
		String token = token("alice", "things.read");
		HttpResponse<String> notJson = this.http.post("/mcp", "{not json", token, NO_HEADERS);
		assertThat(notJson.body()).doesNotContainPattern(INTERNALS);
		HttpResponse<String> forbidden = this.http.post("/mcp", SecureMcpHttp.initializeRequest("2025-11-25"), token,
				java.util.Map.of("Origin", "http://evil.example"));
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.body()).doesNotContainPattern(INTERNALS);
		for (String path : List.of("/mcp;x=1", "/m%2fcp", "/mcp/%2e%2e/mcp", "/mcp%00")) {
			SecureMcpHttp.RawResponse rejected = SecureMcpHttp.raw(this.port, "POST", path, "127.0.0.1:" + this.port,
					java.util.Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"),
					SecureMcpHttp.initializeRequest("2025-11-25"));
			assertThat(rejected.status()).as(path).isBetween(400, 499);
			assertThat(rejected.body()).as(path).doesNotContainPattern(INTERNALS);
			assertThat(rejected.headers().toString()).as(path).doesNotContainPattern(INTERNALS);
		}
	}

	private static String encode(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
