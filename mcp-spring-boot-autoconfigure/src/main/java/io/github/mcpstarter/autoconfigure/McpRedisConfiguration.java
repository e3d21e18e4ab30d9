package io.github.mcpstarter.autoconfigure;

import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.github.mcpstarter.protocol.McpFleet;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.RequestStates;
import io.github.mcpstarter.protocol.SpentRequestStates;
import io.github.mcpstarter.redis.RedisMcpFleet;
import io.github.mcpstarter.redis.RedisMcpSessionStore;
import io.github.mcpstarter.redis.RedisSessionEventLog;
import io.github.mcpstarter.redis.RedisSpentRequestStates;
import io.github.mcpstarter.transport.SessionEventLog;

/**
 * A fleet's shared state in Redis, with {@code mcp.server.session.store=redis} and Spring Data
 * Redis (Boot's {@code spring.data.redis.*} connection): legacy sessions, their streams' events,
 * the messages between instances, the modern era's spent request states, and the key that signs
 * request states, so that every instance accepts what another issued. Each bean can be replaced.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RedisConnectionFactory.class)
@ConditionalOnProperty(name = "mcp.server.session.store", havingValue = "redis")
@ConditionalOnBean(RedisConnectionFactory.class)
class McpRedisConfiguration {

	private static final Log logger = LogFactory.getLog(McpRedisConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(name = "mcpRedisTemplate")
	StringRedisTemplate mcpRedisTemplate(RedisConnectionFactory connectionFactory) {
		return new StringRedisTemplate(connectionFactory);
	}

	/**
	 * The subscriptions of this instance. Messages are handed on one at a time, in the order they
	 * came: a stream's messages must keep theirs.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "mcpRedisListeners")
	RedisMessageListenerContainer mcpRedisListeners(RedisConnectionFactory connectionFactory) {
		ExecutorService dispatcher = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "mcp-fleet");
			thread.setDaemon(true);
			return thread;
		});
		RedisMessageListenerContainer container = new RedisMessageListenerContainer() {

			@Override
			public void destroy() throws Exception {
				super.destroy();
				dispatcher.shutdownNow();
			}

		};
		container.setConnectionFactory(connectionFactory);
		container.setTaskExecutor(new TaskExecutorAdapter(dispatcher));
		// Redis gone: the container resubscribes every few seconds until it is back.
		container.setRecoveryInterval(2_000L);
		return container;
	}

	@Bean
	@ConditionalOnMissingBean
	McpSessionStore mcpSessionStore(McpServerProperties properties, StringRedisTemplate mcpRedisTemplate,
			RedisMessageListenerContainer mcpRedisListeners) {
		McpServerProperties.Session session = properties.getSession();
		return new RedisMcpSessionStore(mcpRedisTemplate, mcpRedisListeners, session.getRedisKeyPrefix(),
				session.getIdleTimeout(), session.getMaxSessions(), session.getMaxSessionsPerPrincipal());
	}

	@Bean
	@ConditionalOnMissingBean
	McpFleet mcpFleet(McpServerProperties properties, StringRedisTemplate mcpRedisTemplate,
			RedisMessageListenerContainer mcpRedisListeners) {
		return new RedisMcpFleet(mcpRedisTemplate, mcpRedisListeners, properties.getSession().getRedisKeyPrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	SessionEventLog mcpSessionEventLog(McpServerProperties properties, StringRedisTemplate mcpRedisTemplate) {
		return new RedisSessionEventLog(mcpRedisTemplate, properties.getSession().getRedisKeyPrefix(),
				properties.getStreamableHttp().getReplayBufferSize(), properties.getSession().getIdleTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	SpentRequestStates mcpSpentRequestStates(McpServerProperties properties, StringRedisTemplate mcpRedisTemplate) {
		return new RedisSpentRequestStates(mcpRedisTemplate, properties.getSession().getRedisKeyPrefix(),
				Clock.systemUTC());
	}

	/**
	 * Signs request states with the configured key, or else with one the fleet shares through
	 * Redis: the first instance to start makes it, the others read it.
	 */
	@Bean
	@ConditionalOnMissingBean
	RequestStates mcpRequestStates(McpServerProperties properties, SpentRequestStates spent,
			StringRedisTemplate mcpRedisTemplate) {
		String configured = properties.getInput().getRequestStateKey();
		byte[] key;
		if (configured != null && !configured.isBlank()) {
			key = McpProtocolConfiguration.decodeRequestStateKey(configured);
		}
		else {
			String name = properties.getSession().getRedisKeyPrefix() + "request-state-key";
			mcpRedisTemplate.opsForValue().setIfAbsent(name,
					Base64.getEncoder().encodeToString(RequestStates.randomKey()));
			String shared = mcpRedisTemplate.opsForValue().get(name);
			key = McpProtocolConfiguration.decodeRequestStateKey(shared);
			logger.info("MCP 2026-07-28 request states are signed with the fleet's key, kept in Redis under '" + name
					+ "'; set mcp.server.input.request-state-key to choose it");
		}
		return new RequestStates(key, properties.getInput().getRequestStateTtl(), Clock.systemUTC(), spent);
	}

}
