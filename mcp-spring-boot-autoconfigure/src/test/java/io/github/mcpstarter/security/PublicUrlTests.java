package io.github.mcpstarter.security;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code mcp.server.public-url} set, the accepted audiences come from it alone: a client
 * cannot make a token for another server acceptable by naming that server in {@code Host}.
 */
@SpringBootTest(classes = SecuredFixtureApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = { "spring.autoconfigure.exclude=", "mcp.server.security.allow-unauthenticated=false" })
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublicUrlTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		LocalIssuer.registerIssuerUri(registry);
		registry.add("server.port", () -> PORT);
		registry.add("mcp.server.public-url", () -> "http://127.0.0.1:" + PORT);
	}

	@Test
	void tokenForAnotherServerIsRefusedEvenWhenTheHostHeaderNamesThatServer() throws Exception {
		String tokenForEvil = LocalIssuer.get().token("alice").audience("http://evil.example/mcp").scopes("things.read").sign();
		assertThat(rawPostStatus("evil.example", tokenForEvil)).isEqualTo(401);
	}

	@Test
	void tokenForThePublicUrlIsAcceptedWhateverTheHostHeader() throws Exception {
		String token = LocalIssuer.get().token("alice").audience("http://127.0.0.1:" + PORT + "/mcp").scopes("things.read").sign();
		assertThat(rawPostStatus("127.0.0.1:" + PORT, token)).isEqualTo(200);
		assertThat(rawPostStatus("internal-name:8080", token)).isEqualTo(200);
	}

	private static int rawPostStatus(String host, String token) throws Exception {
		return SecureMcpHttp.rawInitializeStatus(PORT, host, token);
	}

}
