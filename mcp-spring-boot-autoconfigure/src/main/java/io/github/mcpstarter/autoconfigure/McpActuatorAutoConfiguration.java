package io.github.mcpstarter.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.github.mcpstarter.actuate.McpHealthIndicator;
import io.github.mcpstarter.actuate.McpServerEndpoint;
import io.github.mcpstarter.actuate.McpTransportInfo;
import io.github.mcpstarter.invocation.MvcDispatcher;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.TransportContext;
import io.github.mcpstarter.protocol.OfferingRegistry;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.security.McpScopes;
import io.github.mcpstarter.transport.OpenStreams;

/**
 * The Actuator view of the MCP server, when the application has Spring Boot Actuator: the
 * {@code mcp} endpoint (exposed only when {@code management.endpoints.web.exposure.include} names
 * it) and the {@code mcp} health indicator ({@code management.health.mcp.enabled}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { McpServerAutoConfiguration.class, McpSecurityAutoConfiguration.class })
@ConditionalOnBean(McpServer.class)
@Import({ McpActuatorAutoConfiguration.EndpointConfiguration.class,
		McpActuatorAutoConfiguration.HealthConfiguration.class })
public final class McpActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		McpServerEndpoint mcpServerEndpoint(ToolRegistry tools, McpSessionStore sessions, OpenStreams streams,
				MvcDispatcher dispatcher, McpServerProperties properties, ObjectProvider<McpScopes> scopes,
				ObjectProvider<OfferingRegistry<?>> offerings) {
			String publicUrl = properties.getPublicUrl();
			String base = (publicUrl == null) ? null
					: publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
			List<McpTransportInfo> transports = List.of(
					new McpTransportInfo(TransportContext.STREAMABLE_HTTP, properties.getStreamableHttp().getPath(),
							(base != null) ? base + properties.getStreamableHttp().getPath() : null,
							properties.getStreamableHttp().isEnabled()),
					new McpTransportInfo(TransportContext.SSE, properties.getSse().getPath(),
							(base != null) ? base + properties.getSse().getPath() : null,
							properties.getSse().isEnabled()));
			// Scopes exist only with the starter's security; read at call time, since it is configured later.
			return new McpServerEndpoint(tools, sessions, streams, transports, dispatcher, (tool) -> {
				McpScopes known = scopes.getIfAvailable();
				return (known != null) ? known.of(tool) : List.of();
			}, offerings.orderedStream().toList(), (offering) -> {
				McpScopes known = scopes.getIfAvailable();
				return (known != null) ? known.of(offering) : List.of();
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "mcpHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("mcp")
		McpHealthIndicator mcpHealthIndicator(ToolRegistry tools, McpSessionStore sessions, OpenStreams streams,
				McpServerProperties properties) {
			return new McpHealthIndicator(tools, sessions, streams,
					McpObservationConfiguration.enabledTransports(properties));
		}

	}

}
