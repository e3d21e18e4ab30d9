package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.McpPrompt;
import io.github.mcpstarter.security.SecureMcpHttp.SseConnection;

import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prompts are guarded as tools are, with real signed tokens: a prompt behind a URL rule or method
 * security the caller does not pass is not listed to it, getting it by name answers as for an
 * unknown prompt, and one whose token lacks a scope gets the step-up challenge. Both eras, and the
 * legacy SSE transport once.
 */
@SpringBootTest(classes = SecuredPromptsTests.SecuredPromptsApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false",
				"spring.application.name=prompts-service", "mcp.server.session.max-sessions-per-principal=10000" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecuredPromptsTests {

	private static final String META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
			+ "\"io.modelcontextprotocol/clientCapabilities\":{}}";

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

	@Test
	void callerSeesOnlyThePromptsItMayGetInBothEras() throws Exception {
		String plain = token("alice");
		assertThat(legacyNames(plain)).containsExactly("team_brief");
		assertThat(modernNames(plain)).containsExactly("team_brief");
		String admin = token("root", "admin", "prompts.secret");
		assertThat(legacyNames(admin)).containsExactlyInAnyOrder("team_brief", "admin_brief", "secret_brief");
		assertThat(modernNames(admin)).containsExactlyInAnyOrder("team_brief", "admin_brief", "secret_brief");
		JsonNode modern = json(modern(plain, "prompts/list", null, "{" + META + "}")).get("result");
		assertThat(modern.get("cacheScope").asString()).as("a list filtered per caller").isEqualTo("private");
	}

	@Test
	void promptBehindAUrlRuleAnswersAsAnUnknownOneInBothEras() throws Exception {
		String plain = token("alice");
		String session = this.http.openSession(plain);
		JsonNode hidden = json(this.http.request(plain, session, 7, "prompts/get", "{\"name\":\"admin_brief\"}"));
		JsonNode unknown = json(this.http.request(plain, session, 7, "prompts/get", "{\"name\":\"no_such\"}"));
		assertThat(hidden.at("/error/code").asInt()).isEqualTo(-32602);
		assertThat(hidden.at("/error/message").asString()).isEqualTo("Unknown prompt: admin_brief");
		assertThat(unknown.at("/error/message").asString()).isEqualTo("Unknown prompt: no_such");
		JsonNode modern = json(modern(plain, "prompts/get", "admin_brief", "{\"name\":\"admin_brief\"," + META + "}"));
		assertThat(modern.at("/error/message").asString()).isEqualTo("Unknown prompt: admin_brief");
	}

	@Test
	void promptWhoseMethodSecurityNeedsAScopeGetsTheStepUpChallengeInBothEras() throws Exception {
		String plain = token("alice");
		String session = this.http.openSession(plain);
		assertInsufficientScope(this.http.request(plain, session, 7, "prompts/get", "{\"name\":\"secret_brief\"}"),
				"/mcp");
		assertInsufficientScope(modern(plain, "prompts/get", "secret_brief", "{\"name\":\"secret_brief\"," + META + "}"),
				"/mcp");
		String steppedUp = token("alice", "prompts.secret");
		JsonNode answer = json(this.http.request(steppedUp, session, 8, "prompts/get", "{\"name\":\"secret_brief\"}"));
		assertThat(answer.at("/result/messages/0/content/text").asString()).isEqualTo("The secret brief");
	}

	@Test
	void allowedPromptIsServedToTheCallerItRunsAs() throws Exception {
		String admin = token("root", "admin");
		String session = this.http.openSession(admin);
		JsonNode answer = json(this.http.request(admin, session, 7, "prompts/get", "{\"name\":\"admin_brief\"}"));
		assertThat(answer.at("/result/messages/0/content/text").asString()).isEqualTo("The admin brief for root");
	}

	@Test
	void overSseThePromptsAreFilteredAndTheStepUpIsInTheErrorData() throws Exception {
		String token = token("alice");
		try (SseConnection sse = this.http.openSse(token)) {
			assertThat(sse.status()).isEqualTo(200);
			String endpoint = sse.next("endpoint").data();
			post(endpoint, token, SecureMcpHttp.initializeRequest("2024-11-05"));
			sse.nextResponse(1);
			post(endpoint, token, SecureMcpHttp.notification("notifications/initialized"));
			post(endpoint, token, SecureMcpHttp.request(2, "prompts/list", "{}"));
			List<String> names = new ArrayList<>();
			sse.nextResponse(2).at("/result/prompts").forEach((prompt) -> names.add(prompt.get("name").asString()));
			assertThat(names).containsExactly("team_brief");
			post(endpoint, token, SecureMcpHttp.request(3, "prompts/get", "{\"name\":\"team_brief\"}"));
			assertThat(sse.nextResponse(3).at("/result/messages/0/content/text").asString()).isEqualTo("The team brief");
			post(endpoint, token, SecureMcpHttp.request(4, "prompts/get", "{\"name\":\"secret_brief\"}"));
			JsonNode error = sse.nextResponse(4).get("error");
			assertThat(error.get("code").asInt()).isEqualTo(-32003);
			assertThat(error.at("/data/scope").asString()).isEqualTo("prompts.secret");
			post(endpoint, token, SecureMcpHttp.request(5, "prompts/get", "{\"name\":\"admin_brief\"}"));
			assertThat(sse.nextResponse(5).at("/error/message").asString()).isEqualTo("Unknown prompt: admin_brief");
		}
	}

	private String token(String subject, String... scopes) {
		return LocalIssuer.get().token(subject).audience("http://127.0.0.1:" + this.port + "/mcp").scopes(scopes).sign();
	}

	private void post(String endpoint, String token, String body) throws Exception {
		assertThat(this.http.exchange("POST", endpoint, token, body, Map.of()).statusCode()).isEqualTo(202);
	}

	private List<String> legacyNames(String token) throws Exception {
		String session = this.http.openSession(token);
		return names(json(this.http.request(token, session, 3, "prompts/list", "{}")));
	}

	private List<String> modernNames(String token) throws Exception {
		return names(json(modern(token, "prompts/list", null, "{" + META + "}")));
	}

	private static List<String> names(JsonNode response) {
		List<String> names = new ArrayList<>();
		response.at("/result/prompts").forEach((prompt) -> names.add(prompt.get("name").asString()));
		return names;
	}

	private HttpResponse<String> modern(String token, String method, String name, String params) throws Exception {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		headers.put("MCP-Protocol-Version", "2026-07-28");
		headers.put("Mcp-Method", method);
		if (name != null) {
			headers.put("Mcp-Name", name);
		}
		return this.http.post("/mcp", SecureMcpHttp.request(9, method, params), token, headers);
	}

	private static void assertInsufficientScope(HttpResponse<String> response, String endpoint) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(response)))
			.containsEntry("error", "insufficient_scope")
			.containsEntry("scope", "prompts.secret");
		JsonNode body = json(response);
		assertThat(body.at("/error/code").asInt()).isEqualTo(-32003);
		assertThat(body.at("/error/message").asString()).contains("this prompt needs");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableMethodSecurity
	@Import(SecuredPromptsApplication.BriefsController.class)
	static class SecuredPromptsApplication {

		@Bean
		@Order(100)
		SecurityFilterChain appSecurityFilterChain(HttpSecurity http) throws Exception {
			PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
			http.authorizeHttpRequests((requests) -> requests.requestMatchers(paths.matcher("/error"))
				.permitAll()
				.requestMatchers(paths.matcher("/admin/**"))
				.hasAuthority("SCOPE_admin")
				.anyRequest()
				.authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			return http.build();
		}

		@RestController
		static class BriefsController {

			@McpPrompt(description = "The team's brief")
			@GetMapping(path = "/briefs/team", produces = MediaType.TEXT_PLAIN_VALUE)
			String teamBrief() {
				return "The team brief";
			}

			@McpPrompt(description = "The secret brief")
			@PreAuthorize("hasAuthority('SCOPE_prompts.secret')")
			@GetMapping(path = "/briefs/secret", produces = MediaType.TEXT_PLAIN_VALUE)
			String secretBrief() {
				return "The secret brief";
			}

			@McpPrompt(description = "The administrators' brief")
			@GetMapping(path = "/admin/brief", produces = MediaType.TEXT_PLAIN_VALUE)
			String adminBrief(java.security.Principal principal) {
				return "The admin brief for " + principal.getName();
			}

		}

	}

}
