package io.github.mcpstarter.security;

import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Authenticates bearer tokens with the application's own provider (JWT or introspection), then
 * refuses any token not issued for this server: its {@code aud} must name this server, one of its
 * MCP endpoints, or a configured audience. A token for another API is never accepted here, even
 * from a trusted issuer (MCP authorization, token audience binding; RFC 8707).
 *
 * <p>The accepted audiences depend on the URL the request came to, hence a resolver per request
 * rather than a validator inside the decoder.
 */
public final class AudienceCheckingAuthenticationManagerResolver
		implements AuthenticationManagerResolver<HttpServletRequest> {

	private final AuthenticationProvider provider;

	private final McpResourceUrls urls;

	/**
	 * @param provider authenticates the bearer token (a {@code JwtAuthenticationProvider} or an
	 * {@code OpaqueTokenAuthenticationProvider})
	 * @param urls this server's URLs
	 */
	public AudienceCheckingAuthenticationManagerResolver(AuthenticationProvider provider, McpResourceUrls urls) {
		this.provider = provider;
		this.urls = urls;
	}

	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		return (authentication) -> {
			Authentication authenticated = this.provider.authenticate(authentication);
			Collection<String> audiences = audiences(authenticated);
			for (String audience : audiences) {
				if (this.urls.acceptedAudiences(request).contains(audience)) {
					return authenticated;
				}
			}
			throw new InvalidBearerTokenException("The token was not issued for this server: its audience "
					+ audiences + " does not name " + this.urls.resource(request));
		};
	}

	private static Collection<String> audiences(Authentication authentication) {
		if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token
				&& token.getToken() instanceof Jwt jwt) {
			return (jwt.getAudience() != null) ? jwt.getAudience() : List.of();
		}
		if (authentication.getPrincipal() instanceof OAuth2AuthenticatedPrincipal principal) {
			Object audience = principal.getAttribute("aud");
			if (audience instanceof Collection<?> values) {
				return values.stream().map(String::valueOf).toList();
			}
			if (audience != null) {
				return List.of(audience.toString());
			}
		}
		return List.of();
	}

}
