package io.github.mcpstarter.sample.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * RFC 8707 resource indicators for the embedded authorization server: which resources it issues
 * access tokens for, and the {@code aud} claim of each token.
 *
 * <p>The resources are {@code sample.authorization-server.resources}: by default this server's
 * own resource identifiers, its two MCP endpoints {@code /mcp} and {@code /sse} and its base URL,
 * which are the audiences the starter accepts on the MCP endpoints and those in
 * {@code spring.security.oauth2.resourceserver.jwt.audiences}. Another service on the same machine
 * that trusts this issuer is added to the list, so that it can be asked for tokens too. With an
 * empty list, the three are derived from the issuer, which is this server's base URL. A trailing
 * slash is ignored: a client that builds the identifier with the WHATWG URL API sends the base
 * URL as {@code http://localhost:8080/}.
 *
 * <p>Any other {@code resource}, another origin included, is refused with {@code invalid_target}
 * (RFC 8707, section 2) rather than ignored. Ignoring it would mean a token good for this server,
 * handed to a client that will present it to another one, which could then replay it here: the
 * very thing audience restriction prevents. The error also tells the client at once that it asks
 * the wrong authorization server. The refusal comes at the authorization endpoint, back to the
 * client's redirect URI before the user logs in, and at the token endpoint.
 *
 * <p>The {@code aud} of an access token is the {@code resource} of the token request; else that of
 * the authorization request (authorization code and refresh token grants); else, when the client
 * sent none, the first of the resources ({@code <issuer>/mcp} by default), so that a token
 * obtained the simple way is good for the MCP endpoint, and for the REST API next to it.
 */
final class ResourceIndicators {

	/** The request parameter of RFC 8707. */
	static final String RESOURCE = "resource";

	/** The error code of RFC 8707 for a resource that the authorization server refuses. */
	static final String INVALID_TARGET = "invalid_target";

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc8707#section-2";

	/** The paths below the issuer that are resources when none are configured, the default first. */
	private static final List<String> OWN_RESOURCE_PATHS = List.of("/mcp", "/sse", "");

	private static final String PROPERTY = "sample.authorization-server.resources";

	/** The configured resources, without trailing slash; empty for the issuer's own. */
	private final List<String> configured;

	/**
	 * @param configured the value of {@code sample.authorization-server.resources}: absolute URIs
	 * without fragment (RFC 8707, section 2), or none for this server's own
	 * @throws InvalidConfigurationPropertyValueException naming the property for any other value
	 */
	ResourceIndicators(List<String> configured) {
		for (String resource : configured) {
			String problem = resourceProblem(resource);
			if (problem != null) {
				throw new InvalidConfigurationPropertyValueException(PROPERTY, resource, problem);
			}
		}
		this.configured = configured.stream().map(ResourceIndicators::withoutTrailingSlash).distinct().toList();
	}

	/** The resource identifiers this authorization server issues tokens for, the default first. */
	Set<String> resources(String issuer) {
		if (!this.configured.isEmpty()) {
			return new LinkedHashSet<>(this.configured);
		}
		Set<String> resources = new LinkedHashSet<>();
		OWN_RESOURCE_PATHS.forEach((path) -> resources.add(withoutTrailingSlash(issuer) + path));
		return resources;
	}

	/** The audience of a token whose client named no resource. */
	String defaultResource(String issuer) {
		return resources(issuer).iterator().next();
	}

	/**
	 * Validates the {@code resource} parameters of an authorization request. Meant to follow
	 * Spring Authorization Server's own validation of the request.
	 * @throws OAuth2AuthorizationCodeRequestAuthenticationException with {@code invalid_target}
	 */
	void validateAuthorizationRequest(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
		String refused = firstRefused(requested(request.getAdditionalParameters()), issuer);
		if (refused != null) {
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(invalidTarget(refused, issuer), request);
		}
	}

	/**
	 * Sets the {@code aud} claim of every access token from the {@code resource} parameters.
	 * @return the customizer, which Spring Authorization Server picks up as a bean
	 */
	OAuth2TokenCustomizer<JwtEncodingContext> audienceCustomizer() {
		return (context) -> {
			if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
					|| AuthorizationGrantType.TOKEN_EXCHANGE.equals(context.getAuthorizationGrantType())) {
				// ID tokens are for the client; token exchange handles "resource" itself.
				return;
			}
			String issuer = context.getAuthorizationServerContext().getIssuer();
			List<String> requested = new ArrayList<>();
			if (context.getAuthorizationGrant() instanceof OAuth2AuthorizationGrantAuthenticationToken grant) {
				requested.addAll(requested(grant.getAdditionalParameters()));
			}
			OAuth2Authorization authorization = context.getAuthorization();
			if (requested.isEmpty() && authorization != null) {
				OAuth2AuthorizationRequest authorizationRequest = authorization
					.getAttribute(OAuth2AuthorizationRequest.class.getName());
				if (authorizationRequest != null) {
					requested.addAll(requested(authorizationRequest.getAdditionalParameters()));
				}
			}
			String refused = firstRefused(requested, issuer);
			if (refused != null) {
				throw new OAuth2AuthenticationException(invalidTarget(refused, issuer));
			}
			List<String> audience = requested.isEmpty() ? List.of(defaultResource(issuer))
					: requested.stream().map(ResourceIndicators::withoutTrailingSlash).distinct().toList();
			context.getClaims().audience(audience);
		};
	}

	/** The {@code resource} parameters among others; one arrives as a String, several as a String[]. */
	static List<String> requested(Map<String, Object> parameters) {
		Object value = parameters.get(RESOURCE);
		if (value instanceof String resource) {
			return List.of(resource);
		}
		if (value instanceof String[] resources) {
			return Arrays.asList(resources);
		}
		return List.of();
	}

	/** The first of the requested resources this server does not serve, or {@code null}. */
	private String firstRefused(List<String> requested, String issuer) {
		Set<String> served = resources(issuer);
		for (String resource : requested) {
			if (!served.contains(withoutTrailingSlash(resource))) {
				return resource;
			}
		}
		return null;
	}

	/** Why a configured resource is not an RFC 8707 resource identifier, or {@code null}. */
	private static String resourceProblem(String resource) {
		try {
			URI uri = new URI(resource);
			if (!uri.isAbsolute() || uri.getHost() == null) {
				return "a resource must be an absolute URI with a host, such as http://localhost:9090/mcp";
			}
			if (uri.getFragment() != null) {
				return "a resource must not have a fragment (RFC 8707, section 2)";
			}
			return null;
		}
		catch (URISyntaxException ex) {
			return "not a URI: " + ex.getReason();
		}
	}

	private static String withoutTrailingSlash(String uri) {
		String result = uri;
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

	private OAuth2Error invalidTarget(String resource, String issuer) {
		return new OAuth2Error(INVALID_TARGET, "Unknown resource '" + resource
				+ "': this authorization server issues tokens only for " + resources(issuer), ERROR_URI);
	}

}
