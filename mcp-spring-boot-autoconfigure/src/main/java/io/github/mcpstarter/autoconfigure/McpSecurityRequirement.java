package io.github.mcpstarter.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Secure by default: the application does not start with MCP endpoints that anyone can call,
 * unless the user says so with {@code mcp.server.security.allow-unauthenticated=true}.
 */
final class McpSecurityRequirement implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(McpSecurityRequirement.class);

	/** The name of the filter chain that protects the MCP endpoints, the starter's or the user's. */
	static final String CHAIN_NAME = "mcpSecurityFilterChain";

	private final ListableBeanFactory beans;

	private final boolean allowUnauthenticated;

	McpSecurityRequirement(ListableBeanFactory beans, boolean allowUnauthenticated) {
		this.beans = beans;
		this.allowUnauthenticated = allowUnauthenticated;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.beans.containsBean(CHAIN_NAME)) {
			return;
		}
		if (!this.allowUnauthenticated) {
			throw new McpSecurityNotConfiguredException();
		}
		logger.warn("The MCP endpoints run WITHOUT authentication (mcp.server.security.allow-unauthenticated=true): "
				+ "anyone who can reach this server can call every published tool. Configure an OAuth2 resource server "
				+ "(spring.security.oauth2.resourceserver.jwt.issuer-uri) before exposing it.");
	}

}
