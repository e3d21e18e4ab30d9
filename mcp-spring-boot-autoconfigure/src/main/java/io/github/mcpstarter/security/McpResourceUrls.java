package io.github.mcpstarter.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The canonical URLs of this MCP server as a request sees them: the resource identifiers
 * (RFC 8707) of its endpoints, where their protected resource metadata (RFC 9728) lives, and the
 * audiences a token for this server may carry.
 *
 * <p>With {@code mcp.server.public-url} set they are built from it alone. Otherwise they are
 * built from the request's scheme, host, port and context path (which Boot's forward-headers
 * strategy corrects behind a proxy): convenient in development, but the {@code Host} header is the
 * client's to choose, so a token issued for another server would be accepted by a client that names
 * that server in {@code Host}. Set the public URL in production.
 */
public class McpResourceUrls {

	/** The well-known path of RFC 9728. */
	public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

	private final String streamablePath;

	private final @Nullable String ssePath;

	private final @Nullable String sseMessagePath;

	private final List<String> extraAudiences;

	private final @Nullable String publicUrl;

	/**
	 * @param streamablePath the Streamable HTTP endpoint ({@code /mcp})
	 * @param ssePath the SSE stream endpoint, or {@code null} when that transport is off
	 * @param sseMessagePath the SSE message endpoint, or {@code null}
	 * @param extraAudiences further audiences accepted, such as an API identifier an issuer uses
	 * @param publicUrl the URL clients reach this server at (with its context path), or {@code null}
	 * to take it from each request
	 */
	public McpResourceUrls(String streamablePath, @Nullable String ssePath, @Nullable String sseMessagePath,
			List<String> extraAudiences, @Nullable String publicUrl) {
		this.publicUrl = (publicUrl == null || publicUrl.isBlank()) ? null
				: publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
		this.streamablePath = streamablePath;
		this.ssePath = ssePath;
		this.sseMessagePath = sseMessagePath;
		this.extraAudiences = List.copyOf(extraAudiences);
	}

	/** Whether the URLs come from a configured public URL rather than from each request. */
	public boolean isFixed() {
		return this.publicUrl != null;
	}

	/** {@code scheme://host[:port]/context-path}, without a trailing slash. */
	public String base(HttpServletRequest request) {
		if (this.publicUrl != null) {
			return this.publicUrl;
		}
		String scheme = request.getScheme();
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443)
				|| port <= 0;
		return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
	}

	/** The endpoint a request belongs to: the SSE stream's path for both SSE endpoints, else the Streamable one. */
	public String endpointPath(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (this.ssePath != null && (path.equals(this.ssePath) || path.equals(this.sseMessagePath)
				|| path.equals(METADATA_PATH + this.ssePath))) {
			return this.ssePath;
		}
		return this.streamablePath;
	}

	/** The resource identifier of the endpoint of this request. */
	public String resource(HttpServletRequest request) {
		return base(request) + endpointPath(request);
	}

	/** Where the protected resource metadata of the endpoint of this request is served. */
	public String metadataUrl(HttpServletRequest request) {
		return base(request) + METADATA_PATH + endpointPath(request);
	}

	/**
	 * The audiences a token may carry to be accepted here: this server (its base URL), either of
	 * its endpoints, or a configured one.
	 */
	public Set<String> acceptedAudiences(HttpServletRequest request) {
		String base = base(request);
		Set<String> audiences = new LinkedHashSet<>();
		audiences.add(base);
		audiences.add(base + "/");
		audiences.add(base + this.streamablePath);
		if (this.ssePath != null) {
			audiences.add(base + this.ssePath);
		}
		audiences.addAll(this.extraAudiences);
		return audiences;
	}

}
