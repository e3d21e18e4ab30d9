package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Everything a request is served with besides its own message.
 *
 * @param session the client's session, or {@code null} when the request is served without one
 * @param protocolVersion the protocol version the request speaks
 * @param transport what the transport knows of the request
 * @param notifications where notifications about this request (progress, log messages) go: the
 * request's own SSE response, the session's stream, or nowhere
 */
public record McpRequestContext(@Nullable McpSession session, String protocolVersion, TransportContext transport,
		McpMessageSink notifications) {

	public McpRequestContext(@Nullable McpSession session, String protocolVersion, TransportContext transport) {
		this(session, protocolVersion, transport, McpMessageSink.NONE);
	}

}
