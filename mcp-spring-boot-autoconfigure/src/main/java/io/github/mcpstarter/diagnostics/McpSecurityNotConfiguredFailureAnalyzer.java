package io.github.mcpstarter.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.util.ClassUtils;

import io.github.mcpstarter.autoconfigure.McpSecurityNotConfiguredException;

/**
 * Explains a {@link McpSecurityNotConfiguredException}: the application would publish tools that
 * anyone could call, and the starter is secure by default.
 *
 * @since 0.1.0
 */
public class McpSecurityNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<McpSecurityNotConfiguredException> {

	private static final String RESOURCE_SERVER_CLASS = "org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, McpSecurityNotConfiguredException cause) {
		boolean resourceServerOnClasspath = ClassUtils.isPresent(RESOURCE_SERVER_CLASS,
				McpSecurityNotConfiguredFailureAnalyzer.class.getClassLoader());
		String description = "The MCP endpoints would be open to anyone: no OAuth2 resource server protects them, "
				+ "so every published tool could be called by whoever reaches this server. The MCP starter is secure "
				+ "by default and does not start that way."
				+ (resourceServerOnClasspath ? ""
						: " Spring Security's OAuth2 resource server is not on the classpath (the starter brings it; "
								+ "was it excluded?).");
		String action = "Configure an OAuth2 resource server for the MCP endpoints, for example:"
				+ System.lineSeparator() + System.lineSeparator()
				+ "    spring.security.oauth2.resourceserver.jwt.issuer-uri=https://issuer.example.com"
				+ System.lineSeparator() + System.lineSeparator()
				+ "(or jwk-set-uri, opaque-token introspection, a JwtDecoder bean, or your own SecurityFilterChain bean "
				+ "named '" + McpSecurityNotConfiguredException.CHAIN_NAME + "')."
				+ " For a local experiment only, set mcp.server.security.allow-unauthenticated=true to run the MCP "
				+ "endpoints without authentication.";
		return new FailureAnalysis(description, action, cause);
	}

}
