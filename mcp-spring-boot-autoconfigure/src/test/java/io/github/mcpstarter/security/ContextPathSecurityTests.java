package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.security.SecureMcpHttp.SseConnection;

import static io.github.mcpstarter.security.ScopeStepUpTests.assertToolResult;
import static io.github.mcpstarter.security.SecuredMcpTestSupport.assertUnauthorized;
import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secured server under a servlet context path: resource identifiers, metadata URLs, accepted
 * audiences and URL rules all include it.
 */
@SpringBootTest(classes = SecuredFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false",
				"spring.application.name=things-service", "server.servlet.context-path=/app" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContextPathSecurityTests {

	@LocalServerPort
	private int port;

	/** Requests relative to the context path. */
	private SecureMcpHttp app;

	/** Requests relative to the host, for URLs the server hands out whole. */
	private SecureMcpHttp host;

	@DynamicPropertySource
	static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
		LocalIssuer.registerIssuerUri(registry);
	}

	@BeforeEach
	void createClients() {
		this.host = new SecureMcpHttp("http://127.0.0.1:" + this.port);
		this.app = new SecureMcpHttp(this.host.base() + "/app");
	}

	private String mcpResource() {
		return this.app.base() + "/mcp";
	}

	private String metadataUrl(String endpoint) {
		return this.app.base() + "/.well-known/oauth-protected-resource" + endpoint;
	}

	private String token(String subject, String... scopes) {
		return LocalIssuer.get().token(subject).audience(mcpResource()).scopes(scopes).sign();
	}

	@Test
	void unauthorizedChallengePointsToTheMetadataUnderTheContextPath() throws Exception {
		assertUnauthorized(this.app.initialize(null), metadataUrl("/mcp"), SecuredMcpTestSupport.TOOL_SCOPES, false);
		assertUnauthorized(this.app.exchange("GET", "/sse", null, null, Map.of("Accept", "text/event-stream")),
				metadataUrl("/sse"), SecuredMcpTestSupport.TOOL_SCOPES, false);
		assertUnauthorized(this.app.exchange("POST", "/sse/message?sessionId=x", null,
				SecureMcpHttp.request(1, "ping", null), Map.of()), metadataUrl("/sse"), SecuredMcpTestSupport.TOOL_SCOPES,
				false);
	}

	@Test
	void metadataUnderTheContextPathNamesTheResourceUnderTheContextPath() throws Exception {
		HttpResponse<String> unauthorized = this.app.initialize(null);
		String metadataUrl = SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(unauthorized))
			.get("resource_metadata");
		assertThat(metadataUrl).isEqualTo(this.host.base() + "/app/.well-known/oauth-protected-resource/mcp");
		HttpResponse<String> response = this.host.send("GET", metadataUrl.substring(this.host.base().length()), null,
				Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = json(response);
		assertThat(metadata.get("resource").asString()).isEqualTo(this.host.base() + "/app/mcp");
		assertThat(ProtectedResourceMetadataTests.strings(metadata.get("authorization_servers")))
			.containsExactly(LocalIssuer.get().issuer());
		assertThat(ProtectedResourceMetadataTests.strings(metadata.get("scopes_supported")))
			.contains("things.write", "things.admin");
	}

	@Test
	void tokenForTheResourceUnderTheContextPathIsAccepted() throws Exception {
		HttpResponse<String> response = this.app.initialize(token("alice", "things.read"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void tokenForTheSamePathWithoutTheContextPathIsRefused() throws Exception {
		String token = LocalIssuer.get().token("alice").audience(this.host.base() + "/mcp").sign();
		assertUnauthorized(this.app.initialize(token), metadataUrl("/mcp"), SecuredMcpTestSupport.TOOL_SCOPES, true);
	}

	@Test
	void urlRuleOfTheApplicationDecidesUnderTheContextPathToo() throws Exception {
		String reader = token("alice", "things.read");
		String readerSession = this.app.openSession(reader);
		assertThat(this.app.toolNames(reader, readerSession)).containsExactlyInAnyOrder("list_things", "get_thing");
		assertThat(this.app.send("GET", "/admin/report", reader, Map.of()).statusCode()).isEqualTo(403);

		String admin = token("alice", "things.read", "admin");
		String adminSession = this.app.openSession(admin);
		assertThat(this.app.toolNames(admin, adminSession)).containsExactlyInAnyOrder("list_things", "get_thing",
				"admin_report");
		assertToolResult(this.app.callTool(admin, adminSession, "admin_report", null), "all systems nominal");
		assertThat(this.app.send("GET", "/admin/report", admin, Map.of()).statusCode()).isEqualTo(200);
	}

	@Test
	void urlRuleOnOneConcretePathRefusesTheToolCallUnderTheContextPathToo() throws Exception {
		String token = token("alice", "things.admin");
		String session = this.app.openSession(token);
		HttpResponse<String> response = this.app.callTool(token, session, "delete_thing", "{\"id\":\"locked\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).at("/result/isError").asBoolean()).as(response.body()).isTrue();
		assertThat(json(response).at("/result/content/0/text").asString()).contains("HTTP 403");
		assertThat(this.app.send("DELETE", "/things/locked", token, Map.of()).statusCode()).isEqualTo(403);
	}

	@Test
	void scopeChallengeUnderTheContextPathNamesTheMetadataUnderIt() throws Exception {
		String token = token("alice", "things.read");
		String session = this.app.openSession(token);
		HttpResponse<String> response = this.app.callTool(token, session, "write_thing",
				"{\"thing\":{\"id\":\"1\",\"name\":\"one\"}}");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(response)))
			.containsEntry("scope", "things.write")
			.containsEntry("resource_metadata", metadataUrl("/mcp"));
	}

	@Test
	void sseSessionUnderTheContextPathWorksAndItsScopeErrorsNameTheMetadataUnderIt() throws Exception {
		String token = token("alice", "things.read");
		try (SseConnection sse = this.app.openSse(token)) {
			assertThat(sse.status()).isEqualTo(200);
			String endpoint = sse.next("endpoint").data();
			assertThat(endpoint).startsWith("/app/sse/message?sessionId=");
			assertThat(this.host.exchange("POST", endpoint, token, SecureMcpHttp.initializeRequest("2024-11-05"),
					Map.of()).statusCode()).isEqualTo(202);
			sse.nextResponse(1);
			this.host.exchange("POST", endpoint, token, SecureMcpHttp.request(2, "tools/call",
					"{\"name\":\"write_thing\",\"arguments\":{\"thing\":{\"id\":\"1\",\"name\":\"one\"}}}"), Map.of());
			JsonNode error = sse.nextResponse(2).get("error");
			assertThat(error.get("code").asInt()).isEqualTo(-32003);
			assertThat(error.at("/data/resource_metadata").asString()).isEqualTo(metadataUrl("/sse"));
			String bob = LocalIssuer.get().token("bob").audience(mcpResource()).sign();
			assertThat(this.host.exchange("POST", endpoint, bob, SecureMcpHttp.request(3, "ping", null), Map.of())
				.statusCode()).isEqualTo(404);
		}
	}

}
