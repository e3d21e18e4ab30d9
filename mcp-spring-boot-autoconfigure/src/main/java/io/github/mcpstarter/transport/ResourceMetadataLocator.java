package io.github.mcpstarter.transport;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Where a client finds the OAuth protected resource metadata (RFC 9728) of the MCP endpoint a
 * request came to, for the {@code resource_metadata} parameter of authorization challenges.
 */
@FunctionalInterface
public interface ResourceMetadataLocator {

	/** No metadata: servers without OAuth. */
	ResourceMetadataLocator NONE = (request) -> null;

	/**
	 * The metadata URL for the endpoint of this request.
	 * @return the absolute URL, or {@code null} when there is none
	 */
	@Nullable String resourceMetadataUrl(HttpServletRequest request);

}
