package io.github.mcpstarter.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.github.mcpstarter.transport.SessionEventLog;

/**
 * The events of Streamable HTTP sessions in Redis, for a client that resumes on another instance:
 * per session a sorted set scored by event id (members {@code <id>:<data>}, unique) and a counter,
 * both dropped with the session and expiring with it. An append takes the next id and trims the
 * log to its capacity in one script.
 *
 * @since 0.3.0
 */
public class RedisSessionEventLog implements SessionEventLog {

	/** KEYS: the sequence, the log; ARGV: the data, the capacity, the idle timeout in ms. The id. */
	private static final RedisScript<Long> APPEND = RedisScript.of("""
			local id = redis.call('INCR', KEYS[1])
			redis.call('ZADD', KEYS[2], id, id .. ':' .. ARGV[1])
			redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -1 - tonumber(ARGV[2]))
			redis.call('PEXPIRE', KEYS[1], ARGV[3])
			redis.call('PEXPIRE', KEYS[2], ARGV[3])
			return id
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final int capacity;

	private final Duration idleTimeout;

	/**
	 * @param redis the connection
	 * @param keyPrefix the prefix of every key ({@code mcp:})
	 * @param capacity how many events a session keeps
	 * @param idleTimeout how long a session may go unused, after which its events go too
	 */
	public RedisSessionEventLog(StringRedisTemplate redis, String keyPrefix, int capacity, Duration idleTimeout) {
		this.redis = redis;
		this.keys = new RedisKeys(keyPrefix);
		this.capacity = capacity;
		this.idleTimeout = idleTimeout;
	}

	@Override
	public long append(String sessionId, byte[] data) {
		Long id = RedisCalls.call(() -> this.redis.execute(APPEND,
				List.of(this.keys.sequence(sessionId), this.keys.events(sessionId)), new String(data, StandardCharsets.UTF_8),
				Integer.toString(this.capacity), Long.toString(this.idleTimeout.toMillis())));
		return (id != null) ? id : 0;
	}

	@Override
	public List<Event> after(String sessionId, long lastEventId) {
		Set<String> members = RedisCalls.call(() -> this.redis.opsForZSet()
			.rangeByScore(this.keys.events(sessionId), lastEventId + 1, Double.POSITIVE_INFINITY));
		if (members == null || members.isEmpty()) {
			return List.of();
		}
		List<Event> events = new ArrayList<>(members.size());
		for (String member : members) {
			int colon = member.indexOf(':');
			events.add(new Event(Long.parseLong(member.substring(0, colon)),
					member.substring(colon + 1).getBytes(StandardCharsets.UTF_8)));
		}
		return events;
	}

	@Override
	public void delete(String sessionId) {
		RedisCalls.call(() -> this.redis.delete(List.of(this.keys.events(sessionId), this.keys.sequence(sessionId))));
	}

}
