package io.github.mcpstarter.sample.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;

/**
 * What anyone may register at the open Dynamic Client Registration endpoint (RFC 7591,
 * {@code POST /oauth2/register}), which is how MCP clients (MCP Inspector, VS Code, Cursor,
 * {@code mcp-remote}) introduce themselves to an authorization server they have never met.
 *
 * <ul>
 * <li><strong>Scopes</strong>: the ones offered to MCP clients ({@link SampleScopes#OFFERED}) and
 * the OpenID Connect ones ({@code openid profile email}). Spring Authorization Server's default
 * validator refuses any scope at registration, which would leave a registered client unable to
 * ask for one; anything else (such as {@code admin}) is refused with
 * {@code invalid_client_metadata}. A client that registers no scope, as most MCP clients do, gets
 * all of them (RFC 7591, section 2: the server may register a default set).</li>
 * <li><strong>Grant types</strong>: {@code authorization_code} and {@code refresh_token} only.
 * Every token of a registered client thus comes from a user who logged in and consented;
 * {@code client_credentials} would let anyone who can reach the port mint tokens for themselves.
 * Machine clients are configured by the operator, as the demo client is.</li>
 * <li><strong>Redirect URIs</strong>, where the demo user's authorization code goes: {@code https}
 * with a host, or {@code http} to the loopback interface, {@code http://127.0.0.1},
 * {@code http://[::1]} or {@code http://localhost}, on any port (RFC 8252, sections 7.3 and 8.3:
 * native clients such as {@code mcp-remote} listen on a port of their own). That is what the MCP
 * authorization specification allows ("all redirect URIs MUST be either localhost or use
 * HTTPS"). Private-use URI schemes ({@code com.example.app:/callback}, RFC 8252 section 7.1) are
 * refused, since the MCP specification does not allow them and any program may claim a scheme;
 * so are user information, fragments and anything else, with {@code invalid_redirect_uri}
 * (RFC 7591, section 3.2.2). One bad URI refuses the registration.</li>
 * <li>JWK Set URIs: Spring Authorization Server's default check ({@code https} only). Registered
 * clients must use PKCE, and the user consents to their scopes on a page that names the client
 * and the redirect host ({@link ConsentPageController}).</li>
 * </ul>
 */
final class ClientRegistrationPolicy {

	/** The scopes a client may register. */
	static final Set<String> REGISTRABLE_SCOPES;

	static {
		Set<String> scopes = new LinkedHashSet<>(SampleScopes.OFFERED);
		scopes.addAll(List.of(OidcScopes.OPENID, OidcScopes.PROFILE, OidcScopes.EMAIL));
		REGISTRABLE_SCOPES = Set.copyOf(scopes);
	}

	/** The grant types a client may register. */
	static final Set<String> REGISTRABLE_GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	/** The hosts a plain {@code http} redirect URI may name: the loopback interface. */
	static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

	/** Names the refused URI and says why; Spring Authorization Server's default check, which follows, does not. */
	private static final Consumer<OAuth2ClientRegistrationAuthenticationContext> REDIRECT_URI_VALIDATOR = ClientRegistrationPolicy::validateRedirectUris;

	private static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	private static final String INVALID_REDIRECT_URI = "invalid_redirect_uri";

	/** How much of a refused URI the error repeats. */
	private static final int MAX_QUOTED_LENGTH = 200;

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2";

	private ClientRegistrationPolicy() {
	}

	/** Applies the policy to the registration endpoint's provider, leaving other providers alone. */
	static void apply(AuthenticationProvider provider) {
		if (provider instanceof OAuth2ClientRegistrationAuthenticationProvider registration) {
			registration.setAuthenticationValidator(REDIRECT_URI_VALIDATOR
				.andThen(OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR)
				.andThen(OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_JWK_SET_URI_VALIDATOR)
				.andThen(ClientRegistrationPolicy::validateScopesAndGrantTypes));
			OAuth2ClientRegistrationRegisteredClientConverter converter = new OAuth2ClientRegistrationRegisteredClientConverter();
			registration.setRegisteredClientConverter((request) -> withDefaultScopes(converter.convert(request)));
		}
	}

	private static void validateRedirectUris(OAuth2ClientRegistrationAuthenticationContext context) {
		OAuth2ClientRegistrationAuthenticationToken registration = context.getAuthentication();
		List<String> redirectUris = registration.getClientRegistration().getRedirectUris();
		if (redirectUris == null) {
			return;
		}
		for (String redirectUri : redirectUris) {
			String problem = redirectUriProblem(redirectUri);
			if (problem != null) {
				throw new OAuth2AuthenticationException(new OAuth2Error(INVALID_REDIRECT_URI,
						"redirect_uris: '" + quoted(redirectUri) + "' " + problem, ERROR_URI));
			}
		}
	}

	/** What is wrong with a redirect URI, or {@code null} if it is allowed. */
	static String redirectUriProblem(String redirectUri) {
		URI uri;
		try {
			uri = new URI(redirectUri);
		}
		catch (URISyntaxException ex) {
			return "is not a URI";
		}
		if (uri.getFragment() != null) {
			return "has a fragment, which a redirect URI must not have";
		}
		if (uri.getRawUserInfo() != null) {
			return "has user information, which would hide its host from the user";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		if ("https".equals(scheme) && !host.isEmpty()) {
			return null;
		}
		if ("http".equals(scheme) && LOOPBACK_HOSTS.contains(host)) {
			return null;
		}
		return "is neither https nor http to 127.0.0.1, [::1] or localhost";
	}

	private static String quoted(String value) {
		return (value.length() <= MAX_QUOTED_LENGTH) ? value : value.substring(0, MAX_QUOTED_LENGTH) + "...";
	}

	private static void validateScopesAndGrantTypes(OAuth2ClientRegistrationAuthenticationContext context) {
		OAuth2ClientRegistrationAuthenticationToken registration = context.getAuthentication();
		OAuth2ClientRegistration request = registration.getClientRegistration();
		List<String> scopes = request.getScopes();
		if (scopes != null && !REGISTRABLE_SCOPES.containsAll(scopes)) {
			throw invalidClientMetadata("scope: only " + String.join(" ", sorted(REGISTRABLE_SCOPES))
					+ " can be registered");
		}
		List<String> grantTypes = request.getGrantTypes();
		if (grantTypes != null && !REGISTRABLE_GRANT_TYPES.containsAll(grantTypes)) {
			throw invalidClientMetadata("grant_types: only " + String.join(" ", sorted(REGISTRABLE_GRANT_TYPES))
					+ " can be registered");
		}
	}

	private static RegisteredClient withDefaultScopes(RegisteredClient client) {
		if (!client.getScopes().isEmpty()) {
			return client;
		}
		return RegisteredClient.from(client).scopes((scopes) -> scopes.addAll(sorted(REGISTRABLE_SCOPES))).build();
	}

	private static List<String> sorted(Set<String> values) {
		return values.stream().sorted().toList();
	}

	private static OAuth2AuthenticationException invalidClientMetadata(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(INVALID_CLIENT_METADATA, description, ERROR_URI));
	}

}
