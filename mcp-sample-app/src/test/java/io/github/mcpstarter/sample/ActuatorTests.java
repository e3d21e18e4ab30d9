package io.github.mcpstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's operations view: the health is public (its details, the mcp component among them,
 * for a valid token), and the {@code mcp} Actuator endpoint is for the {@code admin} scope only,
 * which no demo client gets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ActuatorTests extends SampleAppTestSupport {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void healthIsPublicAndShowsTheMcpComponentToAValidToken() throws Exception {
		HttpResponse<String> anonymous = get("/actuator/health", null);
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(anonymous.body()).has("components")).isFalse();

		HttpResponse<String> withToken = get("/actuator/health", DemoAuthorizationServer.demoClientToken(this.port));
		assertThat(withToken.statusCode()).isEqualTo(200);
		JsonNode mcp = JSON.readTree(withToken.body()).at("/components/mcp");
		assertThat(mcp.at("/status").asString()).isEqualTo("UP");
		assertThat(mcp.at("/details/tools").asInt()).isEqualTo(11);
	}

	@Test
	void mcpEndpointNeedsTheAdminScope() throws Exception {
		assertThat(get("/actuator/mcp", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/mcp", DemoAuthorizationServer.demoClientToken(this.port)).statusCode())
			.isEqualTo(403);
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(DemoAuthorizationServer.baseUrl(this.port) + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
