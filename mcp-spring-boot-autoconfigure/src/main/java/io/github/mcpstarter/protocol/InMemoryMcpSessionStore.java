package io.github.mcpstarter.protocol;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Holds sessions in this JVM's memory, with an idle timeout and a ceiling on their number.
 *
 * <p>Ids are 128 bits from {@link SecureRandom}, base64url-encoded: unguessable, and visible ASCII
 * as the transport specification demands. Expired sessions end when they are looked up, when
 * {@link #evictExpired()} runs (the transports call it on a schedule), and when the store is full.
 *
 * <p>Two ceilings: the number of sessions in all, the last resort, and the number per principal
 * (issuer and subject), so that one caller fills its own quota and nobody else's. Both are checked
 * and taken in one step, so concurrent {@code initialize}s cannot exceed them.
 */
public class InMemoryMcpSessionStore implements McpSessionStore {

	private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final ConcurrentMap<String, Entry> sessions = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	private final Duration idleTimeout;

	private final int maxSessions;

	private final int maxSessionsPerPrincipal;

	private final Clock clock;

	/** Sessions held per principal; an entry exists only while the count is above zero. */
	private final ConcurrentMap<SessionOwner, Integer> perPrincipal = new ConcurrentHashMap<>();

	/** Told of every session that ends. */
	private final List<Consumer<String>> endListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** Guards admission only (check and insert), never I/O or callbacks. */
	private final Object admission = new Object();

	public InMemoryMcpSessionStore(Duration idleTimeout, int maxSessions) {
		this(idleTimeout, maxSessions, maxSessions, Clock.systemUTC());
	}

	/**
	 * @param idleTimeout how long a session may go unused
	 * @param maxSessions most sessions held at once
	 * @param maxSessionsPerPrincipal most sessions one principal (issuer and subject) holds at once
	 * @since 0.1.0
	 */
	public InMemoryMcpSessionStore(Duration idleTimeout, int maxSessions, int maxSessionsPerPrincipal) {
		this(idleTimeout, maxSessions, maxSessionsPerPrincipal, Clock.systemUTC());
	}

	InMemoryMcpSessionStore(Duration idleTimeout, int maxSessions, Clock clock) {
		this(idleTimeout, maxSessions, maxSessions, clock);
	}

	InMemoryMcpSessionStore(Duration idleTimeout, int maxSessions, int maxSessionsPerPrincipal, Clock clock) {
		if (idleTimeout.isNegative() || idleTimeout.isZero()) {
			throw new IllegalArgumentException("idleTimeout must be positive");
		}
		if (maxSessions < 1) {
			throw new IllegalArgumentException("maxSessions must be at least 1");
		}
		if (maxSessionsPerPrincipal < 1) {
			throw new IllegalArgumentException("maxSessionsPerPrincipal must be at least 1");
		}
		this.idleTimeout = idleTimeout;
		this.maxSessions = maxSessions;
		this.maxSessionsPerPrincipal = maxSessionsPerPrincipal;
		this.clock = clock;
	}

	@Override
	public McpSession create(@Nullable SessionOwner owner, String transport, String protocolVersion,
			@Nullable Implementation clientInfo) {
		return create(transport, protocolVersion, clientInfo, (owner != null) ? owner.subject() : null, owner);
	}

	private McpSession create(@Nullable String transport, String protocolVersion, @Nullable Implementation clientInfo,
			@Nullable String ownerName, @Nullable SessionOwner owner) {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		Entry entry = new Entry(ID_ENCODER.encodeToString(bytes), protocolVersion, clientInfo, ownerName, owner,
				transport, this.clock.instant());
		Admission admitted = admit(entry);
		if (admitted != Admission.ADMITTED) {
			// Expired sessions may free room; they are ended outside the admission lock.
			evictExpired();
			admitted = admit(entry);
		}
		if (admitted == Admission.STORE_FULL) {
			throw new SessionLimitExceededException(this.maxSessions);
		}
		if (admitted == Admission.PRINCIPAL_FULL) {
			throw new SessionQuotaExceededException(this.maxSessionsPerPrincipal);
		}
		return entry;
	}

	private Admission admit(Entry entry) {
		SessionOwner principal = (entry.sessionOwner != null) ? entry.sessionOwner.principal() : null;
		synchronized (this.admission) {
			if (this.sessions.size() >= this.maxSessions) {
				return Admission.STORE_FULL;
			}
			if (principal != null && this.perPrincipal.getOrDefault(principal, 0) >= this.maxSessionsPerPrincipal) {
				return Admission.PRINCIPAL_FULL;
			}
			if (principal != null) {
				this.perPrincipal.merge(principal, 1, Integer::sum);
			}
			this.sessions.put(entry.id(), entry);
			return Admission.ADMITTED;
		}
	}

	/** Forgets a removed entry in its principal's count; removal only lowers counts, so needs no lock. */
	private void released(Entry entry) {
		if (entry.sessionOwner != null) {
			this.perPrincipal.computeIfPresent(entry.sessionOwner.principal(), (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	private enum Admission {

		ADMITTED, STORE_FULL, PRINCIPAL_FULL

	}

	@Override
	public @Nullable McpSession find(String id) {
		Entry entry = this.sessions.get(id);
		if (entry == null) {
			return null;
		}
		long now = this.clock.millis();
		if (entry.isExpired(now, this.idleTimeout)) {
			if (this.sessions.remove(id, entry)) {
				released(entry);
				ended(entry);
			}
			return null;
		}
		entry.lastUsedMillis = now;
		return entry;
	}

	@Override
	public boolean remove(String id) {
		Entry entry = this.sessions.remove(id);
		if (entry == null) {
			return false;
		}
		released(entry);
		ended(entry);
		return true;
	}

	@Override
	public boolean contains(String id) {
		return this.sessions.containsKey(id);
	}

	@Override
	public void onSessionEnded(Consumer<String> listener) {
		this.endListeners.add(listener);
	}

	/** Tells the listeners that a session, removed from the map, has ended; outside any lock. */
	private void ended(Entry entry) {
		for (Consumer<String> listener : this.endListeners) {
			listener.accept(entry.id());
		}
	}

	@Override
	public int size(String transport) {
		int count = 0;
		for (Entry entry : this.sessions.values()) {
			if (transport.equals(entry.transport())) {
				count++;
			}
		}
		return count;
	}

	@Override
	public int size() {
		return this.sessions.size();
	}

	@Override
	public int evictExpired() {
		long now = this.clock.millis();
		int evicted = 0;
		for (Entry entry : this.sessions.values()) {
			if (entry.isExpired(now, this.idleTimeout) && this.sessions.remove(entry.id(), entry)) {
				released(entry);
				ended(entry);
				evicted++;
			}
		}
		return evicted;
	}

	private static final class Entry implements McpSession {

		private final String id;

		private volatile String protocolVersion;

		private volatile tools.jackson.databind.@Nullable JsonNode clientCapabilities;

		private volatile @Nullable Implementation clientInfo;

		private final Instant createdAt;

		private final @Nullable String owner;

		private final @Nullable SessionOwner sessionOwner;

		private final @Nullable String transport;

		private volatile long lastUsedMillis;

		private volatile LoggingLevel loggingLevel = LoggingLevel.INFO;

		private volatile boolean initialized;

		Entry(String id, String protocolVersion, @Nullable Implementation clientInfo, @Nullable String owner,
				@Nullable SessionOwner sessionOwner, @Nullable String transport, Instant createdAt) {
			this.id = id;
			this.sessionOwner = sessionOwner;
			this.transport = transport;
			this.owner = owner;
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
		public @Nullable String transport() {
			return this.transport;
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
		public @Nullable String owner() {
			return this.owner;
		}

		@Override
		public @Nullable SessionOwner sessionOwner() {
			return this.sessionOwner;
		}

		@Override
		public tools.jackson.databind.@Nullable JsonNode clientCapabilities() {
			return this.clientCapabilities;
		}

		@Override
		public void setClientCapabilities(tools.jackson.databind.@Nullable JsonNode capabilities) {
			this.clientCapabilities = (capabilities != null) ? capabilities.deepCopy() : null;
		}

		@Override
		public void negotiated(String protocolVersion, @Nullable Implementation clientInfo) {
			this.protocolVersion = protocolVersion;
			this.clientInfo = clientInfo;
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
