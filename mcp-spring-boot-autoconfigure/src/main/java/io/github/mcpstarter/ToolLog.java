package io.github.mcpstarter;

import io.github.mcpstarter.protocol.LoggingLevel;

/**
 * Lets an endpoint send log messages to the MCP client that called it, as
 * {@code notifications/message}. Declare it as a parameter of a handler method:
 *
 * <pre class="code">
 * &#64;McpTool
 * &#64;PostMapping("/imports")
 * ImportReport importCatalog(&#64;RequestBody ImportRequest request, ToolLog log) {
 *     log.info("Reading " + request.url());
 *     ...
 *     log.warning(skipped + " rows skipped");
 * }
 * </pre>
 *
 * The parameter is not a tool argument. Messages below the level the client chose with
 * {@code logging/setLevel} (info until it chooses) are not sent. When the endpoint is called as
 * plain REST, messages go nowhere, so the endpoint stays an ordinary endpoint; log to SLF4J as
 * well for what the operators should see.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging">MCP logging</a>
 * @since 0.1.0
 */
@FunctionalInterface
public interface ToolLog {

	/** Sends nothing: what a plain REST call gets. */
	ToolLog NONE = (level, data) -> {
	};

	/**
	 * Sends a log message if the client wants messages of this level.
	 * @param level the message's severity
	 * @param data the message: a string, or any value Jackson can write as JSON
	 */
	void log(LoggingLevel level, Object data);

	/** Sends a debug message. */
	default void debug(Object data) {
		log(LoggingLevel.DEBUG, data);
	}

	/** Sends an info message. */
	default void info(Object data) {
		log(LoggingLevel.INFO, data);
	}

	/** Sends a notice: normal but significant. */
	default void notice(Object data) {
		log(LoggingLevel.NOTICE, data);
	}

	/** Sends a warning. */
	default void warning(Object data) {
		log(LoggingLevel.WARNING, data);
	}

	/** Sends an error message. */
	default void error(Object data) {
		log(LoggingLevel.ERROR, data);
	}

}
