package io.github.mcpstarter.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The requests this instance has sent to legacy-era clients and awaits answers to, by session
 * and request id: a client's response completes the one it answers, and only within its own
 * session (a session is served only to its owner, so nobody else's answer can complete it).
 * Each session may have a bounded number outstanding.
 */
final class PendingClientRequests {

	private final ConcurrentMap<Key, CompletableFuture<JsonRpcMessage.Response>> pending = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Integer> perSession = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong();

	private final int maxPerSession;

	PendingClientRequests(int maxPerSession) {
		this.maxPerSession = maxPerSession;
	}

	/**
	 * Registers a request about to be sent.
	 * @return its id and where its answer arrives, or {@code null} when the session has as many
	 * outstanding as it may
	 */
	@Nullable Pending register(String sessionId) {
		boolean[] admitted = new boolean[1];
		this.perSession.compute(sessionId, (id, count) -> {
			int current = (count != null) ? count : 0;
			admitted[0] = current < this.maxPerSession;
			return admitted[0] ? current + 1 : count;
		});
		if (!admitted[0]) {
			return null;
		}
		Key key = new Key(sessionId, this.ids.incrementAndGet());
		CompletableFuture<JsonRpcMessage.Response> answer = new CompletableFuture<>();
		this.pending.put(key, answer);
		return new Pending(key, answer);
	}

	/**
	 * Completes the request a client's response answers.
	 * @return whether one was waiting
	 */
	boolean complete(String sessionId, @Nullable Object id, JsonRpcMessage.Response response) {
		Long number = (id instanceof Long value) ? value : null;
		if (number == null && id instanceof String text) {
			try {
				number = Long.valueOf(text);
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		CompletableFuture<JsonRpcMessage.Response> answer = (number != null)
				? this.pending.get(new Key(sessionId, number)) : null;
		return answer != null && answer.complete(response);
	}

	/** Forgets a request, answered or not. */
	void remove(Pending request) {
		if (this.pending.remove(request.key(), request.answer())) {
			this.perSession.computeIfPresent(request.key().sessionId(), (id, count) -> (count > 1) ? count - 1 : null);
		}
	}

	/** How many requests are outstanding, for tests. */
	int size() {
		return this.pending.size();
	}

	record Key(String sessionId, long id) {
	}

	/** A request sent and not yet forgotten. */
	record Pending(Key key, CompletableFuture<JsonRpcMessage.Response> answer) {

		Long id() {
			return this.key.id();
		}

	}

}
