package io.github.mcpstarter.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.security.SecureMcpHttp.SseConnection;

import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP endpoints behind opaque tokens: Boot's standard introspection properties point the
 * resource server at a real RFC 7662 introspection endpoint, and the audience, scopes and subject
 * of a token come from its introspection response rather than from a JWT.
 *
 * <p>{@link SecuredFixtureApplication} cannot be used as it is: its own filter chain is a JWT
 * resource server, which needs a {@link JwtDecoder} that only opaque-token configuration does not
 * provide. {@link OpaqueFixtureApplication} publishes the same tools behind the same rules, with an
 * opaque-token chain of its own.
 */
@SpringBootTest(classes = OpaqueTokenTests.OpaqueFixtureApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false",
				"spring.application.name=things-service" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpaqueTokenTests {

	static final String CLIENT_ID = "mcp-resource-server";

	static final String CLIENT_SECRET = "introspection-s3cret";

	private static final String THING = "{\"thing\":{\"id\":\"9\",\"name\":\"nine\"}}";

	private static final IntrospectionEndpoint INTROSPECTION = IntrospectionEndpoint.start();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	SecureMcpHttp http;

	@DynamicPropertySource
	static void introspectWithTheTestEndpoint(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.opaquetoken.introspection-uri", INTROSPECTION::uri);
		registry.add("spring.security.oauth2.resourceserver.opaquetoken.client-id", () -> CLIENT_ID);
		registry.add("spring.security.oauth2.resourceserver.opaquetoken.client-secret", () -> CLIENT_SECRET);
		// No issuer-uri to default to with opaque tokens: the authorization server is named explicitly.
		registry.add("mcp.server.security.authorization-servers", INTROSPECTION::issuer);
	}

	@BeforeEach
	void createClient() {
		this.http = new SecureMcpHttp(base());
	}

	String base() {
		return "http://127.0.0.1:" + this.port;
	}

	String mcpResource() {
		return base() + "/mcp";
	}

	String metadataUrl(String endpoint) {
		return base() + SecuredMcpTestSupport.METADATA_PATH + endpoint;
	}

	/** An active token for this server's {@code /mcp} endpoint. */
	String token(String subject, String... scopes) {
		return INTROSPECTION.activeToken(subject, mcpResource(), scopes);
	}

	@Test
	void theStarterChainAuthenticatesWithTheIntrospectorOfBootsOpaqueTokenProperties() {
		assertThat(this.context.getBeanNamesForType(OpaqueTokenIntrospector.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(JwtDecoder.class)).isEmpty();
		assertThat(this.context.containsBean("mcpSecurityFilterChain")).isTrue();
	}

	@Test
	void metadataNamesTheConfiguredAuthorizationServerAndTheToolScopes() throws Exception {
		HttpResponse<String> response = this.http.send("GET", SecuredMcpTestSupport.METADATA_PATH + "/mcp", null,
				SecuredMcpTestSupport.NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = json(response);
		assertThat(metadata.get("resource").asString()).isEqualTo(mcpResource());
		assertThat(strings(metadata.get("authorization_servers")))
			.containsExactly(INTROSPECTION.issuer());
		assertThat(strings(metadata.get("scopes_supported")))
			.containsExactlyInAnyOrderElementsOf(SecuredMcpTestSupport.TOOL_SCOPES);
	}

	@Test
	void noTokenGets401WithChallengeNamingMetadataAndScopes() throws Exception {
		HttpResponse<String> response = this.http.initialize(null);
		SecuredMcpTestSupport.assertUnauthorized(response, metadataUrl("/mcp"), SecuredMcpTestSupport.TOOL_SCOPES,
				false);
		assertThat(SecureMcpHttp.challenge(response)).contains("resource_metadata=").contains("scope=");
	}

	@Test
	void noTokenOnTheSseStreamGets401WithChallengeNamingItsMetadata() throws Exception {
		HttpResponse<String> response = this.http.exchange("GET", "/sse", null, null, SecuredMcpTestSupport.NO_HEADERS);
		SecuredMcpTestSupport.assertUnauthorized(response, metadataUrl("/sse"), SecuredMcpTestSupport.TOOL_SCOPES,
				false);
	}

	@Test
	void unknownTokenGets401InvalidTokenAfterTheIntrospectionEndpointWasAsked() throws Exception {
		int before = INTROSPECTION.requests();
		HttpResponse<String> response = this.http.initialize("never-issued-" + UUID.randomUUID());
		SecuredMcpTestSupport.assertUnauthorized(response, metadataUrl("/mcp"), SecuredMcpTestSupport.TOOL_SCOPES,
				true);
		assertThat(INTROSPECTION.requests()).as("the introspection endpoint was asked").isGreaterThan(before);
		assertThat(INTROSPECTION.refusedClientAuthentications()).as("the resource server authenticated itself")
			.isZero();
		assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
	}

	@Test
	void inactiveTokenGets401InvalidToken() throws Exception {
		String token = INTROSPECTION.register(Map.of("active", false, "sub", "alice", "aud", mcpResource(), "scope",
				"things.read things.write"));
		HttpResponse<String> response = this.http.initialize(token);
		SecuredMcpTestSupport.assertUnauthorized(response, metadataUrl("/mcp"), SecuredMcpTestSupport.TOOL_SCOPES,
				true);
	}

	@Test
	void activeTokenForThisServerInitializesASessionAndListsTools() throws Exception {
		int before = INTROSPECTION.requests();
		String token = token("alice", "things.read");
		HttpResponse<String> response = this.http.initialize(token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Mcp-Session-Id")).isPresent();
		assertThat(json(response).at("/result/serverInfo/name").asString()).isEqualTo("things-service");
		assertThat(INTROSPECTION.requests()).as("the token was introspected").isGreaterThan(before);
		assertThat(INTROSPECTION.refusedClientAuthentications()).isZero();

		String session = this.http.openSession(token);
		assertThat(this.http.toolNames(token, session)).containsExactlyInAnyOrder("list_things", "get_thing");
		assertToolResult(this.http.callTool(token, session, "list_things", null), "second");
	}

	@Test
	void toolCallIntrospectsTheCallersTokenOnceThoughTheApplicationsChainAuthenticatesItToo() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		for (int call = 0; call < 2; call++) {
			int before = INTROSPECTION.requests();
			assertToolResult(this.http.callTool(token, session, "list_things", null), "second");
			assertThat(INTROSPECTION.requests() - before).as("introspections for tool call %d", call).isEqualTo(1);
		}
	}

	@Test
	void subjectOfTheIntrospectionResponseIsTheAuthenticatedName() throws Exception {
		String stranger = token("alice", "things.read");
		String session = this.http.openSession(stranger);
		HttpResponse<String> refused = this.http.callTool(stranger, session, "get_thing", "{\"id\":\"vault\"}");
		assertThat(json(refused).at("/result/isError").asBoolean()).as(refused.body()).isTrue();

		String keeper = token("keeper", "things.read");
		String keepersSession = this.http.openSession(keeper);
		assertToolResult(this.http.callTool(keeper, keepersSession, "get_thing", "{\"id\":\"vault\"}"),
				"thing vault");
	}

	@Test
	void activeTokenWhoseAudienceListNamesThisServerAmongOthersIsAccepted() throws Exception {
		String token = INTROSPECTION.register(active("alice", List.of("https://other.example/api", mcpResource()),
				"things.read"));
		HttpResponse<String> response = this.http.initialize(token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void activeTokenForTheSseEndpointOpensTheSseStream() throws Exception {
		String token = INTROSPECTION.activeToken("alice", base() + "/sse", "things.read");
		try (SseConnection sse = this.http.openSse(token)) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(sse.next("endpoint").data()).startsWith("/sse/message?sessionId=");
		}
	}

	@Test
	void activeTokenForAnotherAudienceGets401InvalidToken() throws Exception {
		String token = INTROSPECTION.activeToken("alice", "https://other.example/mcp", "things.read");
		HttpResponse<String> response = this.http.initialize(token);
		SecuredMcpTestSupport.assertUnauthorized(response, metadataUrl("/mcp"), SecuredMcpTestSupport.TOOL_SCOPES,
				true);
		assertThat(SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(response)).get("error_description"))
			.contains("The token was not issued for this server");
		assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
	}

	@Test
	void activeTokenWithoutAudienceGets401InvalidToken() throws Exception {
		Map<String, Object> claims = active("alice", null, "things.read");
		String token = INTROSPECTION.register(claims);
		HttpResponse<String> response = this.http.initialize(token);
		SecuredMcpTestSupport.assertUnauthorized(response, metadataUrl("/mcp"), SecuredMcpTestSupport.TOOL_SCOPES,
				true);
	}

	@Test
	void tokenForAnotherAudienceIsRefusedOnAnEstablishedSessionToo() throws Exception {
		String session = this.http.openSession(token("alice", "things.read"));
		String elsewhere = INTROSPECTION.activeToken("alice", "https://other.example/mcp", "things.read");
		HttpResponse<String> response = this.http.request(elsewhere, session, 3, "tools/list", "{}");
		SecuredMcpTestSupport.assertUnauthorized(response, metadataUrl("/mcp"), SecuredMcpTestSupport.TOOL_SCOPES,
				true);
	}

	@Test
	void callWithoutTheToolsDeclaredScopeGets403InsufficientScope() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		assertInsufficientScope(this.http.callTool(token, session, "write_thing", THING), "things.write");
	}

	@Test
	void callWithoutTheScopeOfThePreAuthorizeRuleGets403InsufficientScope() throws Exception {
		String token = token("alice", "things.read", "things.write");
		String session = this.http.openSession(token);
		assertInsufficientScope(this.http.callTool(token, session, "delete_thing", "{\"id\":\"9\"}"), "things.admin");
	}

	@Test
	void clientThatStepsUpRetriesOnTheSameSessionWithItsNewOpaqueToken() throws Exception {
		String token = token("alice", "things.read");
		String session = this.http.openSession(token);
		HttpResponse<String> refused = this.http.callTool(token, session, "write_thing", THING);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
		String scope = SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(refused)).get("scope");
		String steppedUp = token("alice", "things.read", scope);
		assertThat(this.http.toolNames(steppedUp, session)).contains("write_thing");
		assertToolResult(this.http.callTool(steppedUp, session, "write_thing", THING),
				"written nine");
	}

	@Test
	void spaceSeparatedScopesOfTheIntrospectionResponseAreEachGranted() throws Exception {
		String token = token("alice", "things.read", "things.write", "things.admin", "admin");
		String session = this.http.openSession(token);
		assertThat(this.http.toolNames(token, session)).containsExactlyInAnyOrderElementsOf(
				SecuredFixtureApplication.ALL_TOOLS.stream().filter((tool) -> !tool.equals("role_only")).toList());
		assertToolResult(this.http.callTool(token, session, "delete_thing", "{\"id\":\"9\"}"),
				"deleted 9");
		assertToolResult(this.http.callTool(token, session, "admin_report", null),
				"all systems nominal");
	}

	private void assertInsufficientScope(HttpResponse<String> response, String scope) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		String challenge = SecureMcpHttp.challenge(response);
		assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\"");
		assertThat(SecureMcpHttp.challengeParameters(challenge)).containsEntry("error", "insufficient_scope")
			.containsEntry("scope", scope)
			.containsEntry("resource_metadata", metadataUrl("/mcp"));
		JsonNode body = json(response);
		assertThat(body.get("id").asInt()).isEqualTo(7);
		assertThat(body.at("/error/code").asInt()).isEqualTo(-32003);
		assertThat(body.at("/error/data/scope").asString()).isEqualTo(scope);
		assertThat(body.has("result")).isFalse();
	}

	static List<String> strings(JsonNode array) {
		assertThat(array).isNotNull();
		assertThat(array.isArray()).as(array.toString()).isTrue();
		List<String> values = new ArrayList<>();
		for (JsonNode value : array) {
			values.add(value.asString());
		}
		return values;
	}

	static void assertToolResult(HttpResponse<String> response, String text) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.has("error")).as(response.body()).isFalse();
		assertThat(body.at("/result/isError").asBoolean()).as(response.body()).isFalse();
		assertThat(body.at("/result/content/0/text").asString()).contains(text);
	}

	/** The claims of an active token; {@code audience} is a string, a list, or {@code null} for none. */
	static Map<String, Object> active(String subject, Object audience, String... scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("active", true);
		claims.put("sub", subject);
		claims.put("scope", String.join(" ", scopes));
		if (audience != null) {
			claims.put("aud", audience);
		}
		claims.put("client_id", "some-mcp-client");
		claims.put("token_type", "Bearer");
		claims.put("iat", Instant.now().getEpochSecond());
		claims.put("exp", Instant.now().plus(Duration.ofMinutes(10)).getEpochSecond());
		return claims;
	}

	/**
	 * A real RFC 7662 token introspection endpoint on 127.0.0.1: it requires HTTP Basic client
	 * authentication and answers from a map of the tokens it issued; any other token is
	 * {@code {"active":false}}. Started once for the class, on daemon threads.
	 */
	static final class IntrospectionEndpoint {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final HttpServer server;

		private final Map<String, Map<String, Object>> tokens = new ConcurrentHashMap<>();

		private final AtomicInteger requests = new AtomicInteger();

		private final AtomicInteger refusedClientAuthentications = new AtomicInteger();

		private IntrospectionEndpoint(HttpServer server) {
			this.server = server;
		}

		static IntrospectionEndpoint start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				ExecutorService executor = Executors.newCachedThreadPool((task) -> {
					Thread thread = new Thread(task, "test-introspection");
					thread.setDaemon(true);
					return thread;
				});
				server.setExecutor(executor);
				IntrospectionEndpoint endpoint = new IntrospectionEndpoint(server);
				server.createContext("/introspect", endpoint::introspect);
				server.createContext("/", (exchange) -> respond(exchange, 404, "{\"error\":\"not_found\"}"));
				server.start();
				return endpoint;
			}
			catch (IOException ex) {
				throw new IllegalStateException("The test introspection endpoint did not start", ex);
			}
		}

		/** The authorization server this endpoint belongs to. */
		String issuer() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		String uri() {
			return issuer() + "/introspect";
		}

		int requests() {
			return this.requests.get();
		}

		int refusedClientAuthentications() {
			return this.refusedClientAuthentications.get();
		}

		/** Issues a new opaque token with these introspection claims. */
		String register(Map<String, Object> claims) {
			String token = "opaque-" + UUID.randomUUID();
			this.tokens.put(token, Map.copyOf(claims));
			return token;
		}

		String activeToken(String subject, String audience, String... scopes) {
			return register(active(subject, audience, scopes));
		}

		private void introspect(HttpExchange exchange) throws IOException {
			try {
				this.requests.incrementAndGet();
				if (!"POST".equals(exchange.getRequestMethod())) {
					respond(exchange, 405, "{\"error\":\"invalid_request\"}");
					return;
				}
				String expected = "Basic " + Base64.getEncoder()
					.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
				if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
					this.refusedClientAuthentications.incrementAndGet();
					exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"introspection\"");
					respond(exchange, 401, "{\"error\":\"invalid_client\"}");
					return;
				}
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				String token = form(body).get("token");
				if (token == null) {
					respond(exchange, 400, "{\"error\":\"invalid_request\"}");
					return;
				}
				Map<String, Object> claims = this.tokens.getOrDefault(token, Map.of("active", false));
				if (!Boolean.TRUE.equals(claims.get("active"))) {
					// RFC 7662 §2.2: nothing but the inactive state about a token that is not active.
					claims = Map.of("active", false);
				}
				respond(exchange, 200, JSON.writeValueAsString(claims));
			}
			finally {
				exchange.close();
			}
		}

		private static Map<String, String> form(String body) {
			Map<String, String> parameters = new LinkedHashMap<>();
			for (String pair : body.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = (equals < 0) ? pair : pair.substring(0, equals);
				String value = (equals < 0) ? "" : pair.substring(equals + 1);
				parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
						URLDecoder.decode(value, StandardCharsets.UTF_8));
			}
			return parameters;
		}

		private static void respond(HttpExchange exchange, int status, String json) throws IOException {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

	}

	/**
	 * The tools and rules of {@link SecuredFixtureApplication}, with an application chain that is
	 * an opaque-token resource server instead of a JWT one. A plain {@code @Configuration}, so that
	 * no test looking for a {@code @SpringBootConfiguration} in this package ever finds it.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableMethodSecurity
	@Import({ SecuredFixtureApplication.ThingsController.class, SecuredFixtureApplication.AdminController.class })
	static class OpaqueFixtureApplication {

		@Bean
		@Order(100)
		SecurityFilterChain appSecurityFilterChain(HttpSecurity http) throws Exception {
			PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
			http.authorizeHttpRequests((requests) -> requests.requestMatchers(paths.matcher("/error"))
				.permitAll()
				.requestMatchers(paths.matcher(HttpMethod.DELETE, "/things/locked"))
				.denyAll()
				.requestMatchers(paths.matcher("/admin/**"))
				.hasAuthority("SCOPE_admin")
				.anyRequest()
				.authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.opaqueToken(Customizer.withDefaults()))
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			return http.build();
		}

	}

}
