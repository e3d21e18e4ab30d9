package io.github.mcpstarter.protocol;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the server remembers between the requests of one client: the negotiated version, who the
 * client is and what it can do, its logging level.
 *
 * <p>It is state only, behind this interface and {@link McpSessionStore}, so that sessions can
 * move to a shared store for a fleet of instances. What cannot leave an instance (the stream its
 * messages go to, what must happen there when it ends) is held apart, in {@link LiveSessions}.
 */
public interface McpSession {

	/** The session id: random, unguessable, visible ASCII only. */
	String id();

	/** The protocol version negotiated at initialization. */
	String protocolVersion();

	/** The client's name and version as it gave them, or {@code null}. */
	@Nullable Implementation clientInfo();

	/**
	 * Records what {@code initialize} negotiated, for a session opened before it (the legacy SSE
	 * transport opens the session with its stream).
	 */
	void negotiated(String protocolVersion, @Nullable Implementation clientInfo);

	/**
	 * The principal that opened the session, or {@code null} when it was opened without
	 * authentication. A session is served only to its owner.
	 */
	@Nullable String owner();

	/**
	 * The owner of the session (issuer, subject, client), or {@code null} when it was opened
	 * without authentication or by a store that records only {@link #owner()}.
	 * @since 0.1.0
	 */
	default @Nullable SessionOwner sessionOwner() {
		return null;
	}

	/**
	 * The name of the transport that opened the session ({@link TransportContext#STREAMABLE_HTTP},
	 * {@link TransportContext#SSE}), or {@code null} when not known.
	 * @since 0.1.0
	 */
	default @Nullable String transport() {
		return null;
	}

	/**
	 * The capabilities the client declared in {@code initialize} ({@code elicitation},
	 * {@code sampling}, {@code roots}), or {@code null} when not known.
	 * @since 0.2.0
	 */
	default tools.jackson.databind.@Nullable JsonNode clientCapabilities() {
		return null;
	}

	/**
	 * Records the capabilities the client declared in {@code initialize}. A store that cannot keep
	 * them ignores them, and the server then asks the client nothing.
	 * @since 0.2.0
	 */
	default void setClientCapabilities(tools.jackson.databind.@Nullable JsonNode capabilities) {
	}

	/** When the session was created. */
	Instant createdAt();

	/** The least severe level the client wants log notifications for. */
	LoggingLevel loggingLevel();

	/** Sets the least severe level the client wants log notifications for. */
	void setLoggingLevel(LoggingLevel level);

	/** Whether the client has sent {@code notifications/initialized}. */
	boolean isInitialized();

	/** Records that the client has sent {@code notifications/initialized}. */
	void markInitialized();


}
