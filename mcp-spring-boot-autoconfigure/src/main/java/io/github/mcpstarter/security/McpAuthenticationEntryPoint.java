package io.github.mcpstarter.security;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated MCP request with 401 and a challenge that tells the client how to
 * get a token: {@code WWW-Authenticate: Bearer resource_metadata="...", scope="..."}, plus
 * {@code error="invalid_token"} when a token was sent and refused.
 *
 * <p>Spring Security's {@link BearerTokenAuthenticationEntryPoint} writes the challenge; this adds
 * the endpoint's own metadata URL and the scopes to ask for, which the MCP authorization
 * specification wants in every 401.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#protected-resource-metadata-discovery-requirements">Metadata discovery</a>
 */
public final class McpAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint delegate = new BearerTokenAuthenticationEntryPoint();

	private final Supplier<List<String>> scopes;

	/**
	 * @param urls this server's URLs
	 * @param scopes the scopes to ask for (never {@code offline_access})
	 */
	public McpAuthenticationEntryPoint(McpResourceUrls urls, Supplier<List<String>> scopes) {
		this.delegate.setResourceMetadataParameterResolver(urls::metadataUrl);
		this.scopes = scopes;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		this.delegate.commence(request, response, ex);
		String challenge = response.getHeader(HttpHeaders.WWW_AUTHENTICATE);
		List<String> scopes = this.scopes.get().stream().filter((scope) -> !"offline_access".equals(scope)).toList();
		if (challenge != null && !challenge.contains("scope=") && !scopes.isEmpty()) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge + ", scope=\"" + String.join(" ", scopes) + "\"");
		}
	}

}
