package io.github.mcpstarter.protocol;

/**
 * A way to send messages to a client: a server-to-client stream, or nowhere.
 */
@FunctionalInterface
public interface McpMessageSink {

	/** A sink that drops every message, for requests served without a stream. */
	McpMessageSink NONE = (message) -> false;

	/**
	 * Sends a message.
	 * @param message the notification, request or response
	 * @return whether the message was accepted (written, or buffered for a client that will come back)
	 */
	boolean send(JsonRpcMessage message);

	/**
	 * Registers an action to run once when this sink's stream is gone (the client closed it or
	 * its connection broke). In the modern era that is how a client cancels its request. A sink
	 * that cannot tell does nothing.
	 * @param action what to run
	 */
	default void onClose(Runnable action) {
	}

	/**
	 * Whether this instance sends this session the messages meant for every session (a list
	 * change). One instance alone does; in a fleet a session is served by several, and one of them,
	 * the one the session began on, does, so that the client hears each message once.
	 * @since 0.3.0
	 */
	default boolean takesBroadcasts() {
		return true;
	}

}
