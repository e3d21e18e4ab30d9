package io.github.mcpstarter.protocol;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * Holds sessions in this JVM's memory, with an idle timeout and a ceiling on their number.
 *
 * <p>Ids are 128 bits from {@link SecureRandom}, base64url-encoded: unguessable, and visible ASCII
 * as the transport specification demands. Expired sessions are dropped when they are looked up
 * and whenever a session is created.
 */
public class InMemoryMcpSessionStore implements McpSessionStore {

	private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final ConcurrentMap<String, Entry> sessions = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private final Duration idleTimeout;

	private final int maxSessions;

	private final Clock clock;

	public InMemoryMcpSessionStore(Duration idleTimeout, int maxSessions) {
		this(idleTimeout, maxSessions, Clock.systemUTC());
	}

	InMemoryMcpSessionStore(Duration idleTimeout, int maxSessions, Clock clock) {
		if (idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new IllegalArgumentException("idleTimeout must be positive");
		}
		if (maxSessions < 1) {
			throw new IllegalArgumentException("maxSessions must be at least 1");
		}
		this.idleTimeout = idleTimeout;
		this.maxSessions = maxSessions;
		this.clock = clock;
	}

	@Override
	public McpSession create(String protocolVersion, @Nullable Implementation clientInfo) {
		evictExpired();
		if (this.sessions.size() >= this.maxSessions) {
			throw new McpProtocolException(JsonRpcError.ErrorCodes.INTERNAL_ERROR,
					"Too many sessions (" + this.maxSessions + "); try again later");
		}
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		Entry entry = new Entry(ID_ENCODER.encodeToString(bytes), protocolVersion, clientInfo, this.clock.instant());
		this.sessions.put(entry.id(), entry);
		return entry;
	}

	@Override
	public @Nullable McpSession find(String id) {
		Entry entry = this.sessions.get(id);
		if (entry == null) {
			return null;
		}
		long now = this.clock.millis();
		if (entry.isExpired(now, this.idleTimeout)) {
			this.sessions.remove(id, entry);
			return null;
		}
		entry.lastUsedMillis = now;
		return entry;
	}

	@Override
	public boolean remove(String id) {
		return this.sessions.remove(id) != null;
	}

	@Override
	public int size() {
		return this.sessions.size();
	}

	private void evictExpired() {
		long now = this.clock.millis();
		this.sessions.values().removeIf((entry) -> entry.isExpired(now, this.idleTimeout));
	}

	private static final class Entry implements McpSession {

		private final String id;

		private final String protocolVersion;

		private final @Nullable Implementation clientInfo;

		private final Instant createdAt;

		private volatile long lastUsedMillis;

		private volatile LoggingLevel loggingLevel = LoggingLevel.INFO;

		private volatile boolean initialized;

		Entry(String id, String protocolVersion, @Nullable Implementation clientInfo, Instant createdAt) {
			this.id = id;
			this.protocolVersion = protocolVersion;
			this.clientInfo = clientInfo;
			this.createdAt = createdAt;
			this.lastUsedMillis = createdAt.toEpochMilli();
		}

		boolean isExpired(long now, Duration idleTimeout) {
			return now - this.lastUsedMillis > idleTimeout.toMillis();
		}

		@Override
		public String id() {
			return this.id;
		}

		@Override
		public String protocolVersion() {
			return this.protocolVersion;
		}

		@Override
		public @Nullable Implementation clientInfo() {
			return this.clientInfo;
		}

		@Override
		public Instant createdAt() {
			return this.createdAt;
		}

		@Override
		public LoggingLevel loggingLevel() {
			return this.loggingLevel;
		}

		@Override
		public void setLoggingLevel(LoggingLevel level) {
			this.loggingLevel = level;
		}

		@Override
		public boolean isInitialized() {
			return this.initialized;
		}

		@Override
		public void markInitialized() {
			this.initialized = true;
		}

	}

}
