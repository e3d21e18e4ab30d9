package io.github.mcpstarter.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers MCP requests: the protocol core every transport hands its messages to.
 *
 * <p>It knows methods, sessions and tools, and nothing of HTTP. Each request is answered from the
 * message and its {@link McpRequestContext} alone, so a request can be served without a session.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25">MCP 2025-11-25</a>
 */
public class McpServer {

	private static final Log logger = LogFactory.getLog(McpServer.class);

	private static final Map<String, Object> EMPTY_RESULT = Map.of();

	/** Longest client name, title or version kept in a session. */
	static final int MAX_CLIENT_INFO_LENGTH = 256;

	/** Longest protocol version string read; real ones are ten characters. */
	static final int MAX_PROTOCOL_VERSION_LENGTH = 64;

	/** Longest progress token or cursor read: a string a server hands out or a client makes up. */
	static final int MAX_TOKEN_LENGTH = 256;

	/** Most characters of names and strings in the client's capabilities. */
	static final int MAX_CAPABILITIES_SIZE = 16 * 1024;

	private final Implementation serverInfo;

	private final @Nullable String instructions;

	private final ToolRegistry tools;

	private final McpSessionStore sessions;

	private final int pageSize;

	private final ToolAccessPolicy accessPolicy;

	private final ToolCallObserver observer;

	private final boolean interruptOnCancel;

	/** Tool calls under way, by session and request id, so that a cancellation can find its call. */
	private final ConcurrentMap<CallKey, RunningCall> runningCalls = new ConcurrentHashMap<>();

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
		if (pageSize < 1) {
			throw new IllegalArgumentException("pageSize must be at least 1");
		}
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
	 * Answers an {@code initialize} request and, when asked to, opens a session for the client.
	 * @param request the {@code initialize} request
	 * @param openSession whether to open a session (stateful transports)
	 * @return the response and the new session, if any
	 * @throws McpSessionStore.SessionLimitExceededException when no further session can be opened
	 */
	public Initialized initialize(JsonRpcMessage.Request request, boolean openSession) {
		return initialize(request, null, openSession, null);
	}

	/**
	 * Answers an {@code initialize} request for a session the transport already opened (the legacy
	 * SSE transport opens it with the stream), or opens one.
	 * @param request the {@code initialize} request
	 * @param existing the session already open, or {@code null}
	 * @param openSession whether to open a session when none exists
	 * @param owner the authenticated principal opening the session, or {@code null}
	 * @return the response and the session, if any
	 * @throws McpSessionStore.SessionLimitExceededException when no further session can be opened
	 */
	public Initialized initialize(JsonRpcMessage.Request request, @Nullable McpSession existing, boolean openSession,
			@Nullable String owner) {
		return initialize(request, existing, openSession, owner, (String) null);
	}

	/**
	 * Answers an {@code initialize} request, opening the session through a named transport.
	 * @param request the {@code initialize} request
	 * @param existing the session already open, or {@code null}
	 * @param openSession whether to open a session when none exists
	 * @param owner the authenticated principal opening the session, or {@code null}
	 * @param transport the name of the transport the session is opened through, or {@code null}
	 * @return the response and the session, if any
	 * @throws McpSessionStore.SessionLimitExceededException when no further session can be opened
	 * @since 0.1.0
	 */
	public Initialized initialize(JsonRpcMessage.Request request, @Nullable McpSession existing, boolean openSession,
			@Nullable String owner, @Nullable String transport) {
		return answerInitialize(request, existing, openSession, (version, clientInfo) -> (transport != null)
				? this.sessions.create(transport, version, clientInfo, owner) : this.sessions.create(version, clientInfo, owner));
	}

	/**
	 * Answers an {@code initialize} request, opening a session for an owner known by issuer,
	 * subject and client, through a named transport.
	 * @param request the {@code initialize} request
	 * @param owner who opens the session, or {@code null} without authentication
	 * @param transport the name of the transport the session is opened through
	 * @return the response and the session
	 * @throws McpSessionStore.SessionLimitExceededException when no further session can be opened
	 * @throws McpSessionStore.SessionQuotaExceededException when the owner holds as many sessions as it may
	 * @since 0.1.0
	 */
	public Initialized initializeFor(JsonRpcMessage.Request request, @Nullable SessionOwner owner, String transport) {
		return answerInitialize(request, null, true,
				(version, clientInfo) -> this.sessions.createFor(owner, transport, version, clientInfo));
	}

	private Initialized answerInitialize(JsonRpcMessage.Request request, @Nullable McpSession existing,
			boolean openSession, java.util.function.BiFunction<String, @Nullable Implementation, McpSession> opener) {
		try {
			JsonNode params = request.params();
			if (params == null) {
				throw McpProtocolException.invalidParams("initialize needs params with a protocolVersion");
			}
			JsonNode requested = params.get("protocolVersion");
			if (requested == null || !requested.isString()) {
				throw McpProtocolException.invalidParams("initialize needs a string protocolVersion");
			}
			requireAtMost("protocolVersion", requested.asString(), MAX_PROTOCOL_VERSION_LENGTH);
			requireSmallCapabilities(params.get("capabilities"));
			String version = ProtocolVersions.negotiate(requested.asString());
			Implementation clientInfo = clientInfo(params.get("clientInfo"));
			McpSession session = existing;
			if (session != null) {
				session.negotiated(version, clientInfo);
			}
			else if (openSession) {
				session = opener.apply(version, clientInfo);
			}
			InitializeResult result = new InitializeResult(version,
					new InitializeResult.ServerCapabilities(Map.of("listChanged", true), Map.of()), this.serverInfo,
					this.instructions);
			return new Initialized(JsonRpcMessage.Response.result(request.id(), result), session);
		}
		catch (McpSessionStore.SessionLimitExceededException | McpSessionStore.SessionQuotaExceededException ex) {
			throw ex;
		}
		catch (McpProtocolException ex) {
			return new Initialized(JsonRpcMessage.Response.error(request.id(), ex.getError()), null);
		}
	}

	/**
	 * Answers a request other than {@code initialize}.
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
			// A client's mistake: one line at most, never a stack trace.
			if (logger.isDebugEnabled()) {
				logger.debug("Refused MCP request '" + request.method() + "': " + ex.getError().message());
			}
			return JsonRpcMessage.Response.error(request.id(), ex.getError());
		}
		catch (RuntimeException ex) {
			// The client learns that something failed, never how: details stay in the log.
			logger.error("Failed to answer MCP request '" + request.method() + "'", ex);
			return JsonRpcMessage.Response.error(request.id(),
					new JsonRpcError(JsonRpcError.ErrorCodes.INTERNAL_ERROR, "Internal error"));
		}
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

	private ListToolsResult listTools(@Nullable JsonNode params, McpRequestContext context) {
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
		if (!cursor.isString() || cursor.asString().length() > MAX_TOKEN_LENGTH) {
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

	private @Nullable CallToolResult callTool(JsonRpcMessage.Request request, McpRequestContext context) {
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
			requireAtMost("_meta.progressToken", progressToken.asString(), MAX_TOKEN_LENGTH);
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
		JsonNode arguments = params.get("arguments");
		if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
			throw McpProtocolException.invalidParams("\"arguments\" must be an object");
		}
		ObjectNode args = call.arguments();
		if (context.session() == null) {
			// Without a session, request ids of different clients may collide and a cancellation
			// cannot be told apart from another client's: such calls cannot be cancelled.
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

	/** Tells every session with a stream that the tools changed. */
	private void toolsChanged() {
		JsonRpcMessage.Notification changed = new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED,
				null);
		this.sessions.forEach((session) -> session.outbound().send(changed));
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

	private static @Nullable Implementation clientInfo(@Nullable JsonNode node) {
		if (node == null || !node.isObject() || !node.path("name").isString()) {
			return null;
		}
		JsonNode title = node.get("title");
		String name = node.path("name").asString();
		String version = node.path("version").isString() ? node.path("version").asString() : "";
		requireAtMost("clientInfo.name", name, MAX_CLIENT_INFO_LENGTH);
		requireAtMost("clientInfo.version", version, MAX_CLIENT_INFO_LENGTH);
		String titleText = (title != null && title.isString()) ? title.asString() : null;
		if (titleText != null) {
			requireAtMost("clientInfo.title", titleText, MAX_CLIENT_INFO_LENGTH);
		}
		return new Implementation(name, titleText, version);
	}

	private static void requireAtMost(String field, String value, int maxLength) {
		if (value.length() > maxLength) {
			throw McpProtocolException.invalidParams(
					"Invalid " + field + ": at most " + maxLength + " characters, got " + value.length());
		}
	}

	/** The client's capabilities are read, not kept; still, a megabyte of them is no capability. */
	private static void requireSmallCapabilities(@Nullable JsonNode capabilities) {
		if (capabilities != null && size(capabilities, MAX_CAPABILITIES_SIZE + 1) > MAX_CAPABILITIES_SIZE) {
			throw McpProtocolException.invalidParams(
					"Invalid capabilities: at most " + MAX_CAPABILITIES_SIZE + " characters of names and values");
		}
	}

	/** Characters of names and scalar values in a JSON tree, counted up to a limit. */
	private static int size(JsonNode node, int limit) {
		if (node.isContainer()) {
			int total = 0;
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				total += property.getKey().length() + size(property.getValue(), limit - total);
				if (total >= limit) {
					return total;
				}
			}
			for (JsonNode element : node.isArray() ? node.values() : List.<JsonNode>of()) {
				total += 1 + size(element, limit - total);
				if (total >= limit) {
					return total;
				}
			}
			return total;
		}
		return node.isString() ? node.asString().length() : 4;
	}

	/**
	 * The outcome of {@code initialize}.
	 *
	 * @param response the response to send
	 * @param session the session opened, or {@code null} (stateless, or the request failed)
	 */
	public record Initialized(JsonRpcMessage.Response response, @Nullable McpSession session) {
	}

}
