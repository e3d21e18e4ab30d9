package io.github.mcpstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.mcpstarter.sample.config.AuthorizationServerConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sample.authorization-server.enabled=false}: no embedded authorization server, the
 * application only accepts the tokens of the issuer it is given, here a Keycloak realm that is
 * not running (Spring Boot contacts the issuer on the first token, not at startup). With no
 * issuer in the same process, the port may be random.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.authorization-server.enabled=false",
				"spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ExternalIssuerTests.ISSUER,
				"spring.security.oauth2.resourceserver.jwt.audiences=http://localhost:8080/mcp" })
class ExternalIssuerTests {

	static final String ISSUER = "http://localhost:1/realms/mcp";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void noEmbeddedAuthorizationServerNorDemoUser() throws Exception {
		assertThat(this.context.getBeansOfType(AuthorizationServerConfiguration.class)).isEmpty();
		assertThat(this.context.getBeansOfType(UserDetailsService.class)).isEmpty();
		assertThat(get("/.well-known/oauth-authorization-server", null).statusCode()).isEqualTo(401);
		assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
	}

	@Test
	void restApiStillNeedsATokenAndTheMetadataNamesTheExternalIssuer() throws Exception {
		// (A token would make Spring Boot contact the issuer, which is not running here.)
		assertThat(get("/api/orders", null).statusCode()).isEqualTo(401);

		HttpResponse<String> metadata = get("/.well-known/oauth-protected-resource/mcp", null);
		assertThat(metadata.statusCode()).isEqualTo(200);
		JsonNode body = JsonMapper.builder().build().readTree(metadata.body());
		assertThat(body.at("/authorization_servers/0").asString()).isEqualTo(ISSUER);
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
