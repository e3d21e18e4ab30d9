package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * What {@link McpServer#serve} made of a message: the response to send, if any, how the transport
 * should carry it, and the session an {@code initialize} opened.
 *
 * @param response the response, or {@code null} when there is none to send
 * @param status how the transport answers
 * @param session the session this message opened or was served in, or {@code null}
 */
public record McpReply(JsonRpcMessage.@Nullable Response response, Status status, @Nullable McpSession session) {

	static McpReply answered(JsonRpcMessage.Response response, @Nullable McpSession session) {
		return new McpReply(response, Status.ANSWERED, session);
	}

	static McpReply refused(Status status, JsonRpcMessage.Response response) {
		return new McpReply(response, status, null);
	}

	/** How the transport answers. */
	public enum Status {

		/** A response to send as the request's answer (HTTP 200, or 403 for a missing scope). */
		ANSWERED,

		/** A notification or a client's response, taken: nothing to send (HTTP 202). */
		ACCEPTED,

		/** The client cancelled the request, which gets no response. */
		CANCELLED,

		/** The request went to a stream the transport opened, where its messages follow. */
		STREAMING,

		/**
		 * The request is malformed for its era (missing {@code _meta}, an envelope that disagrees, an
		 * unsupported version): the response is an error, sent as a client error (HTTP 400).
		 */
		MALFORMED,

		/** The method does not exist in the request's era: an error sent as HTTP 404 where the era says so. */
		UNKNOWN_METHOD,

		/** A legacy request that names no session, on a transport that needs one (HTTP 400). */
		SESSION_REQUIRED

	}

}
