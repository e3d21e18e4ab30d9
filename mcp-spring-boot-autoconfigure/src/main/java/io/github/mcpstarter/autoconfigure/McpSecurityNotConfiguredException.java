package io.github.mcpstarter.autoconfigure;

/**
 * Thrown at startup when the MCP endpoints would be open to anyone: no OAuth2 resource server
 * protects them and {@code mcp.server.security.allow-unauthenticated} is not set. A failure
 * analyzer explains it.
 *
 * @since 0.1.0
 */
public class McpSecurityNotConfiguredException extends IllegalStateException {

	/** The name of the filter chain that protects the MCP endpoints, the starter's or the user's. */
	public static final String CHAIN_NAME = McpSecurityRequirement.CHAIN_NAME;

	McpSecurityNotConfiguredException() {
		super("The MCP endpoints would be open to anyone: no OAuth2 resource server protects them. "
				+ "Fix: set spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri, or Boot's "
				+ "opaque-token introspection properties) with the starter's Spring Security dependencies on the "
				+ "classpath, or declare your own SecurityFilterChain bean named '" + CHAIN_NAME + "'. "
				+ "For local experiments only, set mcp.server.security.allow-unauthenticated=true.");
	}

}
