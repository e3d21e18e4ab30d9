package io.github.mcpstarter.sample.config;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A {@code client_credentials} token request without {@code scope} gets all of the client's
 * registered scopes.
 *
 * <p>Spring Authorization Server grants no scope at all then, and a token without scopes is
 * refused by every rule of the sample. RFC 6749 (section 3.3) lets the server apply a default
 * instead; this one is the client's registration, so that the simple request works:
 * {@code curl -u mcp-demo-client:mcp-demo-secret -d grant_type=client_credentials ...}. A request
 * that names scopes is unchanged, and still limited to the registered ones.
 */
final class ClientCredentialsDefaultScopes implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private ClientCredentialsDefaultScopes(AuthenticationProvider delegate) {
		this.delegate = delegate;
	}

	/** Wraps the token endpoint's {@code client_credentials} provider, leaving others alone. */
	static AuthenticationProvider wrap(AuthenticationProvider provider) {
		return (provider instanceof OAuth2ClientCredentialsAuthenticationProvider)
				? new ClientCredentialsDefaultScopes(provider) : provider;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		if (authentication instanceof OAuth2ClientCredentialsAuthenticationToken request
				&& request.getScopes().isEmpty()
				&& request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.getRegisteredClient() != null) {
			RegisteredClient registeredClient = client.getRegisteredClient();
			OAuth2ClientCredentialsAuthenticationToken withScopes = new OAuth2ClientCredentialsAuthenticationToken(
					client, registeredClient.getScopes(), request.getAdditionalParameters());
			withScopes.setDetails(request.getDetails());
			return this.delegate.authenticate(withScopes);
		}
		return this.delegate.authenticate(authentication);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
