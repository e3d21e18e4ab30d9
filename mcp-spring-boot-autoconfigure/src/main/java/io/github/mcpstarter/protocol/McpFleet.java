package io.github.mcpstarter.protocol;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * How the instances of a fleet reach one another, for what an instance cannot do alone: a
 * session's stream is open on one instance while its requests land on any. {@link #SINGLE}, the
 * default, is one instance alone, with nothing to reach; a shared implementation (Redis pub/sub)
 * carries two kinds of traffic.
 *
 * <ul>
 * <li>To the one instance that holds a session's stream ({@link #hold}, {@link #send}): a legacy
 * SSE answer computed on instance B goes out on the stream held by A.</li>
 * <li>To every other instance ({@link #broadcast}): a list change, a cancellation that must find
 * the instance running the call, a client's answer that must find the instance waiting for it.</li>
 * </ul>
 * Nothing here runs under a lock of the caller, and every method returns without waiting for
 * another instance: delivery is fire-and-forget, and {@link #send} says only whether some
 * instance listens.
 *
 * @since 0.3.0
 */
public interface McpFleet {

	/** One instance alone: every session's stream is here, or nowhere. */
	McpFleet SINGLE = new McpFleet() {
	};

	/** Whether other instances may serve the same sessions (then messages are routed). */
	default boolean isShared() {
		return false;
	}

	/**
	 * Makes this instance the holder of a session's stream: what other instances {@link #send}
	 * for the session arrives at {@code receiver}. An instance that held it before is told to let
	 * go (its {@code taken} runs), since each message goes on one stream only.
	 * @param sessionId the session
	 * @param receiver takes each payload sent for the session, on a thread of the fleet
	 * @param taken runs when another instance takes the stream over
	 */
	default void hold(String sessionId, Consumer<byte[]> receiver, Runnable taken) {
	}

	/** This instance no longer holds the session's stream (it closed). */
	default void release(String sessionId) {
	}

	/**
	 * Sends a payload to the instance holding a session's stream (this one included).
	 * @return {@code false} when no instance holds it, or the one that did is gone
	 */
	default boolean send(String sessionId, byte[] payload) {
		return false;
	}

	/**
	 * Whether some live instance holds the session's stream. A legacy SSE session whose stream
	 * died with its instance is over: its client must start again.
	 */
	default boolean isHeld(String sessionId) {
		return false;
	}

	/** Tells every other instance; this one has acted already. */
	default void broadcast(Signal signal) {
	}

	/** Registers what this instance does with the signals of the others. */
	default void onSignal(Consumer<Signal> listener) {
	}

	/**
	 * What one instance tells the others.
	 * @param kind what happened ({@link #LIST_CHANGED}, {@link #CANCELLED}, {@link #ANSWERED},
	)
	 * @param sessionId the session it concerns, or {@code null}
	 * @param payload the detail, as JSON text, or {@code null}
	 */
	record Signal(String kind, @Nullable String sessionId, @Nullable String payload) {

		/** A list changed: payload {@code {"method": notification, "flag": listen flag}}. */
		public static final String LIST_CHANGED = "list-changed";

		/** A client cancelled a request of its session: payload {@code {"requestId": id}}. */
		public static final String CANCELLED = "cancelled";

		/** A client answered a request of the server: payload the JSON-RPC response. */
		public static final String ANSWERED = "answered";

	}

}
