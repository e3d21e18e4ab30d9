package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.actuate.McpHealthIndicator;
import io.github.mcpstarter.actuate.McpServerEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Actuator endpoint {@code mcp} ({@link McpServerEndpoint}) and the {@code mcp} health
 * ({@link McpHealthIndicator}) over HTTP, in a secured application whose own chain guards the
 * Actuator endpoints with an authority, as applications do: the starter's MCP chain leaves them
 * alone, so they answer exactly as the application's rules say.
 */
@Import(McpActuatorEndpointTests.ActuatorSecurity.class)
@TestPropertySource(properties = { "management.endpoints.web.exposure.include=mcp,health",
		"management.endpoint.health.show-details=always" })
class McpActuatorEndpointTests extends SecuredMcpTestSupport {

	@Test
	void tokenWithTheOperatorsAuthorityReadsToolsAndTransports() throws Exception {
		String session = this.http.openSession(token("alice"));
		HttpResponse<String> response = this.http.send("GET", "/actuator/mcp", operatorToken(), NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = SecureMcpHttp.json(response);
		List<String> names = new ArrayList<>();
		body.get("tools").forEach((tool) -> names.add(tool.get("name").asString()));
		assertThat(names).containsExactlyInAnyOrderElementsOf(SecuredFixtureApplication.ALL_TOOLS);
		JsonNode write = tool(body, "write_thing");
		assertThat(write.get("httpMethod").asString()).isEqualTo("POST");
		assertThat(write.get("path").asString()).isEqualTo("/things");
		assertThat(write.get("handler").asString()).isEqualTo("ThingsController.writeThing");
		assertThat(write.get("requiredScopes").get(0).asString()).isEqualTo("things.write");
		assertThat(write.get("confirmationRequired").asBoolean()).isFalse();
		assertThat(write.get("inputSchema").get("type").asString()).isEqualTo("object");
		assertThat(write.get("inputSchema").get("properties").has("thing")).isTrue();
		assertThat(write.get("outputSchema").get("properties").has("name")).isTrue();
		assertThat(tool(body, "delete_thing").get("requiredScopes").get(0).asString()).isEqualTo("things.admin");
		// The resources and templates, each with the REST endpoint behind it and its scopes.
		Map<String, JsonNode> resources = new LinkedHashMap<>();
		body.get("resources").forEach((resource) -> resources.put(resource.get("name").asString(), resource));
		assertThat(resources).containsKeys("things://{id}", "things://audit", "things-admin://report");
		JsonNode template = resources.get("things://{id}");
		assertThat(template.get("kind").asString()).isEqualTo("resource_template");
		assertThat(template.get("httpMethod").asString()).isEqualTo("GET");
		assertThat(template.get("path").asString()).isEqualTo("/thing-resources/{id}");
		assertThat(template.get("handler").asString()).isEqualTo("ThingResources.thing");
		JsonNode audit = resources.get("things://audit");
		assertThat(audit.get("kind").asString()).isEqualTo("resource");
		assertThat(audit.get("requiredScopes").valueStream().map(JsonNode::asString)).containsExactly("things.admin");
		assertThat(body.get("prompts").isArray()).isTrue();
		JsonNode streamable = transport(body, "streamable-http");
		assertThat(streamable.get("path").asString()).isEqualTo("/mcp");
		assertThat(streamable.get("enabled").asBoolean()).isTrue();
		assertThat(streamable.get("liveSessions").asInt()).isGreaterThanOrEqualTo(1);
		JsonNode sse = transport(body, "sse");
		assertThat(sse.get("path").asString()).isEqualTo("/sse");
		assertThat(sse.get("enabled").asBoolean()).isTrue();
		assertThat(session).isNotBlank();
	}

	@Test
	void legacySseSessionAndItsStreamAreCountedWhileOpen() throws Exception {
		try (SecureMcpHttp.SseConnection sse = this.http.openSse(token("alice"))) {
			sse.next("endpoint");
			JsonNode sseTransport = transport(
					SecureMcpHttp.json(this.http.send("GET", "/actuator/mcp", operatorToken(), NO_HEADERS)), "sse");
			assertThat(sseTransport.get("liveSessions").asInt()).isGreaterThanOrEqualTo(1);
			assertThat(sseTransport.get("openStreams").asInt()).isGreaterThanOrEqualTo(1);
			JsonNode health = SecureMcpHttp
				.json(this.http.send("GET", "/actuator/health/mcp", operatorToken(), NO_HEADERS));
			assertThat(health.at("/details/sessions/sse").asInt()).isGreaterThanOrEqualTo(1);
			assertThat(health.at("/details/streams/sse").asInt()).isGreaterThanOrEqualTo(1);
		}
	}

	@Test
	void tokenWithoutTheAuthorityIsForbidden() throws Exception {
		HttpResponse<String> response = this.http.send("GET", "/actuator/mcp", token("mallory", "things.write"),
				NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void noTokenIsUnauthorized() throws Exception {
		HttpResponse<String> response = this.http.send("GET", "/actuator/mcp", null, NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("write_thing");
	}

	@Test
	void healthReportsTheMcpSubsystemUpWithToolsSessionsAndStreams() throws Exception {
		this.http.openSession(token("alice"));
		HttpResponse<String> response = this.http.send("GET", "/actuator/health/mcp", operatorToken(), NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = SecureMcpHttp.json(response);
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("details").get("tools").asInt()).isEqualTo(SecuredFixtureApplication.ALL_TOOLS.size());
		assertThat(health.get("details").get("sessions").get("streamable-http").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(health.get("details").get("sessions").has("sse")).isTrue();
		assertThat(health.get("details").get("streams").has("sse")).isTrue();
	}

	private String operatorToken() {
		return token("operator", "ops.read");
	}

	private static JsonNode tool(JsonNode body, String name) {
		for (JsonNode tool : body.get("tools")) {
			if (tool.get("name").asString().equals(name)) {
				return tool;
			}
		}
		throw new AssertionError("No tool " + name + " in " + body);
	}

	private static JsonNode transport(JsonNode body, String name) {
		for (JsonNode transport : body.get("transports")) {
			if (transport.get("name").asString().equals(name)) {
				return transport;
			}
		}
		throw new AssertionError("No transport " + name + " in " + body);
	}

	/** The application's rule for its Actuator endpoints: operators only. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ActuatorSecurity {

		@Bean
		@Order(50)
		SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) throws Exception {
			return http.securityMatcher(EndpointRequest.toAnyEndpoint())
				.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority("SCOPE_ops.read"))
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
				.build();
		}

	}

}
