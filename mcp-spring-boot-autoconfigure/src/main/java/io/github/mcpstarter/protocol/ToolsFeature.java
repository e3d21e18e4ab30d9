package io.github.mcpstarter.protocol;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools feature: {@code tools/list} and {@code tools/call}, with the published tools' list
 * changes told to whoever listens.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools">Tools</a>
 * @since 0.2.0
 */
final class ToolsFeature implements McpFeature {

	private static final Map<String, Object> CAPABILITY = Map.of("listChanged", true);

	private final ToolRegistry tools;

	private final McpFeature.Support support;

	/** Tool calls under way, by session and request id, so that a cancellation can find its call. */
	private final ConcurrentMap<CallKey, RunningCall> runningCalls = new ConcurrentHashMap<>();

	ToolsFeature(ToolRegistry tools, McpFeature.Support support) {
		this.tools = tools;
		this.support = support;
		tools.addListener(() -> support.notifyListeners(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED, "toolsListChanged"));
	}

	ToolRegistry registry() {
		return this.tools;
	}

	@Override
	public String capability() {
		return "tools";
	}

	@Override
	public Map<String, Object> capabilityValue() {
		return CAPABILITY;
	}

	@Override
	public Set<String> methods() {
		return Set.of(McpMethods.TOOLS_LIST, McpMethods.TOOLS_CALL);
	}

	@Override
	public Set<String> listenFlags() {
		return Set.of("toolsListChanged");
	}

	@Override
	public boolean isCacheable(String method) {
		return McpMethods.TOOLS_LIST.equals(method);
	}

	@Override
	public @Nullable Object serve(JsonRpcMessage.Request request, McpRequestContext context) {
		return McpMethods.TOOLS_LIST.equals(request.method()) ? listTools(request.params(), context)
				: callTool(request, context);
	}

	@Override
	public void cancel(String sessionId, Object requestId) {
		RunningCall call = this.runningCalls.get(new CallKey(sessionId, requestId));
		if (call != null) {
			call.cancel();
		}
	}

	ListToolsResult listTools(@Nullable JsonNode params, McpRequestContext context) {
		ListPages.Page<Tool> page = ListPages.visible(this.tools, RegisteredTool::tool, params, context, this.support);
		return new ListToolsResult(page.items(), page.nextCursor());
	}

	/** A tool's result, an input-required result (modern era), or {@code null} for a cancelled call. */
	@Nullable Object callTool(JsonRpcMessage.Request request, McpRequestContext context) {
		ToolCallContext call = callContext(request, context);
		return this.support.observer().observe(call, () -> runTool(request, context, call));
	}

	/** The call a {@code tools/call} stands for, before anything about it is checked. */
	private ToolCallContext callContext(JsonRpcMessage.Request request, McpRequestContext context) {
		JsonNode params = request.params();
		JsonNode name = (params != null) ? params.get("name") : null;
		RegisteredTool published = (name != null && name.isString()) ? this.tools.find(name.asString()) : null;
		JsonNode arguments = (params != null) ? params.get("arguments") : null;
		ObjectNode args = (arguments instanceof ObjectNode object) ? object : JsonNodeFactory.instance.objectNode();
		JsonNode progressToken = (params != null) ? params.path("_meta").get("progressToken") : null;
		if (progressToken != null && progressToken.isString()) {
			McpLimits.requireAtMost("_meta.progressToken", progressToken.asString(), McpLimits.MAX_TOKEN_LENGTH);
		}
		return new ToolCallContext(context, (published != null) ? published.name() : null, args,
				McpServer.requestId(progressToken));
	}

	private @Nullable Object runTool(JsonRpcMessage.Request request, McpRequestContext context,
			ToolCallContext call) {
		try {
			Object result = runConfirmed(request, context, call);
			InputRequiredResult inputRequired = call.inputRequired();
			return (inputRequired != null) ? inputRequired : result;
		}
		catch (InputRequiredException ex) {
			return ex.result();
		}
	}

	private @Nullable CallToolResult runConfirmed(JsonRpcMessage.Request request, McpRequestContext context,
			ToolCallContext call) {
		JsonNode params = request.params();
		if (params == null) {
			throw McpProtocolException.invalidParams("tools/call needs params with a tool name");
		}
		JsonNode name = params.get("name");
		if (name == null || !name.isString()) {
			throw McpProtocolException.invalidParams("tools/call needs a string \"name\"");
		}
		RegisteredTool tool = callableTool(name.asString(), context, call);
		requireClientCapabilities(tool, context);
		JsonNode arguments = params.get("arguments");
		if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
			throw McpProtocolException.invalidParams("\"arguments\" must be an object");
		}
		ObjectNode args = call.arguments();
		if (tool.confirmationRequired()) {
			CallToolResult refused = confirm(tool, args, context, call);
			if (refused != null) {
				return refused;
			}
		}
		if (context.session() == null) {
			// Without a session, request ids of different clients may collide, so no cancellation
			// names such a call. In the modern era the client cancels by closing the call's stream.
			if (context.meta() != null) {
				context.notifications().onClose(call::cancel);
			}
			CallToolResult result = tool.handler().call(args, call);
			return call.isCancelled() ? null : result;
		}
		CallKey key = new CallKey(context.session().id(), request.id());
		RunningCall running = new RunningCall(call, this.support.interruptOnCancel() ? Thread.currentThread() : null);
		if (this.runningCalls.putIfAbsent(key, running) != null) {
			throw new McpProtocolException(JsonRpcError.ErrorCodes.INVALID_REQUEST,
					"A request with id " + request.id() + " is already running");
		}
		try {
			CallToolResult result = tool.handler().call(args, call);
			return call.isCancelled() ? null : result;
		}
		finally {
			running.finish();
			this.runningCalls.remove(key, running);
		}
	}

	private RegisteredTool callableTool(String name, McpRequestContext context, ToolCallContext call) {
		RegisteredTool tool = this.tools.find(name);
		AccessPolicy.Access access = (tool != null) ? this.support.accessPolicy().check(tool, context)
				: AccessPolicy.Access.HIDDEN;
		if (tool != null && access.verdict() != AccessPolicy.Verdict.ALLOWED) {
			call.markDenied();
		}
		if (tool == null || access.verdict() == AccessPolicy.Verdict.HIDDEN) {
			// The same answer as for a tool that does not exist: a hidden tool's existence is not revealed.
			throw McpProtocolException.invalidParams("Unknown tool: " + name);
		}
		if (access.verdict() == AccessPolicy.Verdict.INSUFFICIENT_SCOPE) {
			throw new InsufficientScopeException(access.requiredScopes());
		}
		return tool;
	}


	/**
	 * Asks the user to confirm the call, before anything runs: {@code null} when the user accepted,
	 * else the result saying nothing was done. A client that cannot ask its user is refused (in the
	 * modern era with {@code -32021}, naming {@code elicitation}) unless the application lets such
	 * calls run unconfirmed.
	 */
	private @Nullable CallToolResult confirm(RegisteredTool tool, ObjectNode arguments, McpRequestContext context,
			ToolCallContext call) {
		InputRequest request = ToolConfirmation.request(tool, arguments);
		ClientRequests inputs = call.inputs();
		if (!inputs.supports(request)) {
			call.recordConfirmation("unavailable");
			if (this.support.runUnconfirmed()) {
				return null;
			}
			if (context.meta() != null) {
				throw missingCapabilities(tool, "runs only once the user confirms it, and needs elicitation to ask",
						Map.of("elicitation", Map.of()));
			}
			return CallToolResult.error("Not done: '" + tool.name() + "' runs only once the user confirms it, and this"
					+ " client cannot ask its user (it declared no elicitation capability, or has no stream to be asked"
					+ " on). Nothing was changed.");
		}
		JsonNode answer = inputs.ask(java.util.List.of(request)).get(ToolConfirmation.KEY);
		String action = (answer != null) ? answer.path("action").asString("") : null;
		if ("accept".equals(action)) {
			call.recordConfirmation("accepted");
			return null;
		}
		call.recordConfirmation((action == null) ? "unanswered" : "decline".equals(action) ? "declined" : "cancelled");
		return CallToolResult.error(ToolConfirmation.notDone(tool, action));
	}

	/**
	 * A modern request declares the client's capabilities: a tool that needs one it lacks is refused
	 * with {@code -32021}, naming all it needs. (The legacy era has no such error: there, what a
	 * client did not declare is not asked of it.)
	 */
	private static void requireClientCapabilities(RegisteredTool tool, McpRequestContext context) {
		RequestMeta meta = context.meta();
		if (meta == null || tool.requiredClientCapabilities().isEmpty()) {
			return;
		}
		Map<String, Object> missing = new java.util.TreeMap<>();
		for (String capability : tool.requiredClientCapabilities()) {
			if (!meta.declares(capability)) {
				missing.put(capability, Map.of());
			}
		}
		if (!missing.isEmpty()) {
			throw missingCapabilities(tool, "needs " + String.join(", ", missing.keySet()), missing);
		}
	}

	/** {@code -32021}: the client lacks what the tool needs, each capability named in the error's data. */
	private static McpProtocolException missingCapabilities(RegisteredTool tool, String why,
			Map<String, Object> capabilities) {
		return new McpProtocolException(new JsonRpcError(JsonRpcError.ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
				"Missing required client capability: tool '" + tool.name() + "' " + why,
				Map.of("requiredCapabilities", capabilities)));
	}

	private record CallKey(String sessionId, Object requestId) {
	}

	/**
	 * A tool call under way on a thread. Cancelling marks it cancelled and, when interrupting is
	 * switched on, interrupts that thread, but only while the call runs: once it has finished, the
	 * thread serves other requests and must not be disturbed.
	 */
	private static final class RunningCall {

		private final ToolCallContext context;

		private final @Nullable Thread thread;

		private boolean finished;

		RunningCall(ToolCallContext context, @Nullable Thread thread) {
			this.context = context;
			this.thread = thread;
		}

		synchronized void cancel() {
			if (!this.finished) {
				this.context.cancel();
				if (this.thread != null) {
					this.thread.interrupt();
				}
			}
		}

		void finish() {
			synchronized (this) {
				this.finished = true;
			}
			if (this.thread != null && this.thread == Thread.currentThread()) {
				// Clear an interrupt the cancellation left, before the thread serves anything else.
				Thread.interrupted();
			}
		}

	}

}
