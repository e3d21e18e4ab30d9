package io.github.mcpstarter.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers an authenticated MCP request that the endpoint's own rules refuse with 403 and an
 * {@code insufficient_scope} challenge naming every scope the endpoint needs and where its
 * metadata is, so the client can step up (RFC 6750 §3.1).
 */
public final class McpAccessDeniedHandler implements AccessDeniedHandler {

	private static final byte[] BODY = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32003,"
			+ "\"message\":\"Forbidden: the access token lacks a scope this server needs\"}}")
		.getBytes(StandardCharsets.UTF_8);

	private final McpResourceUrls urls;

	private final Supplier<List<String>> scopes;

	/**
	 * @param urls this server's URLs
	 * @param scopes the scopes every MCP request needs
	 */
	public McpAccessDeniedHandler(McpResourceUrls urls, Supplier<List<String>> scopes) {
		this.urls = urls;
		this.scopes = scopes;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", "
				+ "error_description=\"The request requires higher privileges than provided by the access token.\", "
				+ "scope=\"" + String.join(" ", this.scopes.get()) + "\", resource_metadata=\""
				+ this.urls.metadataUrl(request) + "\"");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(BODY);
	}

}
