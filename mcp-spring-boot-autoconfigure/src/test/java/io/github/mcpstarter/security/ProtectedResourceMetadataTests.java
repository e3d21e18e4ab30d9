package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import static io.github.mcpstarter.security.SecureMcpHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OAuth 2.0 Protected Resource Metadata (RFC 9728) of the MCP endpoints, and the discovery a
 * client without a token makes from a 401 to the authorization server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtectedResourceMetadataTests extends SecuredMcpTestSupport {

	@Test
	void metadataOfTheStreamableEndpointIsServedWithoutAToken() throws Exception {
		HttpResponse<String> response = this.http.send("GET", METADATA_PATH + "/mcp", null, NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode metadata = json(response);
		assertThat(metadata.get("resource").asString()).isEqualTo(mcpResource());
		assertThat(strings(metadata.get("authorization_servers"))).containsExactly(issuer().issuer());
		assertThat(strings(metadata.get("scopes_supported"))).contains("things.write", "things.admin")
			.doesNotContain("offline_access");
		assertThat(strings(metadata.get("bearer_methods_supported"))).containsExactly("header");
		assertThat(metadata.get("resource_name").asString()).isEqualTo("things-service");
		// No mutual TLS here: certificate-bound tokens must not be promised.
		assertThat(metadata.has("tls_client_certificate_bound_access_tokens")).isFalse();
	}

	@Test
	void metadataOfTheSseEndpointNamesTheSseResource() throws Exception {
		HttpResponse<String> response = this.http.send("GET", METADATA_PATH + "/sse", null, NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = json(response);
		assertThat(metadata.get("resource").asString()).isEqualTo(base() + "/sse");
		assertThat(strings(metadata.get("authorization_servers"))).containsExactly(issuer().issuer());
	}

	@Test
	void bareWellKnownPathAnswersForTheServerAsAWhole() throws Exception {
		HttpResponse<String> response = this.http.send("GET", METADATA_PATH, null, NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = json(response);
		assertThat(metadata.get("resource").asString()).isIn(base(), base() + "/");
		assertThat(strings(metadata.get("authorization_servers"))).containsExactly(issuer().issuer());
		assertThat(strings(metadata.get("bearer_methods_supported"))).containsExactly("header");
	}

	@Test
	void metadataIsServedEvenToAClientWhoseTokenHasExpired() throws Exception {
		String expired = issuer().token("alice")
			.audience(mcpResource())
			.issuedAt(Instant.now().minus(Duration.ofMinutes(20)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(10)))
			.sign();
		HttpResponse<String> response = this.http.send("GET", METADATA_PATH + "/mcp", expired, NO_HEADERS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response).get("resource").asString()).isEqualTo(mcpResource());
	}

	@Test
	void clientWithoutATokenFindsItsWayFromThe401ToTheIssuersKeys() throws Exception {
		HttpResponse<String> unauthorized = this.http.initialize(null);
		String metadataUrl = SecureMcpHttp.challengeParameters(SecureMcpHttp.challenge(unauthorized))
			.get("resource_metadata");
		JsonNode metadata = json(get(metadataUrl));
		assertThat(metadata.get("resource").asString()).as("the audience to ask for").isEqualTo(mcpResource());
		String authorizationServer = metadata.get("authorization_servers").get(0).asString();
		JsonNode discovery = json(get(authorizationServer + "/.well-known/openid-configuration"));
		assertThat(discovery.get("issuer").asString()).isEqualTo(authorizationServer);
		JsonNode keys = json(get(discovery.get("jwks_uri").asString()));
		assertThat(keys.at("/keys/0/kid").asString()).isEqualTo(LocalIssuer.KEY_ID);
		// And a token for the resource the metadata names is what this server takes.
		String token = issuer().token("alice").audience(metadata.get("resource").asString()).sign();
		assertThat(this.http.initialize(token).statusCode()).isEqualTo(200);
	}

	private static String get(String url) throws Exception {
		HttpResponse<String> response = SecureMcpHttp.getAbsolute(url);
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
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

}
