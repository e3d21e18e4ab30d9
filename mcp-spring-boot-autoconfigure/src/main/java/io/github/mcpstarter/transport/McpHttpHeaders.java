package io.github.mcpstarter.transport;

/**
 * The HTTP headers of the MCP transports.
 */
public final class McpHttpHeaders {

	/** The session id, assigned in the response to {@code initialize}. */
	public static final String SESSION_ID = "Mcp-Session-Id";

	/** The protocol version a request speaks (2025-06-18 and later). */
	public static final String PROTOCOL_VERSION = "MCP-Protocol-Version";

	/** The request's method, repeated from the body so that proxies can route on it (2026-07-28). */
	public static final String METHOD = "Mcp-Method";

	/** The tool or prompt name, or resource URI, repeated from the body (2026-07-28). */
	public static final String NAME = "Mcp-Name";

	/** The prefix of the headers that repeat tool arguments marked {@code x-mcp-header} (2026-07-28). */
	public static final String PARAM_PREFIX = "Mcp-Param-";

	/** The id of the last SSE event a client received, to resume after it. */
	public static final String LAST_EVENT_ID = "Last-Event-ID";

	private McpHttpHeaders() {
	}

}
