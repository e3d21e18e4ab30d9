package io.github.mcpstarter.protocol;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The requests this instance has sent to legacy-era clients and awaits answers to, by session
 * and request id: a client's response completes the one it answers, and only within its own
 * session (a session is served only to its owner, so nobody else's answer can complete it).
 *
 * <p>Each waiting request holds a request thread, for as long as the client takes to answer: so a
 * principal may have only so many outstanding, over all its sessions, and one that never answers
 * fills only its own quota. When a session ends, its requests end too.
 */
final class PendingClientRequests {

	private final ConcurrentMap<Key, CompletableFuture<JsonRpcMessage.Response>> pending = new ConcurrentHashMap<>();

	/** Outstanding requests by quota holder: the session's principal, else the session itself. */
	private final ConcurrentMap<Object, Integer> perHolder = new ConcurrentHashMap<>();

	/** The sessions whose end already ends their requests, so that each is told once. */
	private final Set<String> watchedSessions = ConcurrentHashMap.newKeySet();

	private final AtomicLong ids = new AtomicLong();

	private final int maxPerPrincipal;

	private final LiveSessions liveSessions;

	PendingClientRequests(int maxPerPrincipal, LiveSessions liveSessions) {
		this.maxPerPrincipal = maxPerPrincipal;
		this.liveSessions = liveSessions;
	}

	/**
	 * Registers a request about to be sent to a session's client.
	 * @return its id and where its answer arrives
	 * @throws McpProtocolException when the session's principal has as many outstanding as it may
	 */
	Pending register(McpSession session) {
		Object holder = holder(session);
		boolean[] admitted = new boolean[1];
		this.perHolder.compute(holder, (key, count) -> {
			int current = (count != null) ? count : 0;
			admitted[0] = current < this.maxPerPrincipal;
			return admitted[0] ? current + 1 : count;
		});
		if (!admitted[0]) {
			throw new McpProtocolException(JsonRpcError.ErrorCodes.INVALID_REQUEST, "Too many requests to the client"
					+ " are waiting for an answer: at most " + this.maxPerPrincipal + " at once per principal; answer or"
					+ " cancel those first");
		}
		Pending request = new Pending(new Key(session.id(), this.ids.incrementAndGet()), holder,
				new CompletableFuture<>());
		this.pending.put(request.key(), request.answer());
		if (this.watchedSessions.add(session.id())) {
			// Once per session: a session that ended already runs it at once.
			this.liveSessions.onEnd(session, () -> ended(session.id()));
		}
		return request;
	}

	private static Object holder(McpSession session) {
		if (session.sessionOwner() != null) {
			return session.sessionOwner().principal();
		}
		return (session.owner() != null) ? session.owner() : "session:" + session.id();
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
			this.perHolder.computeIfPresent(request.holder(), (key, count) -> (count > 1) ? count - 1 : null);
		}
	}

	/** A session ended: whatever its calls await will not come. */
	private void ended(String sessionId) {
		this.watchedSessions.remove(sessionId);
		this.pending.forEach((key, answer) -> {
			if (key.sessionId().equals(sessionId)) {
				answer.cancel(false);
			}
		});
	}

	/** How many requests are outstanding, for tests. */
	int size() {
		return this.pending.size();
	}

	record Key(String sessionId, long id) {
	}

	/** A request sent and not yet forgotten. */
	record Pending(Key key, Object holder, CompletableFuture<JsonRpcMessage.Response> answer) {

		Long id() {
			return this.key.id();
		}

	}

}
