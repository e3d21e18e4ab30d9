package io.github.mcpstarter.sample.config;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own settings of its embedded authorization server ({@code sample.authorization-server.*}).
 * The issuer and the demo client are Spring Boot's standard
 * {@code spring.security.oauth2.authorizationserver.*} properties.
 *
 * @param enabled whether the application runs its own authorization server; {@code false} to
 * accept tokens from another issuer ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
 * @param demoUser the one user who can log in, to authorize interactive clients
 * @param corsAllowedOrigins browser origins that may call the token, registration and metadata
 * endpoints: MCP Inspector runs the OAuth flow in the browser, from {@code http://localhost:6274}
 * @param resources the RFC 8707 resource identifiers it issues access tokens for (their
 * {@code aud}), the first for a client that names none; empty for this server's own
 * ({@code <issuer>/mcp}, {@code <issuer>/sse}, {@code <issuer>}). Add another local service that
 * trusts this issuer here; any other {@code resource} is refused with {@code invalid_target}
 */
@ConfigurationProperties("sample.authorization-server")
public record SampleAuthorizationServerProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue DemoUser demoUser,
		@DefaultValue({ "http://localhost:6274", "http://127.0.0.1:6274" }) List<String> corsAllowedOrigins,
		@DefaultValue List<String> resources) {

	/**
	 * @param username the user name on the login page
	 * @param password the password, in clear: a demo, documented in the README
	 */
	public record DemoUser(@DefaultValue("demo") String username, @DefaultValue("demo") String password) {
	}

}
