package io.github.mcpstarter.protocol;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which {@code requestState}s have been used, so that each completes at most one retry:
 * a confirmation, once given, cannot be replayed to run the endpoint again.
 *
 * <p>The default keeps them in this instance's memory until they expire. Behind a load balancer
 * another instance does not know them; there a replay is still bounded by the state's expiry, its
 * principal and its request, and a shared implementation of this interface closes it.
 *
 * @since 0.2.0
 */
public interface SpentRequestStates {

	/**
	 * Records a state as used.
	 * @param id the state's unique id
	 * @param expiresAtMillis when it expires anyway, after which it need not be remembered
	 * @return {@code false} when it had been used already
	 */
	boolean spend(String id, long expiresAtMillis);

	/**
	 * In this instance's memory, at most {@code capacity} at a time. Past that the oldest are
	 * forgotten first: every state is bound to its principal, so a flood of one principal's states
	 * only ever weakens the replay protection of that principal's own oldest ones.
	 */
	final class InMemory implements SpentRequestStates {

		private final int capacity;

		private final Clock clock;

		/** Insertion order is expiry order, since every state lives as long. */
		private final LinkedHashMap<String, Long> spent = new LinkedHashMap<>();

		public InMemory(int capacity, Clock clock) {
			if (capacity < 1) {
				throw new IllegalArgumentException("capacity must be at least 1");
			}
			this.capacity = capacity;
			this.clock = clock;
		}

		@Override
		public synchronized boolean spend(String id, long expiresAtMillis) {
			long now = this.clock.millis();
			for (Iterator<Map.Entry<String, Long>> entries = this.spent.entrySet().iterator(); entries.hasNext();) {
				Map.Entry<String, Long> oldest = entries.next();
				if (oldest.getValue() > now && this.spent.size() < this.capacity) {
					break;
				}
				entries.remove();
			}
			return this.spent.putIfAbsent(id, expiresAtMillis) == null;
		}

		/** How many are remembered now, for tests. */
		public synchronized int size() {
			return this.spent.size();
		}

	}

}
