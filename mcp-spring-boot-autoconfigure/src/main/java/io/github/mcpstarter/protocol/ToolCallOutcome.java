package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * How a {@code tools/call} (or another use of an offering) ended, as metrics and the audit log report it.
 *
 * @since 0.1.0
 */
public enum ToolCallOutcome {

	/** The tool ran and returned a result that is not an error. */
	SUCCESS("success"),

	/** The tool ran and returned an error result ({@code isError}: a 4xx or 5xx, invalid arguments). */
	TOOL_ERROR("tool_error"),

	/** The call got a JSON-RPC error: an unknown tool, malformed parameters, an internal error. */
	PROTOCOL_ERROR("protocol_error"),

	/** Authorization refused the call: a missing scope, a URL rule, method security, a hidden tool. */
	DENIED("denied"),

	/** The client cancelled the call, which then got no response. */
	CANCELLED("cancelled"),

	/**
	 * Ended for input from the client (MCP 2026-07-28): the client retries with the answers, and
	 * that retry is a call of its own.
	 * @since 0.2.0
	 */
	INPUT_REQUIRED("input_required");

	private final String value;

	ToolCallOutcome(String value) {
		this.value = value;
	}

	/** The value as a tag or log field shows it, such as {@code tool_error}. */
	public String value() {
		return this.value;
	}

	/**
	 * Classifies a finished call.
	 * @param call the call
	 * @param result its result, or {@code null} when it failed or was cancelled
	 * @param failure what it failed with, or {@code null}
	 */
	public static ToolCallOutcome of(ToolCallContext call, @Nullable Object result, @Nullable Throwable failure) {
		if (call.isDenied() || failure instanceof InsufficientScopeException) {
			return DENIED;
		}
		if (failure != null) {
			return PROTOCOL_ERROR;
		}
		if (result == null || call.isCancelled()) {
			return CANCELLED;
		}
		if (result instanceof InputRequiredResult) {
			return INPUT_REQUIRED;
		}
		return (result instanceof CallToolResult toolResult && toolResult.isError()) ? TOOL_ERROR : SUCCESS;
	}

}
