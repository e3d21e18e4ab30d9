package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Creates, finds and ends {@link McpSession}s: the one place that holds session state.
 */
public interface McpSessionStore {

	/**
	 * Creates a session.
	 * @param protocolVersion the negotiated protocol version
	 * @param clientInfo the client's name and version, or {@code null}
	 * @return the new session
	 * @throws McpProtocolException when no further session can be held
	 */
	McpSession create(String protocolVersion, @Nullable Implementation clientInfo);

	/**
	 * Finds a live session and marks it used.
	 * @param id the session id
	 * @return the session, or {@code null} when it is unknown, expired or ended
	 */
	@Nullable McpSession find(String id);

	/**
	 * Ends a session.
	 * @param id the session id
	 * @return whether a live session was ended
	 */
	boolean remove(String id);

	/** The number of live sessions. */
	int size();

}
