package io.github.mcpstarter.security;

import java.util.Map;
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

	@Test
	void metadataUnderAHostileHostHeaderNamesThePublicUrl() throws Exception {
		for (String endpoint : new String[] { "/mcp", "/sse" }) {
			SecureMcpHttp.RawResponse response = SecureMcpHttp.raw(PORT, "GET",
					"/.well-known/oauth-protected-resource" + endpoint, "evil.example", Map.of(), null);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(SecureMcpHttp.json(response.body()).get("resource").asString())
				.isEqualTo("http://127.0.0.1:" + PORT + endpoint);
		}
		SecureMcpHttp.RawResponse bare = SecureMcpHttp.raw(PORT, "GET", "/.well-known/oauth-protected-resource",
				"evil.example", Map.of(), null);
		assertThat(bare.status()).isEqualTo(200);
		assertThat(SecureMcpHttp.json(bare.body()).get("resource").asString()).doesNotContain("evil.example");
	}

	@Test
	void metadataOfAPathThatIsNoMcpEndpointIsNotFound() throws Exception {
		for (String path : new String[] { "/things", "/api/owners", "/mcp/extra", "/sse/message/x" }) {
			SecureMcpHttp.RawResponse response = SecureMcpHttp.raw(PORT, "GET",
					"/.well-known/oauth-protected-resource" + path, "127.0.0.1:" + PORT, Map.of(), null);
			assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(404);
			assertThat(response.body()).as(path).doesNotContain("\"resource\"");
		}
	}

	@Test
	void challengeUnderAHostileHostHeaderPointsToThePublicMetadata() throws Exception {
		SecureMcpHttp.RawResponse response = SecureMcpHttp.raw(PORT, "POST", "/mcp", "evil.example",
				Map.of("Content-Type", "application/json", "Accept", SecureMcpHttp.ACCEPT_BOTH),
				SecureMcpHttp.initializeRequest("2025-11-25"));
		assertThat(response.status()).isEqualTo(401);
		assertThat(SecureMcpHttp.challengeParameters(response.headers().get("WWW-Authenticate")))
			.containsEntry("resource_metadata", "http://127.0.0.1:" + PORT + "/.well-known/oauth-protected-resource/mcp");
	}

	private static int rawPostStatus(String host, String token) throws Exception {
		return SecureMcpHttp.rawInitializeStatus(PORT, host, token);
	}

}
