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
 * @param meta what a modern-era request says of itself in its {@code _meta}, or {@code null} for a
 * legacy-era request
 */
public record McpRequestContext(@Nullable McpSession session, String protocolVersion, TransportContext transport,
		McpMessageSink notifications, @Nullable RequestMeta meta) {

	public McpRequestContext(@Nullable McpSession session, String protocolVersion, TransportContext transport) {
		this(session, protocolVersion, transport, McpMessageSink.NONE, null);
	}

	public McpRequestContext(@Nullable McpSession session, String protocolVersion, TransportContext transport,
			McpMessageSink notifications) {
		this(session, protocolVersion, transport, notifications, null);
	}

	/**
	 * The least severe log message the client wants for this request, or {@code null} for none: the
	 * session's level (set with {@code logging/setLevel}), the request's own {@code logLevel} in the
	 * modern era (none when it names none), else info.
	 */
	public @Nullable LoggingLevel logThreshold() {
		if (this.session != null) {
			return this.session.loggingLevel();
		}
		if (this.meta != null) {
			return this.meta.logLevel();
		}
		return LoggingLevel.INFO;
	}

}
