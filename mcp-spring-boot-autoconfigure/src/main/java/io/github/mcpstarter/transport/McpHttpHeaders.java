package io.github.mcpstarter.transport;

/**
 * The HTTP headers of the MCP transports.
 */
public final class McpHttpHeaders {

	/** The session id, assigned in the response to {@code initialize}. */
	public static final String SESSION_ID = "Mcp-Session-Id";

	/** The protocol version a request speaks (2025-06-18 and later). */
	public static final String PROTOCOL_VERSION = "MCP-Protocol-Version";

	/** The id of the last SSE event a client received, to resume after it. */
	public static final String LAST_EVENT_ID = "Last-Event-ID";

	private McpHttpHeaders() {
	}

}
