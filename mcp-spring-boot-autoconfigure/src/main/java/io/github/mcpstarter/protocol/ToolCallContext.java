package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code tools/call}: which tool, with which arguments, and what a running call can do besides
 * returning: report progress and send log messages to the client, and learn that the client has
 * cancelled it.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/progress">Progress</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation">Cancellation</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging">Logging</a>
 */
public final class ToolCallContext {

	private final McpRequestContext request;

	private final String method;

	private final @Nullable String toolName;

	private final ObjectNode arguments;

	private final @Nullable Object progressToken;

	private volatile boolean cancelled;

	private volatile boolean denied;

	private double lastProgress = Double.NEGATIVE_INFINITY;

	private volatile @Nullable ClientRequests inputs;

	private final java.util.List<Runnable> cancelActions = new java.util.ArrayList<>(1);

	private volatile @Nullable String confirmation;

	ToolCallContext(McpRequestContext request, @Nullable String toolName, ObjectNode arguments,
			@Nullable Object progressToken) {
		this(request, McpMethods.TOOLS_CALL, toolName, arguments, progressToken);
	}

	/**
	 * A use of an offering other than a tool call: a resource read, a prompt get.
	 * @param request the request
	 * @param method its method ({@code resources/read}, {@code prompts/get})
	 * @param name the published offering's name (a prompt's, a resource's URI or a template's URI
	 * template), or {@code null} when the client named none that is published
	 * @param arguments the arguments, as the client sent them
	 * @param progressToken the client's progress token, or {@code null}
	 */
	ToolCallContext(McpRequestContext request, String method, @Nullable String name, ObjectNode arguments,
			@Nullable Object progressToken) {
		this.request = request;
		this.method = method;
		this.toolName = name;
		this.arguments = arguments;
		this.progressToken = progressToken;
	}

	public McpRequestContext request() {
		return this.request;
	}

	/**
	 * What the client asked for: {@code tools/call}, or the method of another use of an offering
	 * ({@code resources/read}, {@code prompts/get}), which observers see too.
	 * @since 0.2.0
	 */
	public String method() {
		return this.method;
	}

	/**
	 * The name of the published tool called (for another {@link #method()}, of the offering used:
	 * a prompt's name, a resource's URI, a template's URI template), or {@code null} when the
	 * client named none that is published. A name the client made up is never returned, so it
	 * cannot flood metrics or logs.
	 * @since 0.1.0
	 */
	public @Nullable String toolName() {
		return this.toolName;
	}

	/**
	 * The arguments as the client sent them (an empty object when it sent none). They may hold
	 * personal data or secrets: keep them out of logs and metrics unless the user asks otherwise.
	 * @since 0.1.0
	 */
	public ObjectNode arguments() {
		return this.arguments;
	}

	/**
	 * Records that authorization refused this call (a URL rule, method security, a missing scope),
	 * so that it is observed as {@link ToolCallOutcome#DENIED} whatever the client is told.
	 * @since 0.1.0
	 */
	public void markDenied() {
		this.denied = true;
	}

	/** Whether authorization refused this call. */
	public boolean isDenied() {
		return this.denied;
	}

	/**
	 * Sends {@code notifications/progress} when the client asked for progress; otherwise does
	 * nothing. Progress must increase, so a value not above the last one is not sent.
	 * @param progress the progress so far
	 * @param total the total, or {@code null} when unknown
	 * @param message a human-readable message, or {@code null}
	 * @return whether a notification was sent
	 */
	public synchronized boolean progress(double progress, @Nullable Double total, @Nullable String message) {
		if (this.progressToken == null || this.cancelled || !(progress > this.lastProgress)) {
			return false;
		}
		this.lastProgress = progress;
		ObjectNode params = JsonNodeFactory.instance.objectNode();
		if (this.progressToken instanceof String text) {
			params.put("progressToken", text);
		}
		else {
			params.put("progressToken", ((Number) this.progressToken).longValue());
		}
		params.put("progress", progress);
		if (total != null) {
			params.put("total", total);
		}
		if (message != null) {
			params.put("message", message);
		}
		return this.request.notifications().send(new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_PROGRESS, params));
	}

	/**
	 * Sends {@code notifications/message} when the client wants messages of this level: the level
	 * it set with {@code logging/setLevel}, or info when it set none or the call has no session; in
	 * the modern era the request's own {@code logLevel}, and nothing when it names none.
	 * @param level the message's severity
	 * @param logger the name of the logger, or {@code null}
	 * @param data the message, any JSON value
	 * @return whether a notification was sent
	 */
	public boolean log(LoggingLevel level, @Nullable String logger, JsonNode data) {
		LoggingLevel threshold = this.request.logThreshold();
		if (this.cancelled || threshold == null || level.compareTo(threshold) < 0) {
			return false;
		}
		ObjectNode params = JsonNodeFactory.instance.objectNode();
		params.put("level", level.wireName());
		if (logger != null) {
			params.put("logger", logger);
		}
		params.set("data", data);
		return this.request.notifications().send(new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_MESSAGE, params));
	}

	/** Whether the client has cancelled this call. */
	public boolean isCancelled() {
		return this.cancelled;
	}

	void cancel() {
		java.util.List<Runnable> actions;
		synchronized (this.cancelActions) {
			this.cancelled = true;
			actions = java.util.List.copyOf(this.cancelActions);
			this.cancelActions.clear();
		}
		// Outside the lock: an action may do anything.
		actions.forEach(Runnable::run);
	}

	/** Runs an action once the call is cancelled: now, when it is already. */
	void onCancel(Runnable action) {
		synchronized (this.cancelActions) {
			if (!this.cancelled) {
				this.cancelActions.add(action);
				return;
			}
		}
		action.run();
	}

	/**
	 * How this call asks the client for input (elicitation, sampling, roots), as the request's era
	 * does it.
	 * @since 0.2.0
	 */
	public ClientRequests inputs() {
		ClientRequests made = this.inputs;
		if (made == null) {
			synchronized (this) {
				made = this.inputs;
				if (made == null) {
					made = this.request.input().forCall(this);
					this.inputs = made;
				}
			}
		}
		return made;
	}

	/**
	 * The user's decision on a confirmation the server asked before the call ran ({@code accepted},
	 * {@code declined}, {@code cancelled}, {@code unavailable}), or {@code null} when none was asked:
	 * for the audit log.
	 * @since 0.2.0
	 */
	public @Nullable String confirmation() {
		return this.confirmation;
	}

	/**
	 * What ended the call early, if it asked the client for input: the input-required result it
	 * ends with instead of its own (modern era).
	 * @return the result, or {@code null} when the call was not interrupted
	 * @throws McpProtocolException when an answer of the client was malformed
	 * @since 0.2.0
	 */
	public @Nullable InputRequiredResult inputRequired() {
		RuntimeException interruption = interruption();
		if (interruption instanceof InputRequiredException required) {
			return required.result();
		}
		if (interruption != null) {
			throw interruption;
		}
		return null;
	}

	/** What ended the call early, if anything, without creating its inputs when it asked none. */
	public @Nullable RuntimeException interruption() {
		ClientRequests made = this.inputs;
		return (made != null) ? made.interruption() : null;
	}

	void recordConfirmation(String decision) {
		this.confirmation = decision;
	}

}
