package io.github.mcpstarter.protocol;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Session ids, expiry and the ceiling of {@link InMemoryMcpSessionStore}.
 */
class InMemoryMcpSessionStoreTests {

	private final MutableClock clock = new MutableClock("2026-01-01T00:00:00Z");

	private final InMemoryMcpSessionStore store = new InMemoryMcpSessionStore(Duration.ofMinutes(10), 3, this.clock);

	@Test
	void idsAreUniqueVisibleAsciiWith128BitsOfRandomness() {
		InMemoryMcpSessionStore large = new InMemoryMcpSessionStore(Duration.ofMinutes(1), 10_000);
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String id = large.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null).id();
			assertThat(id).matches("[A-Za-z0-9_-]{22}");
			ids.add(id);
		}
		assertThat(ids).hasSize(1000);
	}

	@Test
	void idleSessionExpiresAndUsedSessionStays() {
		McpSession idle = this.store.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
		McpSession used = this.store.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.store.find(used.id())).isSameAs(used);
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.store.find(idle.id())).isNull();
		assertThat(this.store.find(used.id())).isSameAs(used);
	}

	@Test
	void creatingBeyondTheCeilingFailsClearlyUntilSessionsExpire() {
		for (int i = 0; i < 3; i++) {
			this.store.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
		}
		assertThatExceptionOfType(McpSessionStore.SessionLimitExceededException.class).isThrownBy(() -> this.store.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null))
			.withMessageContaining("maximum of 3 sessions");
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(this.store.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null)).isNotNull();
		assertThat(this.store.size()).isEqualTo(1);
	}

	@Test
	void removeEndsASessionOnce() {
		McpSession session = this.store.create(null, TransportContext.STREAMABLE_HTTP, "2025-06-18", new Implementation("client", null, "1"));
		assertThat(session.clientInfo().name()).isEqualTo("client");
		assertThat(this.store.remove(session.id())).isTrue();
		assertThat(this.store.remove(session.id())).isFalse();
		assertThat(this.store.find(session.id())).isNull();
	}

	@Test
	void concurrentCreatesNeverExceedTheCeiling() throws Exception {
		for (int round = 0; round < 20; round++) {
			InMemoryMcpSessionStore small = new InMemoryMcpSessionStore(Duration.ofMinutes(1), 5);
			java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(16);
			java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(16);
			java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
			try {
				java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
				for (int i = 0; i < 16; i++) {
					futures.add(threads.submit(() -> {
						start.await();
						try {
							small.create(null, TransportContext.STREAMABLE_HTTP, "2025-11-25", null);
							created.incrementAndGet();
						}
						catch (McpSessionStore.SessionLimitExceededException ex) {
							// expected beyond the ceiling
						}
						return null;
					}));
				}
				for (java.util.concurrent.Future<?> future : futures) {
					future.get();
				}
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(created).as("round %d", round).hasValue(5);
			assertThat(small.size()).isEqualTo(5);
		}
	}

	@Test
	void aPrincipalAtItsQuotaIsRefusedWhileAnotherStillGetsASession() {
		InMemoryMcpSessionStore store = new InMemoryMcpSessionStore(Duration.ofMinutes(10), 100, 2, this.clock);
		SessionOwner alice = new SessionOwner("https://issuer", "alice", "client-a");
		SessionOwner aliceOtherClient = new SessionOwner("https://issuer", "alice", "client-b");
		McpSession first = store.create(alice, "streamable-http", "2025-11-25", null);
		store.create(aliceOtherClient, "streamable-http", "2025-11-25", null);
		assertThatExceptionOfType(McpSessionStore.SessionQuotaExceededException.class)
			.isThrownBy(() -> store.create(alice, "streamable-http", "2025-11-25", null))
			.withMessageContaining("2 sessions");
		assertThat(store.create(new SessionOwner("https://issuer", "bob", "client-a"), "streamable-http", "2025-11-25", null)).isNotNull();
		assertThat(store.remove(first.id())).isTrue();
		assertThat(store.create(alice, "streamable-http", "2025-11-25", null).sessionOwner()).isEqualTo(alice);
	}

}
