package io.github.mcpstarter.protocol;

import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * What a transport supplies with each message it hands to {@link McpServer#serve}: the versions it
 * serves, the session the message names, and the callbacks for what only the transport can do
 * (open a session, open a stream, check its own envelope against the message).
 *
 * <p>It keeps the protocol core free of HTTP: the core decides what a message means and which era
 * it belongs to; the transport says how that reaches the wire.
 */
public interface McpExchange {

	/** What the transport knows of the request, for tool handlers and observers. */
	TransportContext transport();

	/** The protocol versions this transport serves, newest first, of either era or both. */
	List<String> versions();

	/**
	 * The session the message names, found and checked by the transport (it belongs to this
	 * transport and this caller), or {@code null} when it names none.
	 */
	default @Nullable McpSession session() {
		return null;
	}

	/**
	 * The version the transport's envelope names (HTTP's {@code MCP-Protocol-Version}), or
	 * {@code null} when it names none.
	 */
	default @Nullable String declaredVersion() {
		return null;
	}

	/**
	 * Whether a legacy request that names no session may be served without one (a transport in
	 * stateless mode). Otherwise such a request is refused with {@link McpReply.Status#SESSION_REQUIRED}.
	 */
	default boolean servesLegacyWithoutSession() {
		return false;
	}

	/**
	 * Opens a session for an {@code initialize}: the transport creates it (and its stream), or
	 * returns the session it opened already (the legacy SSE transport opens it with the stream), or
	 * {@code null} when it keeps no sessions.
	 * @param protocolVersion the negotiated version
	 * @param clientInfo the client's name and version, or {@code null}
	 * @throws McpSessionStore.SessionLimitExceededException when no further session can be opened
	 * @throws McpSessionStore.SessionQuotaExceededException when the caller holds as many as it may
	 */
	default @Nullable McpSession openSession(String protocolVersion, @Nullable Implementation clientInfo) {
		return null;
	}

	/**
	 * Where notifications about this request (progress, log messages) go: the request's own
	 * stream, the session's, or nowhere.
	 */
	default McpMessageSink notifications() {
		return McpMessageSink.NONE;
	}

	/**
	 * Opens a long-lived stream of server-to-client messages for this request (a modern
	 * {@code subscriptions/listen}).
	 * @param onClose runs once when the stream closes, whoever closes it
	 * @return the stream, or {@code null} when this transport offers none
	 * @throws TransportRefusedException when the transport cannot open one now (a quota)
	 */
	default @Nullable McpMessageSink openStream(Runnable onClose) {
		return null;
	}

	/**
	 * Checks what the transport's envelope repeats of the request (HTTP's {@code MCP-Protocol-Version},
	 * {@code Mcp-Method}, {@code Mcp-Name}, {@code Mcp-Param-*} headers) against the request itself,
	 * for a modern request whose {@code _meta} has been read.
	 * @param request the request
	 * @param meta what its {@code _meta} says
	 * @param visible whether the caller may know a tool exists: the arguments of a tool it may not
	 * see are not checked, since a mismatch would reveal the tool (its call is answered as one to
	 * an unknown tool)
	 * @return the error to refuse it with ({@code -32020}), or {@code null} when they agree
	 */
	default @Nullable JsonRpcError checkEnvelope(JsonRpcMessage.Request request, RequestMeta meta,
			Predicate<RegisteredTool> visible) {
		return null;
	}

	/**
	 * A transport's refusal to do what a request needs right now, such as opening one more stream
	 * for a caller at its quota. The transport that throws it answers it in its own terms.
	 */
	class TransportRefusedException extends RuntimeException {

		public TransportRefusedException(String message) {
			super(message);
		}

	}

}
