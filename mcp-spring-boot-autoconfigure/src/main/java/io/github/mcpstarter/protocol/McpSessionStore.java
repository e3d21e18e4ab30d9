package io.github.mcpstarter.protocol;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Creates, finds and ends {@link McpSession}s: the one place that holds session state, a plain
 * value any store can keep (in this instance's memory by default, or one shared by a fleet).
 * What only an instance can hold of a session, its stream, is in {@link LiveSessions}, which the
 * store tells of every session that ends.
 */
public interface McpSessionStore {

	/**
	 * Creates a session for an owner, opened through a transport.
	 * @param owner who opens it (issuer, subject, client), or {@code null} without authentication
	 * @param transport the transport's name ({@link TransportContext#STREAMABLE_HTTP}, {@link TransportContext#SSE})
	 * @param protocolVersion the negotiated protocol version
	 * @param clientInfo the client's name and version, or {@code null}
	 * @return the new session
	 * @throws SessionLimitExceededException when no further session can be held
	 * @throws SessionQuotaExceededException when the owner's principal holds as many sessions as it may
	 * @since 0.2.0
	 */
	McpSession create(@Nullable SessionOwner owner, String transport, String protocolVersion,
			@Nullable Implementation clientInfo);

	/**
	 * Finds a live session and marks it used.
	 * @param id the session id
	 * @return the session, or {@code null} when it is unknown, expired or ended
	 */
	@Nullable McpSession find(String id);

	/**
	 * Whether a session is held (live, or expired and not yet ended), without marking it used.
	 * @param id the session id
	 * @since 0.2.0
	 */
	boolean contains(String id);

	/**
	 * Registers a listener told the id of every session that ends (removed, expired, evicted):
	 * how each instance learns to let go of what it holds of the session ({@link LiveSessions}).
	 * @param listener called once per ended session, outside any lock of the store
	 * @since 0.2.0
	 */
	void onSessionEnded(Consumer<String> listener);

	/**
	 * Ends a session and tells the listeners.
	 * @param id the session id
	 * @return whether a live session was ended
	 */
	boolean remove(String id);

	/**
	 * Ends every session that has been idle for longer than the idle timeout.
	 * @return how many sessions ended
	 */
	int evictExpired();

	/** The number of live sessions. */
	int size();

	/**
	 * The number of live sessions opened through one transport.
	 * @param transport the transport's name ({@link TransportContext#STREAMABLE_HTTP}, {@link TransportContext#SSE})
	 * @since 0.1.0
	 */
	int size(String transport);

	/** Thrown when the store holds as many sessions as it may. */
	class SessionLimitExceededException extends McpProtocolException {

		public SessionLimitExceededException(int limit) {
			super(JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Service Unavailable: the server holds its maximum of " + limit + " sessions; try again later");
		}

	}

	/**
	 * Thrown when a shared store does not answer (Redis down, unreachable, too slow): a clear 503
	 * for the client, at once, rather than a hang; the store recovers when it answers again.
	 * @since 0.3.0
	 */
	class SessionStoreUnavailableException extends McpProtocolException {

		public SessionStoreUnavailableException(Throwable cause) {
			super(JsonRpcError.ErrorCodes.TRANSPORT_ERROR,
					"Service Unavailable: the session store does not answer; try again shortly");
			initCause(cause);
		}

	}

	/** Thrown when one principal holds as many sessions as it may; others can still open theirs. */
	class SessionQuotaExceededException extends McpProtocolException {

		public SessionQuotaExceededException(int limit) {
			super(JsonRpcError.ErrorCodes.TRANSPORT_ERROR, "Too Many Requests: this principal holds its maximum of "
					+ limit + " sessions; end one (DELETE) or let one expire, then try again");
		}

	}

}
