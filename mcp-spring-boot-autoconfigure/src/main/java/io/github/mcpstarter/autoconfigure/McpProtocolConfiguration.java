package io.github.mcpstarter.autoconfigure;

import java.time.Clock;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.mcpstarter.protocol.Implementation;
import io.github.mcpstarter.protocol.InMemoryMcpSessionStore;
import io.github.mcpstarter.protocol.InputSettings;
import io.github.mcpstarter.protocol.RequestStates;
import io.github.mcpstarter.protocol.SpentRequestStates;
import io.github.mcpstarter.protocol.JsonRpcCodec;
import io.github.mcpstarter.protocol.McpFeature;
import io.github.mcpstarter.protocol.McpServer;
import io.github.mcpstarter.protocol.McpFleet;
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

	private static final Log logger = LogFactory.getLog(McpProtocolConfiguration.class);

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
			ObjectProvider<ToolCallObserver> observers, ObjectProvider<McpFeature.Factory> features,
			RequestStates requestStates, ObjectProvider<McpFleet> fleet, OpenStreams streams) {
		String name = (properties.getName() != null) ? properties.getName()
				: environment.getProperty("spring.application.name", "mcp-server");
		McpServer server = new McpServer(new Implementation(name, properties.getTitle(), properties.getVersion()),
				properties.getInstructions(), toolRegistry, sessionStore, properties.getTools().getPageSize(),
				accessPolicy.getIfAvailable(() -> AccessPolicy.ALLOW_ALL),
				ToolCallObserver.of(observers.orderedStream().toList()), properties.getTools().isInterruptOnCancel(),
				properties.getTools().getCacheTtl().toMillis(), features.orderedStream().toList(),
				new InputSettings(properties.getInput().getTimeout(), properties.getInput().getMaxPendingPerPrincipal(),
						requestStates, properties.getTools().isRunUnconfirmed()),
				fleet.getIfAvailable(() -> McpFleet.SINGLE));
		// What this instance holds of sessions a shared store lost without telling it goes too.
		streams.alsoMaintain(server.liveSessions()::sweep);
		return server;
	}

	@Bean
	@ConditionalOnMissingBean
	SpentRequestStates mcpSpentRequestStates() {
		return new SpentRequestStates.InMemory(100_000, Clock.systemUTC());
	}

	/**
	 * Signs the modern era's requestState with the configured key, or a random one: then a state
	 * issued by one instance is refused by another, which a fleet must avoid.
	 */
	@Bean
	@ConditionalOnMissingBean
	RequestStates mcpRequestStates(McpServerProperties properties, SpentRequestStates spent) {
		String configured = properties.getInput().getRequestStateKey();
		byte[] key;
		if (configured != null && !configured.isBlank()) {
			key = decodeRequestStateKey(configured);
		}
		else {
			logger.warn("No mcp.server.input.request-state-key is set: MCP 2026-07-28 input requests are signed with a"
					+ " random key of this instance, so another instance (behind a load balancer, or after a restart)"
					+ " refuses their retries. Set the same key, 32 bytes or more in base64, on every instance.");
			key = RequestStates.randomKey();
		}
		return new RequestStates(key, properties.getInput().getRequestStateTtl(), Clock.systemUTC(), spent);
	}

	/** The configured request-state key, checked: base64, 32 bytes or more. */
	static byte[] decodeRequestStateKey(String configured) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(configured.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("mcp.server.input.request-state-key must be base64 (32 bytes or more)", ex);
		}
		if (key.length < 32) {
			throw new IllegalStateException("mcp.server.input.request-state-key must hold at least 32 bytes, it holds "
					+ key.length + "; make one with: openssl rand -base64 32");
		}
		return key;
	}

}
