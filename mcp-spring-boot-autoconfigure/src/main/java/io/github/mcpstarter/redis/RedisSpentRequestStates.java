package io.github.mcpstarter.redis;

import java.time.Clock;
import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.mcpstarter.protocol.SpentRequestStates;

/**
 * The modern era's used request states in Redis, so that a state used on one instance is refused
 * on every other: one key per state, set only if absent, expiring with the state.
 *
 * @since 0.3.0
 */
public class RedisSpentRequestStates implements SpentRequestStates {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Clock clock;

	public RedisSpentRequestStates(StringRedisTemplate redis, String keyPrefix, Clock clock) {
		this.redis = redis;
		this.keys = new RedisKeys(keyPrefix);
		this.clock = clock;
	}

	@Override
	public boolean spend(String id, long expiresAtMillis) {
		long ttl = expiresAtMillis - this.clock.millis();
		if (ttl <= 0) {
			// Expired: refused anyway by its expiry, nothing to remember.
			return true;
		}
		return Boolean.TRUE.equals(
				RedisCalls.call(() -> this.redis.opsForValue().setIfAbsent(this.keys.spent(id), "1", Duration.ofMillis(ttl))));
	}

}
