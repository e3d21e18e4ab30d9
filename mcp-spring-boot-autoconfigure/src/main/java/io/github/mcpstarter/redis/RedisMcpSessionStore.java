package io.github.mcpstarter.redis;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.mcpstarter.protocol.Implementation;
import io.github.mcpstarter.protocol.LoggingLevel;
import io.github.mcpstarter.protocol.McpSession;
import io.github.mcpstarter.protocol.McpSessionStore;
import io.github.mcpstarter.protocol.SessionOwner;
import io.github.mcpstarter.protocol.TransportContext;

/**
 * Sessions in Redis, shared by every instance of a fleet: any instance finds, serves and ends any
 * session, and the ceilings (sessions in all, sessions per principal) hold across the fleet.
 *
 * <p>A session is a hash that expires after the idle timeout; every {@link #find} extends it, in
 * one script with the indexes (sorted sets scored by expiry) that count sessions per transport and
 * per principal. Admission checks and takes both ceilings in one script, so concurrent
 * {@code initialize}s on different instances cannot exceed them. An ended session is announced on
 * a channel, so that every instance lets go of what it holds of it; one that expired is found by
 * {@link #evictExpired()} (each instance runs it on a schedule; one of them announces it).
 *
 * <p>Redis that does not answer fails the request with
 * {@link McpSessionStore.SessionStoreUnavailableException} (a 503 for the client) within the
 * connection's timeout ({@code spring.data.redis.timeout}); nothing waits for it to come back,
 * and everything works again once it does.
 *
 * @since 0.3.0
 */
public class RedisMcpSessionStore implements McpSessionStore {

	private static final Log logger = LogFactory.getLog(RedisMcpSessionStore.class);

	private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final List<String> TRANSPORTS = List.of(TransportContext.STREAMABLE_HTTP, TransportContext.SSE);

	/**
	 * KEYS: the two transports' indexes, the principal's, the session; ARGV: now, expiry, the
	 * ceiling, the principal's quota (0: none), the transport's index (1 or 2), the idle timeout
	 * in ms, then the session's fields. 0 admitted, 1 the store is full, 2 the principal's quota is.
	 */
	private static final RedisScript<Long> ADMIT = RedisScript.of("""
			local now = tonumber(ARGV[1])
			local total = redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf') + redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf')
			if total >= tonumber(ARGV[3]) then return 1 end
			if tonumber(ARGV[4]) > 0 then
			  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
			  if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[4]) then return 2 end
			  redis.call('ZADD', KEYS[3], ARGV[2], KEYS[4])
			  redis.call('PEXPIRE', KEYS[3], ARGV[6])
			end
			redis.call('ZADD', KEYS[tonumber(ARGV[5])], ARGV[2], KEYS[4])
			redis.call('HSET', KEYS[4], unpack(ARGV, 7))
			redis.call('PEXPIRE', KEYS[4], ARGV[6])
			return 0
			""", Long.class);

	/**
	 * KEYS: the session, its events, its sequence; ARGV: the idle timeout in ms, the new expiry.
	 * The session's fields, once its expiry and its indexes' scores are extended; none if unknown.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> TOUCH = RedisScript.of("""
			local fields = redis.call('HGETALL', KEYS[1])
			if #fields == 0 then return fields end
			redis.call('PEXPIRE', KEYS[1], ARGV[1])
			redis.call('PEXPIRE', KEYS[2], ARGV[1])
			redis.call('PEXPIRE', KEYS[3], ARGV[1])
			local tk = redis.call('HGET', KEYS[1], 'tk')
			local pk = redis.call('HGET', KEYS[1], 'pk')
			if tk then redis.call('ZADD', tk, 'XX', ARGV[2], KEYS[1]) end
			if pk then redis.call('ZADD', pk, 'XX', ARGV[2], KEYS[1]); redis.call('PEXPIRE', pk, ARGV[1]) end
			return fields
			""", List.class);

	/** KEYS: the session, its events, its sequence. 1 when it was there. */
	private static final RedisScript<Long> REMOVE = RedisScript.of("""
			local tk = redis.call('HGET', KEYS[1], 'tk')
			local pk = redis.call('HGET', KEYS[1], 'pk')
			if tk then redis.call('ZREM', tk, KEYS[1]) end
			if pk then redis.call('ZREM', pk, KEYS[1]) end
			redis.call('DEL', KEYS[2], KEYS[3])
			return redis.call('DEL', KEYS[1])
			""", Long.class);

	/** KEYS: the session; ARGV: field, value. Sets a field of a session that still exists. */
	private static final RedisScript<Long> UPDATE = RedisScript.of("""
			if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
			redis.call('HSET', KEYS[1], unpack(ARGV))
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Duration idleTimeout;

	private final int maxSessions;

	private final int maxSessionsPerPrincipal;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();

	/** This store's name on the channel of ended sessions. */
	private final String origin;

	/**
	 * @param redis the connection
	 * @param listeners subscribes this store to the announcements of ended sessions
	 * @param keyPrefix the prefix of every key and channel ({@code mcp:})
	 * @param idleTimeout how long a session may go unused
	 * @param maxSessions most sessions the fleet holds at once
	 * @param maxSessionsPerPrincipal most sessions one principal holds at once, fleet-wide
	 */
	public RedisMcpSessionStore(StringRedisTemplate redis, RedisMessageListenerContainer listeners, String keyPrefix,
			Duration idleTimeout, int maxSessions, int maxSessionsPerPrincipal) {
		this(redis, listeners, keyPrefix, idleTimeout, maxSessions, maxSessionsPerPrincipal, Clock.systemUTC());
	}

	RedisMcpSessionStore(StringRedisTemplate redis, RedisMessageListenerContainer listeners, String keyPrefix,
			Duration idleTimeout, int maxSessions, int maxSessionsPerPrincipal, Clock clock) {
		if (idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new IllegalArgumentException("idleTimeout must be positive");
		}
		this.redis = redis;
		this.keys = new RedisKeys(keyPrefix);
		this.idleTimeout = idleTimeout;
		this.maxSessions = maxSessions;
		this.maxSessionsPerPrincipal = maxSessionsPerPrincipal;
		this.clock = clock;
		byte[] origin = new byte[9];
		this.random.nextBytes(origin);
		this.origin = ID_ENCODER.encodeToString(origin);
		listeners.addMessageListener((message, pattern) -> {
			// "<origin> <session id>": the instance that ended it has told its listeners already.
			String body = new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8);
			int space = body.indexOf(' ');
			if (space > 0 && !body.substring(0, space).equals(this.origin)) {
				ended(body.substring(space + 1));
			}
		}, new ChannelTopic(this.keys.endedChannel()));
	}

	@Override
	public McpSession create(@Nullable SessionOwner owner, String transport, String protocolVersion,
			@Nullable Implementation clientInfo) {
		if (!TRANSPORTS.contains(transport)) {
			throw new IllegalArgumentException("Unknown transport '" + transport + "'");
		}
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		String id = ID_ENCODER.encodeToString(bytes);
		Instant now = this.clock.instant();
		SessionOwner principal = (owner != null) ? owner.principal() : null;
		String transportKey = this.keys.sessions(transport);
		String principalKey = this.keys.principal(principal);
		List<String> fields = new ArrayList<>();
		fields.addAll(List.of("v", protocolVersion, "t", transport, "tk", transportKey, "c",
				Long.toString(now.toEpochMilli()), "lvl", LoggingLevel.INFO.name()));
		if (principal != null) {
			fields.addAll(List.of("pk", principalKey));
		}
		if (owner != null) {
			fields.addAll(List.of("os", owner.subject()));
			if (owner.issuer() != null) {
				fields.addAll(List.of("oi", owner.issuer()));
			}
			if (owner.client() != null) {
				fields.addAll(List.of("oc", owner.client()));
			}
		}
		if (clientInfo != null) {
			fields.addAll(List.of("ci", this.json.writeValueAsString(clientInfo)));
		}
		long expiry = now.toEpochMilli() + this.idleTimeout.toMillis();
		List<String> argv = new ArrayList<>(List.of(Long.toString(now.toEpochMilli()), Long.toString(expiry),
				Integer.toString(this.maxSessions), Integer.toString((principal != null) ? this.maxSessionsPerPrincipal : 0),
				Integer.toString(TRANSPORTS.indexOf(transport) + 1), Long.toString(this.idleTimeout.toMillis())));
		argv.addAll(fields);
		Long admitted = call(() -> this.redis.execute(ADMIT, List.of(this.keys.sessions(TRANSPORTS.get(0)),
				this.keys.sessions(TRANSPORTS.get(1)), principalKey, this.keys.session(id)), argv.toArray()));
		if (admitted == null || admitted == 1) {
			throw new SessionLimitExceededException(this.maxSessions);
		}
		if (admitted == 2) {
			throw new SessionQuotaExceededException(this.maxSessionsPerPrincipal);
		}
		return new RedisSession(id, toMap(fields));
	}

	@Override
	@SuppressWarnings("unchecked")
	public @Nullable McpSession find(String id) {
		long expiry = this.clock.millis() + this.idleTimeout.toMillis();
		List<Object> fields = call(() -> this.redis.execute(TOUCH,
				List.of(this.keys.session(id), this.keys.events(id), this.keys.sequence(id)),
				Long.toString(this.idleTimeout.toMillis()), Long.toString(expiry)));
		if (fields == null || fields.isEmpty()) {
			return null;
		}
		List<String> pairs = new ArrayList<>(fields.size());
		fields.forEach((field) -> pairs.add(String.valueOf(field)));
		return new RedisSession(id, toMap(pairs));
	}

	private static Map<String, String> toMap(List<String> pairs) {
		Map<String, String> map = new java.util.HashMap<>();
		for (int i = 0; i + 1 < pairs.size(); i += 2) {
			map.put(pairs.get(i), pairs.get(i + 1));
		}
		return map;
	}

	@Override
	public boolean contains(String id) {
		return Boolean.TRUE.equals(call(() -> this.redis.hasKey(this.keys.session(id))));
	}

	@Override
	public void onSessionEnded(Consumer<String> listener) {
		this.endListeners.add(listener);
	}

	@Override
	public boolean remove(String id) {
		Long removed = call(() -> this.redis.execute(REMOVE,
				List.of(this.keys.session(id), this.keys.events(id), this.keys.sequence(id))));
		if (removed == null || removed == 0) {
			return false;
		}
		announceEnd(id);
		return true;
	}

	/** Tells every instance, this one through the channel too, that a session has ended. */
	private void announceEnd(String id) {
		try {
			this.redis.convertAndSend(this.keys.endedChannel(), this.origin + " " + id);
		}
		catch (DataAccessException ex) {
			// The others learn it from their own evictExpired; this one must not wait for that.
			logger.warn("Could not announce the end of MCP session " + id + " (" + ex.getMessage() + ")");
		}
		ended(id);
	}

	private void ended(String id) {
		for (Consumer<String> listener : this.endListeners) {
			try {
				listener.accept(id);
			}
			catch (RuntimeException ex) {
				logger.warn("A listener of the end of MCP session " + id + " failed", ex);
			}
		}
	}

	@Override
	public int evictExpired() {
		long now = this.clock.millis();
		int evicted = 0;
		for (String transport : TRANSPORTS) {
			String index = this.keys.sessions(transport);
			java.util.Set<String> expired = call(() -> this.redis.opsForZSet().rangeByScore(index, 0, now, 0, 1000));
			if (expired == null) {
				continue;
			}
			for (String key : expired) {
				// A session touched meanwhile has a new score and a hash: it is not ended.
				if (Boolean.TRUE.equals(call(() -> this.redis.hasKey(key)))) {
					continue;
				}
				Long gone = call(() -> this.redis.opsForZSet().remove(index, key));
				if (gone != null && gone > 0) {
					String id = key.substring(this.keys.session("").length());
					call(() -> this.redis.delete(List.of(this.keys.events(id), this.keys.sequence(id))));
					announceEnd(id);
					evicted++;
				}
			}
		}
		return evicted;
	}

	@Override
	public int size() {
		int total = 0;
		for (String transport : TRANSPORTS) {
			total += size(transport);
		}
		return total;
	}

	@Override
	public int size(String transport) {
		long now = this.clock.millis();
		Long count = call(() -> this.redis.opsForZSet().count(this.keys.sessions(transport), now + 1, Double.MAX_VALUE));
		return (count != null) ? count.intValue() : 0;
	}

	/**
	 * A Redis call, its failure a clear 503 for the client rather than an internal error. Once
	 * Redis has failed to answer, the calls of the next second fail at once: during an outage a
	 * request does not hold its thread for the whole connection timeout, and within a second of
	 * Redis coming back the store tries it again.
	 */
	private <T> T call(Supplier<T> command) {
		if (this.clock.millis() < this.unavailableUntil) {
			throw new SessionStoreUnavailableException(this.lastFailure);
		}
		try {
			return RedisCalls.call(command);
		}
		catch (SessionStoreUnavailableException ex) {
			this.lastFailure = ex.getCause();
			this.unavailableUntil = this.clock.millis() + RETRY_AFTER_FAILURE_MILLIS;
			throw ex;
		}
	}

	/** How long after a failed call the store fails at once, without asking Redis. */
	private static final long RETRY_AFTER_FAILURE_MILLIS = 1_000;

	/** Until when calls fail at once: set by a failed call. */
	private volatile long unavailableUntil;

	private volatile @Nullable Throwable lastFailure;

	/**
	 * A session as read from Redis; what changes is written through, so that the next request,
	 * on whichever instance, sees it.
	 */
	private final class RedisSession implements McpSession {

		private final String id;

		private final Map<String, String> fields;

		RedisSession(String id, Map<String, String> fields) {
			this.id = id;
			this.fields = new java.util.concurrent.ConcurrentHashMap<>(fields);
		}

		private void write(String field, String value) {
			this.fields.put(field, value);
			call(() -> RedisMcpSessionStore.this.redis.execute(UPDATE,
					List.of(RedisMcpSessionStore.this.keys.session(this.id)), field, value));
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public String protocolVersion() {
			return this.fields.getOrDefault("v", "");
		}

		@Override
		public @Nullable Implementation clientInfo() {
			String clientInfo = this.fields.get("ci");
			return (clientInfo != null) ? RedisMcpSessionStore.this.json.readValue(clientInfo, Implementation.class)
					: null;
		}

		@Override
		public void negotiated(String protocolVersion, @Nullable Implementation clientInfo) {
			write("v", protocolVersion);
			if (clientInfo != null) {
				write("ci", RedisMcpSessionStore.this.json.writeValueAsString(clientInfo));
			}
		}

		@Override
		public @Nullable String owner() {
			return this.fields.get("os");
		}

		@Override
		public @Nullable SessionOwner sessionOwner() {
			String subject = this.fields.get("os");
			return (subject != null) ? new SessionOwner(this.fields.get("oi"), subject, this.fields.get("oc")) : null;
		}

		@Override
		public @Nullable String transport() {
			return this.fields.get("t");
		}

		@Override
		public @Nullable JsonNode clientCapabilities() {
			String capabilities = this.fields.get("caps");
			return (capabilities != null) ? RedisMcpSessionStore.this.json.readTree(capabilities) : null;
		}

		@Override
		public void setClientCapabilities(@Nullable JsonNode capabilities) {
			if (capabilities != null) {
				write("caps", RedisMcpSessionStore.this.json.writeValueAsString(capabilities));
			}
		}

		@Override
		public Instant createdAt() {
			return Instant.ofEpochMilli(Long.parseLong(this.fields.getOrDefault("c", "0")));
		}

		@Override
		public LoggingLevel loggingLevel() {
			try {
				return LoggingLevel.valueOf(this.fields.getOrDefault("lvl", LoggingLevel.INFO.name()));
			}
			catch (IllegalArgumentException ex) {
				return LoggingLevel.INFO;
			}
		}

		@Override
		public void setLoggingLevel(LoggingLevel level) {
			write("lvl", level.name());
		}

		@Override
		public boolean isInitialized() {
			return "1".equals(this.fields.get("init"));
		}

		@Override
		public void markInitialized() {
			write("init", "1");
		}

	}

}
