package io.github.mcpstarter.protocol;

import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one tool.
 */
@FunctionalInterface
public interface ToolCallHandler {

	/**
	 * Runs the tool. Failures of the tool itself are results with {@code isError} set; an
	 * exception thrown here becomes a JSON-RPC internal error, without its details.
	 * @param arguments the call's arguments (an empty object when the client sent none)
	 * @param context the request's context, with progress reporting and cancellation
	 * @return the result
	 */
	CallToolResult call(ObjectNode arguments, ToolCallContext context);

}
