package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
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

import static io.github.mcpstarter.security.ScopeStepUpTests.assertToolResult;
import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity by construction on a role-based application ({@link PetClinicFixtureApplication}): its
 * {@code @PreAuthorize} references a bean, its roles come from its own JWT converter, and a plain
 * servlet filter of its own rejects some requests. A tool call runs through the application's
 * filters as its REST call does, and each caller sees the tools its REST calls would serve.
 */
@SpringBootTest(classes = PetClinicFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false",
				"mcp.server.security.role-scopes.OWNER_ADMIN=owners.admin,clinic.staff" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServletFilterParityTests {

	private static final Map<String, String> ACME = Map.of(PetClinicFixtureApplication.TENANT_HEADER, "acme");

	@LocalServerPort
	int port;

	SecureMcpHttp http;

	@DynamicPropertySource
	static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
		LocalIssuer.registerIssuerUri(registry);
	}

	@BeforeEach
	void createClient() {
		this.http = new SecureMcpHttp("http://127.0.0.1:" + this.port);
	}

	private String token(String subject, String... roles) {
		return LocalIssuer.get()
			.token(subject)
			.audience("http://127.0.0.1:" + this.port + "/mcp")
			.claim("roles", List.of(roles))
			.sign();
	}

	@Test
	void toolGuardedByABeanReferencingExpressionIsListedExactlyToTheCallersRestServes() throws Exception {
		String admin = token("ada", "OWNER_ADMIN");
		String vet = token("vic", "VET");
		assertThat(this.http.send("GET", "/api/owners", admin, ACME).statusCode()).isEqualTo(200);
		assertThat(this.http.send("GET", "/api/owners", vet, ACME).statusCode()).isEqualTo(403);

		assertThat(this.http.toolNames(admin, this.http.openSession(admin))).contains("list_owners", "list_pets",
				"hello");
		assertThat(this.http.toolNames(vet, this.http.openSession(vet))).contains("list_pets", "hello")
			.doesNotContain("list_owners");
	}

	@Test
	void aPostAuthorizeDoesNotListToEveryoneWhatThePreAuthorizeRefuses() throws Exception {
		String admin = token("ada", "OWNER_ADMIN");
		String vet = token("vic", "VET");
		assertThat(this.http.send("GET", "/api/owners/first", admin, ACME).statusCode()).isEqualTo(200);
		assertThat(this.http.send("GET", "/api/owners/first", vet, ACME).statusCode()).isEqualTo(403);

		assertThat(this.http.toolNames(admin, this.http.openSession(admin))).contains("first_owner");
		assertThat(this.http.toolNames(vet, this.http.openSession(vet))).doesNotContain("first_owner");
	}

	@Test
	void toolCallGoesThroughTheApplicationsServletFilterAsTheRestCallDoes() throws Exception {
		String admin = token("ada", "OWNER_ADMIN");
		String session = this.http.openSession(admin);
		// The filter let the call through and handed the controller the tenant, as for REST.
		assertThat(this.http.send("GET", "/api/owners", admin, ACME).body()).contains("acme:george");
		assertToolResult(callTool(admin, session, "list_owners", ACME), "acme:george");
		assertToolResult(callTool(admin, session, "list_pets", ACME), "acme:leo");
	}

	@Test
	void toolCallIsRefusedByTheApplicationsServletFilterAsTheRestCallIs() throws Exception {
		String vet = token("vic", "VET");
		String session = this.http.openSession(vet);
		assertThat(this.http.send("GET", "/api/pets", vet, Map.of()).statusCode()).isEqualTo(400);
		assertToolError(callTool(vet, session, "list_pets", Map.of()), "HTTP 400");
		Map<String, String> blocked = Map.of(PetClinicFixtureApplication.TENANT_HEADER, "blocked");
		assertThat(this.http.send("GET", "/api/pets", vet, blocked).statusCode()).isEqualTo(403);
		assertToolError(callTool(vet, session, "list_pets", blocked), "HTTP 403");
		// Outside the filter's paths nothing is asked of the call.
		assertToolResult(callTool(vet, session, "hello", Map.of()), "hello");
	}

	@Test
	void toolCallSeesTheHeadersAsTheApplicationsFiltersMadeThemForTheRestCall() throws Exception {
		String vet = token("vic", "VET");
		String session = this.http.openSession(vet);
		Map<String, String> fromAgent = Map.of(PetClinicFixtureApplication.TRAIL_HEADER, "agent");
		assertThat(this.http.send("GET", "/trail", vet, fromAgent).body()).isEqualTo("agent,clinic");
		// The trail filter served the MCP request too; the call is wrapped by it once, as REST is.
		assertToolResult(callTool(vet, session, "trail", fromAgent), "agent,clinic");
		assertThat(callTool(vet, session, "trail", fromAgent).body()).doesNotContain("clinic,clinic");
	}

	@Test
	void callerKeepsItsAuthenticationAcrossTheApplicationsFilters() throws Exception {
		String admin = token("ada", "OWNER_ADMIN");
		String session = this.http.openSession(admin);
		// Two calls on one MCP session: the first call's filters must not have cleared the caller.
		assertToolResult(callTool(admin, session, "list_owners", ACME), "acme:george");
		assertToolResult(callTool(admin, session, "list_owners", ACME), "acme:betty");
	}

	@Test
	void roleBasedApplicationAdvisesTheScopesThatGrantItsRoles() throws Exception {
		HttpResponse<String> unauthorized = this.http.initialize(null);
		assertThat(unauthorized.statusCode()).isEqualTo(401);
		String scope = SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(unauthorized)).get("scope");
		assertThat(scope).as(SecureMcpHttp.challenge(unauthorized)).isNotNull();
		assertThat(Arrays.asList(scope.split(" "))).containsExactlyInAnyOrder("owners.admin", "clinic.staff");

		JsonNode metadata = json(this.http.send("GET", "/.well-known/oauth-protected-resource/mcp", null, Map.of()));
		assertThat(ProtectedResourceMetadataTests.strings(metadata.get("scopes_supported")))
			.containsExactlyInAnyOrder("owners.admin", "clinic.staff");
	}

	private HttpResponse<String> callTool(String token, String session, String tool, Map<String, String> headers)
			throws Exception {
		Map<String, String> all = new java.util.HashMap<>(headers);
		all.put("Mcp-Session-Id", session);
		return this.http.post("/mcp",
				SecureMcpHttp.request(7, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":{}}"), token, all);
	}

	private static void assertToolError(HttpResponse<String> response, String text) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.at("/result/isError").asBoolean()).as(response.body()).isTrue();
		assertThat(body.at("/result/content/0/text").asString()).as(response.body()).contains(text);
	}

}
