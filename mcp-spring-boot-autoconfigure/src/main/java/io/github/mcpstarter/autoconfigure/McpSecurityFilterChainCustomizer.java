package io.github.mcpstarter.autoconfigure;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Adjusts the starter's security filter chain for the MCP endpoints before it is built, for
 * example to add a filter or a further rule. Beans of this type are applied in order.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface McpSecurityFilterChainCustomizer {

	/**
	 * @param http the chain being built, already matched to the MCP endpoints
	 */
	void customize(HttpSecurity http) throws Exception;

}
