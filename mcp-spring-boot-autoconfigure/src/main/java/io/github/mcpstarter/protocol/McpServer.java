package io.github.mcpstarter.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers MCP messages: the protocol core every transport hands its messages to, through
 * {@link #serve}.
 *
 * <p>It knows eras, methods, sessions and tools, and nothing of HTTP. Each message is served by its
 * era, picked newest first: a modern request (2026-07-28, its version in its own {@code _meta}) is
 * answered statelessly; an {@code initialize} and whatever names a session belong to the legacy
 * era. The transport supplies, in an {@link McpExchange}, the versions it serves and what only it
 * can do (open a session, open a stream, check its envelope).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28">MCP 2026-07-28</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25">MCP 2025-11-25</a>
 */
public class McpServer {

	private static final Log logger = LogFactory.getLog(McpServer.class);

	private static final Map<String, Object> EMPTY_RESULT = Map.of();

	private static final InitializeResult.ServerCapabilities CAPABILITIES = new InitializeResult.ServerCapabilities(
			Map.of("listChanged", true), Map.of());

	/** How long a client may reuse a list or discovery result, unless told otherwise. */
	public static final long DEFAULT_CACHE_TTL_MILLIS = 60_000;

	private final Implementation serverInfo;

	private final @Nullable String instructions;

	private final ToolRegistry tools;

	private final McpSessionStore sessions;

	private final int pageSize;

	private final ToolAccessPolicy accessPolicy;

	private final ToolCallObserver observer;

	private final boolean interruptOnCancel;

	private final long cacheTtlMillis;

	/** Newest first; the last takes whatever no other claims. */
	private final List<ProtocolEra> eras;

	/** Tool calls under way, by session and request id, so that a cancellation can find its call. */
	private final ConcurrentMap<CallKey, RunningCall> runningCalls = new ConcurrentHashMap<>();

	/** Open modern {@code subscriptions/listen} streams that asked for tool list changes. */
	private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

	/**
	 * @param serverInfo this server's name and version
	 * @param instructions how to use this server, for the model, or {@code null}
	 * @param tools the published tools
	 * @param sessions where sessions live
	 * @param pageSize how many tools one page of {@code tools/list} holds
	 */
	public McpServer(Implementation serverInfo, @Nullable String instructions, ToolRegistry tools,
			McpSessionStore sessions, int pageSize) {
		this(serverInfo, instructions, tools, sessions, pageSize, ToolAccessPolicy.ALLOW_ALL);
	}

	/**
	 * @param serverInfo this server's name and version
	 * @param instructions how to use this server, for the model, or {@code null}
	 * @param tools the published tools
	 * @param sessions where sessions live
	 * @param pageSize how many tools one page of {@code tools/list} holds
	 * @param accessPolicy who may see and call which tool
	 */
	public McpServer(Implementation serverInfo, @Nullable String instructions, ToolRegistry tools,
			McpSessionStore sessions, int pageSize, ToolAccessPolicy accessPolicy) {
		this(serverInfo, instructions, tools, sessions, pageSize, accessPolicy, ToolCallObserver.NONE);
	}

	/**
	 * @param serverInfo this server's name and version
	 * @param instructions how to use this server, for the model, or {@code null}
	 * @param tools the published tools
	 * @param sessions where sessions live
	 * @param pageSize how many tools one page of {@code tools/list} holds
	 * @param accessPolicy who may see and call which tool
	 * @param observer what runs around every {@code tools/call} (metrics, traces, audit)
	 * @since 0.1.0
	 */
	public McpServer(Implementation serverInfo, @Nullable String instructions, ToolRegistry tools,
			McpSessionStore sessions, int pageSize, ToolAccessPolicy accessPolicy, ToolCallObserver observer) {
		this(serverInfo, instructions, tools, sessions, pageSize, accessPolicy, observer, false);
	}

	/**
	 * @param serverInfo this server's name and version
	 * @param instructions how to use this server, for the model, or {@code null}
	 * @param tools the published tools
	 * @param sessions where sessions live
	 * @param pageSize how many tools one page of {@code tools/list} holds
	 * @param accessPolicy who may see and call which tool
	 * @param observer what runs around every {@code tools/call} (metrics, traces, audit)
	 * @param interruptOnCancel whether a cancellation also interrupts the thread running the call;
	 * otherwise the call learns of it from {@code ToolProgress.isCancelled()} alone, since an
	 * interrupt closes any {@code InterruptibleChannel} the endpoint uses
	 * @since 0.1.0
	 */
	public McpServer(Implementation serverInfo, @Nullable String instructions, ToolRegistry tools,
			McpSessionStore sessions, int pageSize, ToolAccessPolicy accessPolicy, ToolCallObserver observer,
			boolean interruptOnCancel) {
		this(serverInfo, instructions, tools, sessions, pageSize, accessPolicy, observer, interruptOnCancel,
				DEFAULT_CACHE_TTL_MILLIS);
	}

	/**
	 * @param serverInfo this server's name and version
	 * @param instructions how to use this server, for the model, or {@code null}
	 * @param tools the published tools
	 * @param sessions where sessions live
	 * @param pageSize how many tools one page of {@code tools/list} holds
	 * @param accessPolicy who may see and call which tool
	 * @param observer what runs around every {@code tools/call} (metrics, traces, audit)
	 * @param interruptOnCancel whether a cancellation also interrupts the thread running the call
	 * @param cacheTtlMillis how long a modern client may reuse a list or discovery result ({@code ttlMs})
	 * @since 0.2.0
	 */
	public McpServer(Implementation serverInfo, @Nullable String instructions, ToolRegistry tools,
			McpSessionStore sessions, int pageSize, ToolAccessPolicy accessPolicy, ToolCallObserver observer,
			boolean interruptOnCancel, long cacheTtlMillis) {
		if (pageSize < 1) {
			throw new IllegalArgumentException("pageSize must be at least 1");
		}
		if (cacheTtlMillis < 0) {
			throw new IllegalArgumentException("cacheTtlMillis must not be negative");
		}
		this.cacheTtlMillis = cacheTtlMillis;
		this.eras = List.of(new StatelessEra(this), new SessionEra(this));
		this.serverInfo = serverInfo;
		this.instructions = instructions;
		this.tools = tools;
		this.sessions = sessions;
		this.pageSize = pageSize;
		this.accessPolicy = accessPolicy;
		this.observer = observer;
		this.interruptOnCancel = interruptOnCancel;
		tools.addListener(this::toolsChanged);
	}

	public ToolRegistry tools() {
		return this.tools;
	}

	public McpSessionStore sessions() {
		return this.sessions;
	}

	/**
	 * Serves one message, of either era: the entry point of every transport.
	 * @param message the message, as the transport read it
	 * @param exchange what the transport supplies with it
	 * @return what to send, and how
	 * @throws McpSessionStore.SessionLimitExceededException when an {@code initialize} finds no room
	 * for a session
	 * @throws McpSessionStore.SessionQuotaExceededException when the caller holds as many sessions
	 * as it may
	 * @throws McpExchange.TransportRefusedException when the transport refused what the message needs
	 * @since 0.2.0
	 */
	public McpReply serve(JsonRpcMessage message, McpExchange exchange) {
		return eraOf(message, exchange).serve(message, exchange);
	}

	private ProtocolEra eraOf(JsonRpcMessage message, McpExchange exchange) {
		for (int i = 0; i < this.eras.size() - 1; i++) {
			if (this.eras.get(i).claims(message, exchange)) {
				return this.eras.get(i);
			}
		}
		return this.eras.get(this.eras.size() - 1);
	}

	Implementation serverInfo() {
		return this.serverInfo;
	}

	@Nullable String instructions() {
		return this.instructions;
	}

	/** The same in both eras: tools, whose list changes are told, and log messages. */
	InitializeResult.ServerCapabilities capabilities() {
		return CAPABILITIES;
	}

	long cacheTtlMillis() {
		return this.cacheTtlMillis;
	}

	/**
	 * The cache scope of a tool list: {@code private} whenever who may call what decides which
	 * tools a caller sees, since one caller's list is then no answer for another.
	 */
	String listCacheScope() {
		return (this.accessPolicy == ToolAccessPolicy.ALLOW_ALL) ? ModernResult.PUBLIC : ModernResult.PRIVATE;
	}

	/**
	 * Answers a legacy-era request other than {@code initialize}, in a context already established.
	 * Transports call {@link #serve}, which picks the era and builds the context.
	 * @param request the request
	 * @param context the session and transport it arrived with
	 * @return the response, errors included; {@code null} only when the client cancelled the request,
	 * which then gets no response
	 */
	public JsonRpcMessage.@Nullable Response handle(JsonRpcMessage.Request request, McpRequestContext context) {
		try {
			@Nullable Object result = switch (request.method()) {
				case McpMethods.PING -> EMPTY_RESULT;
				case McpMethods.TOOLS_LIST -> listTools(request.params(), context);
				case McpMethods.TOOLS_CALL -> callTool(request, context);
				case McpMethods.LOGGING_SET_LEVEL -> setLoggingLevel(request.params(), context);
				case McpMethods.INITIALIZE -> throw new McpProtocolException(JsonRpcError.ErrorCodes.INVALID_REQUEST,
						"This session is already initialized");
				default -> throw new McpProtocolException(JsonRpcError.ErrorCodes.METHOD_NOT_FOUND,
						"Method not found: " + request.method());
			};
			return (result != null) ? JsonRpcMessage.Response.result(request.id(), result) : null;
		}
		catch (McpProtocolException ex) {
			return refusal(request, ex);
		}
		catch (RuntimeException ex) {
			return failure(request, ex);
		}
	}

	/** A client's mistake: one line at most in the log, never a stack trace. */
	JsonRpcMessage.Response refusal(JsonRpcMessage.Request request, McpProtocolException ex) {
		if (logger.isDebugEnabled()) {
			logger.debug("Refused MCP request '" + request.method() + "': " + ex.getError().message());
		}
		return JsonRpcMessage.Response.error(request.id(), ex.getError());
	}

	/** The client learns that something failed, never how: details stay in the log. */
	JsonRpcMessage.Response failure(JsonRpcMessage.Request request, RuntimeException ex) {
		logger.error("Failed to answer MCP request '" + request.method() + "'", ex);
		return JsonRpcMessage.Response.error(request.id(),
				new JsonRpcError(JsonRpcError.ErrorCodes.INTERNAL_ERROR, "Internal error"));
	}

	/**
	 * Takes a notification; notifications have no answer.
	 * @param notification the notification
	 * @param context the session and transport it arrived with
	 */
	public void handle(JsonRpcMessage.Notification notification, McpRequestContext context) {
		if (McpMethods.NOTIFICATION_INITIALIZED.equals(notification.method()) && context.session() != null) {
			context.session().markInitialized();
		}
		else if (McpMethods.NOTIFICATION_CANCELLED.equals(notification.method()) && notification.params() != null
				&& context.session() != null) {
			Object requestId = requestId(notification.params().get("requestId"));
			RunningCall call = (requestId != null)
					? this.runningCalls.get(new CallKey(context.session().id(), requestId)) : null;
			if (call != null) {
				call.cancel();
			}
		}
		// Others (a cancellation for a call already answered, unknown notifications) need no action.
	}

	/**
	 * Takes a response the client sent: to a request of this server, which sends none yet, so it
	 * is logged (one line) and otherwise ignored. An error response is not a malformed message.
	 * @param response the client's response
	 * @param context the session and transport it arrived with
	 * @since 0.1.0
	 */
	public void handle(JsonRpcMessage.Response response, McpRequestContext context) {
		if (logger.isDebugEnabled()) {
			String session = (context.session() != null) ? context.session().id() : "none";
			logger.debug((response.error() != null)
					? "MCP client answered request " + response.id() + " with error " + response.error().code()
							+ " (session " + session + "); no such request is pending"
					: "MCP client answered request " + response.id() + " (session " + session
							+ "); no such request is pending");
		}
	}

	ListToolsResult listTools(@Nullable JsonNode params, McpRequestContext context) {
		// The caller sees only the tools it may call; pages are cut from what it sees.
		List<Tool> visible = new ArrayList<>(this.tools.size());
		for (RegisteredTool tool : this.tools.tools()) {
			if (this.accessPolicy.check(tool, context).verdict() == ToolAccessPolicy.Verdict.ALLOWED) {
				visible.add(tool.tool());
			}
		}
		int offset = 0;
		JsonNode cursor = (params != null) ? params.get("cursor") : null;
		if (cursor != null && !cursor.isNull()) {
			offset = decodeCursor(cursor, visible.size());
		}
		int end = Math.min(visible.size(), offset + this.pageSize);
		return new ListToolsResult(List.copyOf(visible.subList(offset, end)),
				(end < visible.size()) ? encodeCursor(end) : null);
	}

	private static String encodeCursor(int offset) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("o" + offset).getBytes(StandardCharsets.US_ASCII));
	}

	private static int decodeCursor(JsonNode cursor, int size) {
		if (!cursor.isString() || cursor.asString().length() > McpLimits.MAX_TOKEN_LENGTH) {
			throw McpProtocolException.invalidParams("Invalid cursor: use the nextCursor of the previous page");
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor.asString()), StandardCharsets.US_ASCII);
			if (decoded.startsWith("o")) {
				int offset = Integer.parseInt(decoded.substring(1));
				if (offset > 0 && offset < size) {
					return offset;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// not base64 or not a number: reported below
		}
		throw McpProtocolException.invalidParams("Invalid cursor");
	}

	@Nullable CallToolResult callTool(JsonRpcMessage.Request request, McpRequestContext context) {
		ToolCallContext call = callContext(request, context);
		return this.observer.observe(call, () -> runTool(request, context, call));
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
				requestId(progressToken));
	}

	private @Nullable CallToolResult runTool(JsonRpcMessage.Request request, McpRequestContext context,
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
		RunningCall running = new RunningCall(call, this.interruptOnCancel ? Thread.currentThread() : null);
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

	/**
	 * Whether the caller may know that a tool exists: it sees it, or may call it once it has the
	 * scopes. A hidden tool is answered as one that does not exist, in every respect.
	 */
	boolean isVisible(RegisteredTool tool, McpRequestContext context) {
		return this.accessPolicy.check(tool, context).verdict() != ToolAccessPolicy.Verdict.HIDDEN;
	}

	private RegisteredTool callableTool(String name, McpRequestContext context, ToolCallContext call) {
		RegisteredTool tool = this.tools.find(name);
		ToolAccessPolicy.Access access = (tool != null) ? this.accessPolicy.check(tool, context)
				: ToolAccessPolicy.Access.HIDDEN;
		if (tool != null && access.verdict() != ToolAccessPolicy.Verdict.ALLOWED) {
			call.markDenied();
		}
		if (tool == null || access.verdict() == ToolAccessPolicy.Verdict.HIDDEN) {
			// The same answer as for a tool that does not exist: a hidden tool's existence is not revealed.
			throw McpProtocolException.invalidParams("Unknown tool: " + name);
		}
		if (access.verdict() == ToolAccessPolicy.Verdict.INSUFFICIENT_SCOPE) {
			throw new InsufficientScopeException(access.requiredScopes());
		}
		return tool;
	}


	/**
	 * A modern request declares the client's capabilities: a tool that needs one it lacks is refused
	 * with {@code -32021}, naming all it needs. (A legacy session's capabilities are not kept.)
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
			throw new McpProtocolException(new JsonRpcError(JsonRpcError.ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY,
					"Missing required client capability: tool '" + tool.name() + "' needs "
							+ String.join(", ", missing.keySet()),
					Map.of("requiredCapabilities", missing)));
		}
	}

	/** A request id or progress token: a string or an integer; anything else is no id. */
	private static @Nullable Object requestId(@Nullable JsonNode node) {
		if (node == null) {
			return null;
		}
		if (node.isString()) {
			return node.asString();
		}
		return (node.isIntegralNumber() && node.canConvertToLong()) ? (Object) node.asLong() : null;
	}

	/**
	 * Tells every session with a stream, and every modern listener that asked, that the tools
	 * changed. Sending only queues the message on each stream: no client holds up another.
	 */
	private void toolsChanged() {
		JsonRpcMessage.Notification changed = new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED,
				null);
		this.sessions.forEach((session) -> session.outbound().send(changed));
		for (Subscription subscription : this.subscriptions) {
			ObjectNode params = JsonNodeFactory.instance.objectNode();
			params.putObject("_meta").putPOJO(RequestMeta.SUBSCRIPTION_ID, subscription.requestId());
			subscription.stream()
				.send(new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED, params));
		}
	}

	/** Registers a modern listen stream for tool list changes. */
	Subscription subscribe(Object requestId, McpMessageSink stream) {
		Subscription subscription = new Subscription(requestId, stream);
		this.subscriptions.add(subscription);
		return subscription;
	}

	void unsubscribe(Subscription subscription) {
		this.subscriptions.remove(subscription);
	}

	/** How many modern listen streams are open, for metrics and tests. */
	public int subscriptionCount() {
		return this.subscriptions.size();
	}

	/**
	 * A modern listen stream for tool list changes: identity matters, not equality (two clients
	 * may use the same request id).
	 */
	static final class Subscription {

		private final Object requestId;

		private final McpMessageSink stream;

		Subscription(Object requestId, McpMessageSink stream) {
			this.requestId = requestId;
			this.stream = stream;
		}

		Object requestId() {
			return this.requestId;
		}

		McpMessageSink stream() {
			return this.stream;
		}

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

	private Map<String, Object> setLoggingLevel(@Nullable JsonNode params, McpRequestContext context) {
		JsonNode level = (params != null) ? params.get("level") : null;
		LoggingLevel parsed = LoggingLevel.fromWireName((level != null && level.isString()) ? level.asString() : null);
		if (parsed == null) {
			throw McpProtocolException.invalidParams(
					"Invalid log level; use one of debug, info, notice, warning, error, critical, alert, emergency");
		}
		if (context.session() != null) {
			context.session().setLoggingLevel(parsed);
		}
		return EMPTY_RESULT;
	}


}
