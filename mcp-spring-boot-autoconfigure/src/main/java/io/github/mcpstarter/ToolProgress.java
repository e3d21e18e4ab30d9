package io.github.mcpstarter;

import org.jspecify.annotations.Nullable;

/**
 * Lets a long-running endpoint report progress to an MCP client, and notice that the client
 * cancelled the call. Declare it as a parameter of a handler method:
 *
 * <pre class="code">
 * &#64;McpTool
 * &#64;PostMapping("/reports")
 * Report build(&#64;RequestBody ReportRequest request, ToolProgress progress) {
 *     for (int i = 0; i &lt; sections; i++) {
 *         progress.report(i, sections, "Section " + i);
 *         ...
 *     }
 * }
 * </pre>
 *
 * The parameter is not a tool argument. When the endpoint is called as plain REST, or by a client
 * that asked for no progress, reports go nowhere, so the endpoint stays an ordinary endpoint.
 * A cancelled call is told by {@link #isCancelled()}; its thread is interrupted only with
 * {@code mcp.server.tools.interrupt-on-cancel=true}, since an interrupt closes any
 * {@code InterruptibleChannel} the endpoint uses.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/progress">MCP progress</a>
 * @since 0.1.0
 */
public interface ToolProgress {

	/** Reports nothing and is never cancelled: what a plain REST call gets. */
	ToolProgress NONE = new ToolProgress() {

		@Override
		public void report(double progress, @Nullable Double total, @Nullable String message) {
		}

		@Override
		public boolean isCancelled() {
			return false;
		}

	};

	/**
	 * Reports progress; values must increase from one report to the next (others are dropped).
	 * @param progress the progress so far, for example the items done
	 * @param total the total, or {@code null} when unknown
	 * @param message a human-readable message, or {@code null}
	 */
	void report(double progress, @Nullable Double total, @Nullable String message);

	/** Reports progress out of a known total, with a message. */
	default void report(double progress, double total, @Nullable String message) {
		report(progress, Double.valueOf(total), message);
	}

	/** Reports progress out of a known total. */
	default void report(double progress, double total) {
		report(progress, Double.valueOf(total), null);
	}

	/** Whether the client has cancelled the call: the way a long endpoint learns of it, and stops. */
	boolean isCancelled();

}
