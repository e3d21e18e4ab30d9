package io.github.mcpstarter.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;

import static io.github.mcpstarter.sample.DemoAuthorizationServer.CLIENT_ID;
import static io.github.mcpstarter.sample.DemoAuthorizationServer.CLIENT_SECRET;
import static io.github.mcpstarter.sample.DemoAuthorizationServer.accessToken;
import static io.github.mcpstarter.sample.DemoAuthorizationServer.claims;
import static io.github.mcpstarter.sample.DemoAuthorizationServer.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sample.authorization-server.resources}: the embedded authorization server as the issuer
 * of a second local service too, whose resource identifier is listed next to the sample's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = "sample.authorization-server.resources=http://localhost:${server.port}/mcp,"
				+ AuthorizationServerResourcesTests.SECOND_SERVICE)
class AuthorizationServerResourcesTests extends SampleAppTestSupport {

	/** Another service on this machine, which trusts the sample's issuer. */
	static final String SECOND_SERVICE = "http://localhost:9090/mcp";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void configuredSecondResourceGetsATokenWhoseAudienceNamesIt() {
		String token = accessToken(tokenRequest(this.port, CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "client_credentials", "resource", SECOND_SERVICE)));

		assertThat(audience(token))
			.containsExactly(SECOND_SERVICE);
	}

	@Test
	void theSamplesOwnListedResourceStillGetsTokens() {
		String mcp = DemoAuthorizationServer.baseUrl(this.port) + "/mcp";
		String token = accessToken(tokenRequest(this.port, CLIENT_ID, CLIENT_SECRET,
				Map.of("grant_type", "client_credentials", "resource", mcp)));

		assertThat(audience(token))
			.containsExactly(mcp);
	}

	/** The list replaces the default: what is not listed, the sample's {@code /sse} included, is refused. */
	@Test
	void resourceMissingFromTheListIsRefusedWithInvalidTarget() {
		for (String resource : List.of(DemoAuthorizationServer.baseUrl(this.port) + "/sse",
				"http://localhost:9091/mcp")) {
			HttpResponse<String> response = tokenRequest(this.port, CLIENT_ID, CLIENT_SECRET,
					Map.of("grant_type", "client_credentials", "resource", resource));

			assertThat(response.statusCode()).as("status for %s", resource).isEqualTo(400);
			assertThat(JSON.readTree(response.body()).at("/error").asString()).isEqualTo("invalid_target");
		}
	}

	/** {@code aud}, one string or an array of them. */
	private static List<String> audience(String token) {
		JsonNode aud = claims(token).at("/aud");
		return aud.isArray() ? aud.valueStream().map(JsonNode::asString).toList() : List.of(aud.asString());
	}

}
