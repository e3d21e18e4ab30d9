package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static io.github.mcpstarter.security.ProtectedResourceMetadataTests.strings;
import static io.github.mcpstarter.security.SecuredMcpTestSupport.assertUnauthorized;
import static io.github.mcpstarter.security.SecureMcpHttp.initializeRequest;
import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code mcp.server.security.*} properties: extra audiences, scopes every request needs
 * ({@code offline_access} never among them), the advertised authorization servers, and allowed
 * browser origins; and the URLs of a server behind a proxy that forwards its public host.
 */
@SpringBootTest(classes = SecuredFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false",
				"mcp.server.title=Things MCP", "mcp.server.security.audiences=api://things",
				"mcp.server.security.scopes=mcp.use,offline_access",
				"mcp.server.security.authorization-servers=https://login.example",
				"mcp.server.security.allowed-origins=https://app.example", "server.forward-headers-strategy=framework" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class McpSecurityPropertiesTests {

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
		LocalIssuer.registerIssuerUri(registry);
	}

	private SecureMcpHttp http() {
		return new SecureMcpHttp("http://127.0.0.1:" + this.port);
	}

	private String metadataUrl(String endpoint) {
		return "http://127.0.0.1:" + this.port + "/.well-known/oauth-protected-resource" + endpoint;
	}

	private String token(String audience, String... scopes) {
		return LocalIssuer.get().token("alice").audience(audience).scopes(scopes).sign();
	}

	@Test
	void tokenForAConfiguredAudienceIsAccepted() throws Exception {
		HttpResponse<String> response = http().initialize(token("api://things", "mcp.use"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void tokenForThisServersOwnUrlIsStillAccepted() throws Exception {
		HttpResponse<String> response = http().initialize(token("http://127.0.0.1:" + this.port + "/mcp", "mcp.use"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void tokenForAnAudienceNotConfiguredIsRefused() throws Exception {
		assertUnauthorized(http().initialize(token("api://other", "mcp.use")), metadataUrl("/mcp"),
				List.of("mcp.use"), true);
	}

	@Test
	void challengeWithoutATokenAsksForTheRequiredScopesOnlyAndNeverOfflineAccess() throws Exception {
		assertUnauthorized(http().initialize(null), metadataUrl("/mcp"), List.of("mcp.use"), false);
	}

	@Test
	void tokenWithoutARequiredScopeGets403InsufficientScopeOnEveryEndpoint() throws Exception {
		String token = token("api://things", "things.write", "things.admin", "admin");
		assertInsufficientScope(http().initialize(token), "/mcp");
		assertInsufficientScope(http().exchange("GET", "/sse", token, null, Map.of("Accept", "text/event-stream")),
				"/sse");
		assertInsufficientScope(http().exchange("POST", "/sse/message?sessionId=x", token,
				SecureMcpHttp.request(1, "ping", null), Map.of()), "/sse");
	}

	private void assertInsufficientScope(HttpResponse<String> response, String endpoint) {
		assertThat(response.statusCode()).isEqualTo(403);
		String challenge = SecureMcpHttp.challenge(response);
		assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\"");
		assertThat(SecureMcpHttp.challengeParameters(challenge)).containsEntry("scope", "mcp.use")
			.containsEntry("resource_metadata", metadataUrl(endpoint));
		assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32003);
	}

	@Test
	void metadataAdvertisesTheConfiguredAuthorizationServersAndEveryScopeButOfflineAccess() throws Exception {
		HttpResponse<String> response = http().send("GET", "/.well-known/oauth-protected-resource/mcp", null,
				Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = json(response);
		assertThat(strings(metadata.get("authorization_servers"))).containsExactly("https://login.example");
		assertThat(strings(metadata.get("scopes_supported"))).contains("mcp.use", "things.write", "things.admin")
			.doesNotContain("offline_access");
		assertThat(metadata.get("resource_name").asString()).isEqualTo("Things MCP");
	}

	@Test
	void behindAProxyTheChallengeAndTheAcceptedAudienceAreThePublicUrl() throws Exception {
		Map<String, String> forwarded = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "mcp.example");
		HttpResponse<String> unauthorized = http().post("/mcp", initializeRequest("2025-11-25"), null, forwarded);
		assertUnauthorized(unauthorized, "https://mcp.example/.well-known/oauth-protected-resource/mcp",
				List.of("mcp.use"), false);
		HttpResponse<String> metadata = http().send("GET", "/.well-known/oauth-protected-resource/mcp", null,
				forwarded);
		assertThat(json(metadata).get("resource").asString()).isEqualTo("https://mcp.example/mcp");
		HttpResponse<String> accepted = http().post("/mcp", initializeRequest("2025-11-25"),
				token("https://mcp.example/mcp", "mcp.use"), forwarded);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		HttpResponse<String> internalUrl = http().post("/mcp", initializeRequest("2025-11-25"),
				token("http://127.0.0.1:" + this.port + "/mcp", "mcp.use"), forwarded);
		assertThat(internalUrl.statusCode()).as("a token for the internal URL, seen through the proxy").isEqualTo(401);
	}

	@Test
	void configuredBrowserOriginIsServedAndOthersIncludingLoopbackAreRefused() throws Exception {
		String token = token("api://things", "mcp.use");
		assertThat(http().post("/mcp", initializeRequest("2025-11-25"), token, Map.of("Origin", "https://app.example"))
			.statusCode()).isEqualTo(200);
		assertThat(http().post("/mcp", initializeRequest("2025-11-25"), token,
				Map.of("Origin", "http://127.0.0.1:" + this.port)).statusCode()).isEqualTo(403);
		assertThat(http().post("/mcp", initializeRequest("2025-11-25"), token, Map.of("Origin", "http://evil.example"))
			.statusCode()).isEqualTo(403);
	}

}
