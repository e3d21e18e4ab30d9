package io.github.mcpstarter.security;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the issuer's keys cannot be fetched, the client learns that its token could not be checked,
 * and nothing of the server's internals (the HTTP client's exception, the key set's address).
 */
@SpringBootTest(classes = SecuredFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false",
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JwksUnavailableTests {

	@LocalServerPort
	int port;

	SecureMcpHttp http;

	@BeforeEach
	void createClient() {
		this.http = new SecureMcpHttp("http://127.0.0.1:" + this.port);
	}

	@Test
	void tokenThatCannotBeCheckedIsRefusedWithoutInternals() throws Exception {
		String token = LocalIssuer.get().token("alice").audience("http://127.0.0.1:" + this.port + "/mcp").sign();
		HttpResponse<String> response = this.http.initialize(token);
		String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
		// As for REST: the server could not do its part; the log has the details.
		assertThat(response.statusCode()).isIn(401, 500, 503);
		assertThat(challenge).doesNotContainPattern(SecurityErrorTextTests.INTERNALS).doesNotContain("127.0.0.1:9");
		assertThat(response.body()).doesNotContainPattern(SecurityErrorTextTests.INTERNALS).doesNotContain("127.0.0.1:9");
	}

}
