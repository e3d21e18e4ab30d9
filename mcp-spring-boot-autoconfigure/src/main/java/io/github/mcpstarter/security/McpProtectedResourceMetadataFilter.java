package io.github.mcpstarter.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.web.OAuth2ProtectedResourceMetadataFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the OAuth 2.0 Protected Resource Metadata (RFC 9728) of the MCP endpoints, and only of
 * them: {@code /.well-known/oauth-protected-resource/mcp} (and {@code /sse} when that transport is
 * on) name their endpoint, the bare well-known path names the server as a whole, and any other path
 * under it is answered 404.
 *
 * <p>Spring Security's {@link OAuth2ProtectedResourceMetadataFilter} is not used for this: it names
 * as the resource whatever path follows the well-known prefix, on whatever host the request named,
 * and gives its customizer no access to the request. A client that chose the {@code Host} header
 * (or the suffix, {@code /api/owners}) got a document for a resource this server does not protect
 * as an MCP endpoint. Here the resource comes from {@link McpResourceUrls}: the configured
 * {@code mcp.server.public-url} when set. The document itself is Spring Security's
 * {@link OAuth2ProtectedResourceMetadata}, so its claims are validated as there.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-3">RFC 9728 §3</a>
 * @since 0.1.0
 */
public final class McpProtectedResourceMetadataFilter extends OncePerRequestFilter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] NOT_FOUND = "{\"error\":\"not_found\",\"error_description\":\"No protected resource metadata at this path\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final McpResourceUrls urls;

	private final List<String> endpoints;

	private final List<String> authorizationServers;

	private final Supplier<List<String>> scopes;

	private final String resourceName;

	/**
	 * @param urls this server's URLs
	 * @param endpoints the paths of the MCP endpoints that have metadata ({@code /mcp}, {@code /sse})
	 * @param authorizationServers the issuers a client gets tokens from
	 * @param scopes the scopes to advertise ({@code scopes_supported}), asked on every request
	 * @param resourceName the human-readable name of this server
	 */
	public McpProtectedResourceMetadataFilter(McpResourceUrls urls, List<String> endpoints,
			List<String> authorizationServers, Supplier<List<String>> scopes, String resourceName) {
		this.urls = urls;
		this.endpoints = List.copyOf(endpoints);
		this.authorizationServers = List.copyOf(authorizationServers);
		this.scopes = scopes;
		this.resourceName = resourceName;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = pathWithinContext(request);
		return !(path.equals(McpResourceUrls.METADATA_PATH) || path.startsWith(McpResourceUrls.METADATA_PATH + "/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String resource = resourceOf(pathWithinContext(request), request);
		if (resource == null || !"GET".equals(request.getMethod())) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getOutputStream().write(NOT_FOUND);
			return;
		}
		OAuth2ProtectedResourceMetadata.Builder metadata = OAuth2ProtectedResourceMetadata.builder()
			.resource(resource)
			.bearerMethod("header")
			.resourceName(this.resourceName);
		this.authorizationServers.forEach(metadata::authorizationServer);
		this.scopes.get().forEach(metadata::scope);
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		// Anyone may read it; caches may keep it a little, as it changes only with the tools.
		response.setHeader("Cache-Control", "max-age=60");
		response.getOutputStream().write(JSON.writeValueAsBytes(metadata.build().getClaims()));
	}

	/** The resource of a metadata path, or {@code null} when the path names no MCP endpoint. */
	private @Nullable String resourceOf(String path, HttpServletRequest request) {
		String base = this.urls.base(request);
		if (path.equals(McpResourceUrls.METADATA_PATH)) {
			return base;
		}
		String endpoint = path.substring(McpResourceUrls.METADATA_PATH.length());
		return this.endpoints.contains(endpoint) ? base + endpoint : null;
	}

	private static String pathWithinContext(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
