package io.github.mcpstarter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.github.mcpstarter.protocol.Implementation;
import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.SessionOwner;
import io.github.mcpstarter.protocol.TransportContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Redis session store as two instances of a fleet see it, against a real Redis: the ceilings
 * hold across the fleet, what one instance writes the other reads, and an end is told to both.
 */
class RedisMcpSessionStoreTests {

	private static EmbeddedRedis redis;

	private static final List<LettuceConnectionFactory> factories = new ArrayList<>();

	private static final List<RedisMessageListenerContainer> containers = new ArrayList<>();

	@BeforeAll
	static void startRedis() throws Exception {
		redis = new EmbeddedRedis();
	}

	@AfterAll
	static void stopRedis() throws Exception {
		for (RedisMessageListenerContainer container : containers) {
			container.destroy();
		}
		factories.forEach(LettuceConnectionFactory::destroy);
		redis.close();
	}

	private static RedisMcpSessionStore store(String prefix, int max, int perPrincipal) throws Exception {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
		factory.afterPropertiesSet();
		factory.start();
		factories.add(factory);
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(factory);
		container.afterPropertiesSet();
		container.start();
		containers.add(container);
		return new RedisMcpSessionStore(new StringRedisTemplate(factory), container, prefix, Duration.ofMinutes(5), max,
				perPrincipal);
	}

	@Test
	void aPrincipalsQuotaHoldsAcrossTheFleetAndOthersAreStillServed() throws Exception {
		RedisMcpSessionStore first = store("quota:", 100, 3);
		RedisMcpSessionStore second = store("quota:", 100, 3);
		SessionOwner mallory = new SessionOwner("https://issuer", "mallory", "client-a");
		first.create(mallory, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
		second.create(mallory, TransportContext.SSE, "2024-11-05", null);
		// Another client of the same principal counts too.
		first.create(new SessionOwner("https://issuer", "mallory", "client-b"), TransportContext.STREAMABLE_HTTP,
				"2025-11-25", null);
		assertThatThrownBy(() -> second.create(mallory, TransportContext.STREAMABLE_HTTP, "2025-11-25", null))
			.isInstanceOf(McpSessionStore.SessionQuotaExceededException.class);
		assertThat(first.create(new SessionOwner("https://issuer", "alice", null), TransportContext.STREAMABLE_HTTP,
				"2025-11-25", null)).isNotNull();
		assertThat(second.size()).isEqualTo(4);
		assertThat(first.size(TransportContext.SSE)).isEqualTo(1);
	}

	@Test
	void theStoresCeilingHoldsAcrossTheFleet() throws Exception {
		RedisMcpSessionStore first = store("ceiling:", 2, 10);
		RedisMcpSessionStore second = store("ceiling:", 2, 10);
		first.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
		McpSession other = second.create(null, TransportContext.SSE, "2024-11-05", null);
		assertThatThrownBy(() -> first.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null))
			.isInstanceOf(McpSessionStore.SessionLimitExceededException.class);
		// Room again once one ends, whichever instance ends it.
		assertThat(first.remove(other.id())).isTrue();
		assertThat(second.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null)).isNotNull();
	}

	@Test
	void whatOneInstanceWritesTheOtherReadsAndAnEndIsToldToBoth() throws Exception {
		RedisMcpSessionStore first = store("state:", 100, 10);
		RedisMcpSessionStore second = store("state:", 100, 10);
		List<String> endedOnFirst = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<String> endedOnSecond = new java.util.concurrent.CopyOnWriteArrayList<>();
		first.onSessionEnded(endedOnFirst::add);
		second.onSessionEnded(endedOnSecond::add);
		SessionOwner owner = new SessionOwner("https://issuer", "ada", "inspector");
		McpSession session = first.create(owner, TransportContext.STREAMABLE_HTTP, "2025-11-25",
				new Implementation("inspector", "MCP Inspector", "1.2"));
		McpSession seen = second.find(session.id());
		assertThat(seen.sessionOwner()).isEqualTo(owner);
		assertThat(seen.clientInfo()).isEqualTo(new Implementation("inspector", "MCP Inspector", "1.2"));
		assertThat(seen.transport()).isEqualTo(TransportContext.STREAMABLE_HTTP);
		assertThat(seen.isInitialized()).isFalse();
		seen.markInitialized();
		seen.setClientCapabilities(tools.jackson.databind.json.JsonMapper.builder().build()
			.readTree("{\"elicitation\":{\"form\":{}}}"));
		McpSession again = first.find(session.id());
		assertThat(again.isInitialized()).isTrue();
		assertThat(again.clientCapabilities().has("elicitation")).isTrue();
		assertThat(again.createdAt()).isEqualTo(session.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

		assertThat(second.remove(session.id())).isTrue();
		assertThat(first.find(session.id())).isNull();
		assertThat(first.remove(session.id())).isFalse();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(endedOnFirst).containsExactly(session.id());
			assertThat(endedOnSecond).containsExactly(session.id());
		});
	}

}
