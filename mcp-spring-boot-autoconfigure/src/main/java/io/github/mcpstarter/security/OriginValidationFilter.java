package io.github.mcpstarter.security;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses MCP requests whose {@code Origin} is not allowed, with 403, against DNS rebinding.
 *
 * <p>A request without {@code Origin} (any non-browser client) passes. A browser's request passes
 * when its origin is on the configured list ({@code *} allows all), or, when no list is
 * configured, when it is a loopback origin ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}).
 * Comparing the origin with the {@code Host} header would not help: DNS rebinding makes them agree.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning">Transport security</a>
 */
public final class OriginValidationFilter extends OncePerRequestFilter {

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	private static final byte[] FORBIDDEN_BODY = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,"
			+ "\"message\":\"Forbidden: Origin not allowed\"}}").getBytes(StandardCharsets.UTF_8);

	private final List<String> allowedOrigins;

	/**
	 * @param allowedOrigins origins allowed besides none at all, such as {@code https://app.example.com};
	 * {@code *} allows every origin; empty allows loopback origins only
	 */
	public OriginValidationFilter(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins.stream().map(OriginValidationFilter::normalize).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		if (origin == null || isAllowed(origin)) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(FORBIDDEN_BODY.length);
		response.getOutputStream().write(FORBIDDEN_BODY);
	}

	boolean isAllowed(String origin) {
		if (this.allowedOrigins.contains("*") || this.allowedOrigins.contains(normalize(origin))) {
			return true;
		}
		if (!this.allowedOrigins.isEmpty()) {
			return false;
		}
		try {
			URI uri = URI.create(origin);
			return uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))
					&& ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String normalize(String origin) {
		String trimmed = origin.trim().toLowerCase(Locale.ROOT);
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

}
