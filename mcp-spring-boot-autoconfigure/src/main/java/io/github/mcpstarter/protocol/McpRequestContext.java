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
 * @param input how its calls ask the client for input (elicitation, sampling, roots)
 */
public record McpRequestContext(@Nullable McpSession session, String protocolVersion, TransportContext transport,
		McpMessageSink notifications, @Nullable RequestMeta meta, InputSource input) {

	public McpRequestContext(@Nullable McpSession session, String protocolVersion, TransportContext transport,
			McpMessageSink notifications, @Nullable RequestMeta meta) {
		this(session, protocolVersion, transport, notifications, meta, InputSource.NONE);
	}

	public McpRequestContext(@Nullable McpSession session, String protocolVersion, TransportContext transport) {
		this(session, protocolVersion, transport, McpMessageSink.NONE, null);
	}

	public McpRequestContext(@Nullable McpSession session, String protocolVersion, TransportContext transport,
			McpMessageSink notifications) {
		this(session, protocolVersion, transport, notifications, null);
	}

	/**
	 * This context for the handler of one call: its input is that call's, so that what the handler
	 * asks the client is the call's (its cancellation, its interruption).
	 * @param call the call
	 * @since 0.2.0
	 */
	public McpRequestContext boundTo(ToolCallContext call) {
		return new McpRequestContext(this.session, this.protocolVersion, this.transport, this.notifications, this.meta,
				(ignored) -> call.inputs());
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
