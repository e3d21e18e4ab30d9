package io.github.mcpstarter.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.mcpstarter.protocol.Implementation;
import io.github.mcpstarter.protocol.InMemoryMcpSessionStore;
import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.McpFeature;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.AccessPolicy;
import io.github.mcpstarter.protocol.ToolCallObserver;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.transport.OpenStreams;

/**
 * The protocol core (tool registry, sessions, JSON-RPC codec, the server that answers requests)
 * and the open streams both transports share.
 */
@Configuration(proxyBeanMethods = false)
class McpProtocolConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ToolRegistry mcpToolRegistry() {
		return new ToolRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	McpSessionStore mcpSessionStore(McpServerProperties properties) {
		return new InMemoryMcpSessionStore(properties.getSession().getIdleTimeout(),
				properties.getSession().getMaxSessions(), properties.getSession().getMaxSessionsPerPrincipal());
	}

	@Bean
	@ConditionalOnMissingBean
	JsonRpcCodec mcpJsonRpcCodec() {
		return new JsonRpcCodec();
	}

	@Bean
	@ConditionalOnMissingBean
	OpenStreams mcpOpenStreams(McpSessionStore sessionStore, McpServerProperties properties) {
		McpServerProperties.Session session = properties.getSession();
		return new OpenStreams(sessionStore, session.getKeepAliveInterval(), session.getMaxStreamsPerPrincipal(),
				session.getMaxStreamBacklog(), session.getMaxStreamBacklogSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	McpServer mcpServer(McpServerProperties properties, Environment environment, ToolRegistry toolRegistry,
			McpSessionStore sessionStore, ObjectProvider<AccessPolicy> accessPolicy,
			ObjectProvider<ToolCallObserver> observers, ObjectProvider<McpFeature.Factory> features) {
		String name = (properties.getName() != null) ? properties.getName()
				: environment.getProperty("spring.application.name", "mcp-server");
		return new McpServer(new Implementation(name, properties.getTitle(), properties.getVersion()),
				properties.getInstructions(), toolRegistry, sessionStore, properties.getTools().getPageSize(),
				accessPolicy.getIfAvailable(() -> AccessPolicy.ALLOW_ALL),
				ToolCallObserver.of(observers.orderedStream().toList()), properties.getTools().isInterruptOnCancel(),
				properties.getTools().getCacheTtl().toMillis(), features.orderedStream().toList());
	}

}
