package io.github.mcpstarter.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Publishes the {@link io.github.mcpstarter.McpTool} endpoints of a Spring MVC application as an
 * MCP server. Active in servlet web applications unless {@code mcp.server.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "mcp.server.enabled", matchIfMissing = true)
@EnableConfigurationProperties(McpServerProperties.class)
@Import({ McpRedisConfiguration.class, McpProtocolConfiguration.class, McpToolsConfiguration.class, McpResourcesConfiguration.class,
		McpPromptsConfiguration.class, McpCompletionsConfiguration.class, McpStreamableHttpConfiguration.class,
		McpSseConfiguration.class, McpOriginConfiguration.class, McpObservationConfiguration.class })
public final class McpServerAutoConfiguration {

	@Bean
	static McpSecurityRequirement mcpSecurityRequirement(ListableBeanFactory beans, Environment environment) {
		return new McpSecurityRequirement(beans, environment.getProperty("mcp.server.security.allow-unauthenticated",
				Boolean.class, false));
	}

}
