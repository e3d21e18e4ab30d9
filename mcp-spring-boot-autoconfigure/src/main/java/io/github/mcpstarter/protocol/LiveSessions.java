package io.github.mcpstarter.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What this instance holds of its sessions besides their state: the live stream each one's
 * server-to-client messages go to, and what must happen here when a session ends (close the
 * stream, forget its subscriptions, end the waits of its calls).
 *
 * <p>Session state lives in the {@link McpSessionStore}, as a plain value that any store can keep;
 * what lives here cannot leave the instance. The store tells this instance when a session ends
 * ({@link McpSessionStore#onSessionEnded}), whatever ended it.
 *
 * @since 0.2.0
 */
public final class LiveSessions {

	private final McpSessionStore store;

	private final ConcurrentMap<String, Live> live = new ConcurrentHashMap<>();

	/** How each transport reaches a session that has nothing live here (in a fleet: through another instance). */
	private final ConcurrentMap<String, Function<McpSession, McpMessageSink>> remote = new ConcurrentHashMap<>();

	public LiveSessions(McpSessionStore store) {
		this.store = store;
		store.onSessionEnded(this::ended);
	}

	/**
	 * Where a session's server-to-client messages go on this instance: its stream; when it has
	 * none here, the way its transport reaches it elsewhere ({@link #reachRemotely}); else
	 * {@link McpMessageSink#NONE}.
	 */
	public McpMessageSink outbound(McpSession session) {
		Live entry = this.live.get(session.id());
		if (entry != null) {
			return entry.outbound;
		}
		Function<McpSession, McpMessageSink> reach = (session.transport() != null) ? this.remote.get(session.transport())
				: null;
		return (reach != null) ? reach.apply(session) : McpMessageSink.NONE;
	}

	/**
	 * Sets how a transport reaches its sessions that have nothing live on this instance: in a
	 * fleet, the instance that holds their stream.
	 * @param transport the transport's name
	 * @param reach the sink for such a session
	 * @since 0.3.0
	 */
	public void reachRemotely(String transport, Function<McpSession, McpMessageSink> reach) {
		this.remote.put(transport, reach);
	}

	/**
	 * The session's sink on this instance, attached from {@code sink} if it has none yet.
	 * @since 0.3.0
	 */
	public McpMessageSink attachIfAbsent(McpSession session, java.util.function.Supplier<McpMessageSink> sink) {
		Live entry = live(session);
		synchronized (entry) {
			if (entry.outbound == McpMessageSink.NONE && !entry.ended) {
				entry.outbound = sink.get();
			}
			return entry.outbound;
		}
	}

	/**
	 * Sets where a session's server-to-client messages go on this instance.
	 * @param session the session
	 * @param outbound its stream
	 */
	public void attach(McpSession session, McpMessageSink outbound) {
		live(session).outbound = outbound;
	}

	/**
	 * Registers an action to run here once when the session ends (deleted, expired, evicted); at
	 * once when it has ended already.
	 */
	public void onEnd(McpSession session, Runnable action) {
		Live entry = live(session);
		if (!entry.add(action)) {
			action.run();
		}
	}

	/**
	 * Sends a message to every session with a stream on this instance: in a fleet, only those this
	 * instance sends such messages ({@link McpMessageSink#takesBroadcasts()}), so that a session
	 * served by several instances hears it once.
	 */
	public void forEachOutbound(Consumer<McpMessageSink> action) {
		for (Live entry : this.live.values()) {
			McpMessageSink outbound = entry.outbound;
			if (outbound.takesBroadcasts()) {
				action.accept(outbound);
			}
		}
	}

	/**
	 * Whether the session has a sink on this instance (not only a way to reach it elsewhere).
	 * @since 0.3.0
	 */
	public boolean isHere(McpSession session) {
		Live entry = this.live.get(session.id());
		return entry != null && entry.outbound != McpMessageSink.NONE;
	}

	/**
	 * Lets go of what this instance holds of sessions the store no longer has, though it was never
	 * told of their end: a shared store lost them (Redis restarted without its data), or the
	 * announcement did not arrive. A store that does not answer ends nothing.
	 * @return how many were let go of
	 * @since 0.3.0
	 */
	public int sweep() {
		int swept = 0;
		for (String sessionId : this.live.keySet()) {
			if (!this.store.contains(sessionId)) {
				ended(sessionId);
				swept++;
			}
		}
		return swept;
	}

	/** How many sessions have something live on this instance, for tests. */
	public int size() {
		return this.live.size();
	}

	/**
	 * The live part of a session, made on first use. A session the store no longer holds ends at
	 * once, so that nothing registered after its end waits for an end that came already.
	 */
	private Live live(McpSession session) {
		Live entry = this.live.computeIfAbsent(session.id(), (id) -> new Live());
		if (!this.store.contains(session.id())) {
			ended(session.id());
		}
		return entry;
	}

	/** A session ended: its actions run, once, outside any lock. */
	void ended(String sessionId) {
		Live entry = this.live.remove(sessionId);
		if (entry != null) {
			entry.end().forEach(Runnable::run);
		}
	}

	private static final class Live {

		private volatile McpMessageSink outbound = McpMessageSink.NONE;

		private final List<Runnable> endActions = new ArrayList<>(2);

		private boolean ended;

		/** Adds an action; {@code false} when the session has ended and the caller must run it. */
		synchronized boolean add(Runnable action) {
			if (this.ended) {
				return false;
			}
			this.endActions.add(action);
			return true;
		}

		synchronized List<Runnable> end() {
			this.ended = true;
			this.outbound = McpMessageSink.NONE;
			List<Runnable> actions = List.copyOf(this.endActions);
			this.endActions.clear();
			return actions;
		}

	}

}
