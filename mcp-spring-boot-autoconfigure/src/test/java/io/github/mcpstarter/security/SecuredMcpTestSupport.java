package io.github.mcpstarter.security;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secured fixture application on a random port, trusting the {@link LocalIssuer}. Every
 * subclass shares one Spring context: same classes, same properties, same property source method.
 *
 * <p>The module's test {@code application.properties} leaves Spring Security out and lets the MCP
 * endpoints run unauthenticated, for the unsecured fixture tests; both are undone here.
 */
@SpringBootTest(classes = SecuredFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false",
				"spring.application.name=things-service",
				// The tests of this context open sessions for the same few subjects and leave them to expire.
				"mcp.server.session.max-sessions-per-principal=10000" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class SecuredMcpTestSupport {

	static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

	/** Every scope a tool of the fixture needs, as the 401 challenges should ask for them. */
	static final List<String> TOOL_SCOPES = List.of("things.write", "things.admin");

	static final Map<String, String> NO_HEADERS = Map.of();

	@LocalServerPort
	int port;

	SecureMcpHttp http;

	@DynamicPropertySource
	static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
		LocalIssuer.registerIssuerUri(registry);
	}

	@BeforeEach
	void createClient() {
		this.http = new SecureMcpHttp(base());
	}

	LocalIssuer issuer() {
		return LocalIssuer.get();
	}

	/** {@code http://127.0.0.1:<port>}, this server's base URL. */
	String base() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The resource identifier of the Streamable HTTP endpoint, the audience a client asks for. */
	String mcpResource() {
		return base() + "/mcp";
	}

	String metadataUrl(String endpoint) {
		return base() + METADATA_PATH + endpoint;
	}

	/** A valid token for this server's {@code /mcp} endpoint. */
	String token(String subject, String... scopes) {
		return issuer().token(subject).audience(mcpResource()).scopes(scopes).sign();
	}

	/**
	 * Asserts a 401 with the challenge the MCP authorization specification asks for.
	 * @param endpoint the endpoint whose metadata the challenge must name ({@code /mcp}, {@code /sse})
	 * @param tokenSent whether a token was sent (and refused): then {@code error="invalid_token"}
	 */
	static void assertUnauthorized(java.net.http.HttpResponse<?> response, String expectedMetadataUrl,
			List<String> expectedScopes, boolean tokenSent) {
		assertThat(response.statusCode()).as("status").isEqualTo(401);
		String challenge = SecureMcpHttp.challenge(response);
		assertThat(challenge).startsWith("Bearer ");
		Map<String, String> parameters = SecureMcpHttp.challengeParameters(challenge);
		assertThat(parameters).as(challenge).containsEntry("resource_metadata", expectedMetadataUrl);
		assertThat(parameters).as(challenge).containsKey("scope");
		assertThat(Arrays.asList(parameters.get("scope").split(" "))).as(challenge)
			.containsExactlyInAnyOrderElementsOf(expectedScopes)
			.doesNotContain("offline_access");
		if (tokenSent) {
			assertThat(parameters).as(challenge).containsEntry("error", "invalid_token");
		}
		else {
			// RFC 6750 §3.1: no error code for a request without authentication information.
			assertThat(parameters).as(challenge).doesNotContainKey("error");
		}
	}

}
