package io.github.mcpstarter.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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


	/** How long a client may reuse a list or discovery result, unless told otherwise. */
	public static final long DEFAULT_CACHE_TTL_MILLIS = 60_000;

	private final Implementation serverInfo;

	private final @Nullable String instructions;

	private final ToolsFeature tools;

	/** Every feature, tools first, as their capabilities are declared. */
	private final List<McpFeature> features;

	/** By request method, the feature that answers it. */
	private final Map<String, McpFeature> featuresByMethod;

	/** What every feature declares, and logging. */
	private final Map<String, Object> capabilities;

	/** What a {@code subscriptions/listen} may ask for, of the changes the features tell. */
	private final Set<String> listenFlags;

	private final McpSessionStore sessions;

	/** What this instance holds of its sessions: their streams, and what their end must undo here. */
	private final LiveSessions liveSessions;

	private final McpFleet fleet;

	/** Writes and reads what this instance tells the others of its fleet. */
	private final JsonRpcCodec signalCodec = new JsonRpcCodec();

	private final int pageSize;

	private final AccessPolicy accessPolicy;

	private final ToolCallObserver observer;

	private final boolean interruptOnCancel;

	private final long cacheTtlMillis;

	/** Newest first; the last takes whatever no other claims. */
	private final List<ProtocolEra> eras;

	private final InputSettings input;

	/** Requests sent to legacy clients, awaiting their answers. */
	private final PendingClientRequests pendingClientRequests;

	/** Open modern {@code subscriptions/listen} streams, with what each asked for. */
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
		this(serverInfo, instructions, tools, sessions, pageSize, AccessPolicy.ALLOW_ALL);
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
			McpSessionStore sessions, int pageSize, AccessPolicy accessPolicy) {
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
			McpSessionStore sessions, int pageSize, AccessPolicy accessPolicy, ToolCallObserver observer) {
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
			McpSessionStore sessions, int pageSize, AccessPolicy accessPolicy, ToolCallObserver observer,
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
			McpSessionStore sessions, int pageSize, AccessPolicy accessPolicy, ToolCallObserver observer,
			boolean interruptOnCancel, long cacheTtlMillis) {
		this(serverInfo, instructions, tools, sessions, pageSize, accessPolicy, observer, interruptOnCancel,
				cacheTtlMillis, List.of());
	}

	/**
	 * @param serverInfo this server's name and version
	 * @param instructions how to use this server, for the model, or {@code null}
	 * @param tools the published tools
	 * @param sessions where sessions live
	 * @param pageSize how many items one page of a list holds
	 * @param accessPolicy who may see and use which offering
	 * @param observer what runs around every {@code tools/call} (metrics, traces, audit)
	 * @param interruptOnCancel whether a cancellation also interrupts the thread running the call
	 * @param cacheTtlMillis how long a modern client may reuse a list or discovery result ({@code ttlMs})
	 * @param features the features besides tools (resources, prompts), each made with what the
	 * server gives its features
	 * @since 0.2.0
	 */
	public McpServer(Implementation serverInfo, @Nullable String instructions, ToolRegistry tools,
			McpSessionStore sessions, int pageSize, AccessPolicy accessPolicy, ToolCallObserver observer,
			boolean interruptOnCancel, long cacheTtlMillis, List<McpFeature.Factory> features) {
		this(serverInfo, instructions, tools, sessions, pageSize, accessPolicy, observer, interruptOnCancel,
				cacheTtlMillis, features, InputSettings.defaults());
	}

	/**
	 * @param serverInfo this server's name and version
	 * @param instructions how to use this server, for the model, or {@code null}
	 * @param tools the published tools
	 * @param sessions where sessions live
	 * @param pageSize how many items one page of a list holds
	 * @param accessPolicy who may see and use which offering
	 * @param observer what runs around every {@code tools/call} (metrics, traces, audit)
	 * @param interruptOnCancel whether a cancellation also interrupts the thread running the call
	 * @param cacheTtlMillis how long a modern client may reuse a list or discovery result ({@code ttlMs})
	 * @param features the features besides tools (resources, prompts)
	 * @param input how calls ask the client for input, and confirmations
	 * @since 0.2.0
	 */
	public McpServer(Implementation serverInfo, @Nullable String instructions, ToolRegistry tools,
			McpSessionStore sessions, int pageSize, AccessPolicy accessPolicy, ToolCallObserver observer,
			boolean interruptOnCancel, long cacheTtlMillis, List<McpFeature.Factory> features, InputSettings input) {
		this(serverInfo, instructions, tools, sessions, pageSize, accessPolicy, observer, interruptOnCancel,
				cacheTtlMillis, features, input, McpFleet.SINGLE);
	}

	/**
	 * @param serverInfo this server's name and version
	 * @param instructions how to use this server, for the model, or {@code null}
	 * @param tools the published tools
	 * @param sessions where sessions live
	 * @param pageSize how many items one page of a list holds
	 * @param accessPolicy who may see and use which offering
	 * @param observer what runs around every {@code tools/call} (metrics, traces, audit)
	 * @param interruptOnCancel whether a cancellation also interrupts the thread running the call
	 * @param cacheTtlMillis how long a modern client may reuse a list or discovery result ({@code ttlMs})
	 * @param features the features besides tools (resources, prompts)
	 * @param input how calls ask the client for input, and confirmations
	 * @param fleet how this instance reaches the others that serve the same sessions
	 * @since 0.3.0
	 */
	public McpServer(Implementation serverInfo, @Nullable String instructions, ToolRegistry tools,
			McpSessionStore sessions, int pageSize, AccessPolicy accessPolicy, ToolCallObserver observer,
			boolean interruptOnCancel, long cacheTtlMillis, List<McpFeature.Factory> features, InputSettings input,
			McpFleet fleet) {
		this.input = input;
		this.fleet = fleet;
		this.liveSessions = new LiveSessions(sessions);
		this.pendingClientRequests = new PendingClientRequests(input.maxPendingPerPrincipal(), this.liveSessions);
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
		this.sessions = sessions;
		this.pageSize = pageSize;
		this.accessPolicy = accessPolicy;
		this.observer = observer;
		this.interruptOnCancel = interruptOnCancel;
		McpFeature.Support support = new FeatureSupport();
		this.tools = new ToolsFeature(tools, support);
		List<McpFeature> all = new ArrayList<>();
		all.add(this.tools);
		for (McpFeature.Factory feature : features) {
			all.add(feature.create(support));
		}
		this.features = List.copyOf(all);
		Map<String, McpFeature> byMethod = new HashMap<>();
		Set<String> listenFlags = new java.util.LinkedHashSet<>();
		Map<String, Object> capabilities = new LinkedHashMap<>();
		for (McpFeature feature : this.features) {
			for (String method : feature.methods()) {
				if (byMethod.putIfAbsent(method, feature) != null) {
					throw new IllegalArgumentException("Two features answer '" + method + "'");
				}
			}
			capabilities.put(feature.capability(), feature.capabilityValue());
			listenFlags.addAll(feature.listenFlags());
		}
		this.listenFlags = Set.copyOf(listenFlags);
		capabilities.put("logging", Map.of());
		this.featuresByMethod = Map.copyOf(byMethod);
		this.capabilities = Collections.unmodifiableMap(capabilities);
		fleet.onSignal(this::signalled);
	}

	/** How this instance reaches the others that serve the same sessions. */
	public McpFleet fleet() {
		return this.fleet;
	}

	/** What another instance of the fleet tells this one: the same as it did there, done here. */
	private void signalled(McpFleet.Signal signal) {
		JsonNode payload = (signal.payload() != null && !McpFleet.Signal.ANSWERED.equals(signal.kind()))
				? this.signalCodec.mapper().readTree(signal.payload()) : null;
		switch (signal.kind()) {
			case McpFleet.Signal.LIST_CHANGED -> {
				if (payload != null) {
					notifyLocalListeners(payload.path("method").asString(), payload.path("flag").asString());
				}
			}
			case McpFleet.Signal.CANCELLED -> {
				Object requestId = (payload != null) ? requestId(payload.get("requestId")) : null;
				if (requestId != null && signal.sessionId() != null) {
					cancelHere(signal.sessionId(), requestId);
				}
			}
			case McpFleet.Signal.ANSWERED -> {
				if (signal.payload() != null && signal.sessionId() != null && this.signalCodec
					.read(signal.payload().getBytes(StandardCharsets.UTF_8)) instanceof JsonRpcMessage.Response response) {
					this.pendingClientRequests.complete(signal.sessionId(), response.id(), response);
				}
			}
			default -> logger.debug("Ignored an MCP fleet signal of kind '" + signal.kind() + "'");
		}
	}

	public ToolRegistry tools() {
		return this.tools.registry();
	}

	/** Every feature, tools first. */
	List<McpFeature> features() {
		return this.features;
	}

	/** The feature that answers a request method, or {@code null}. */
	@Nullable McpFeature feature(String method) {
		return this.featuresByMethod.get(method);
	}

	public McpSessionStore sessions() {
		return this.sessions;
	}

	/**
	 * What this instance holds of its sessions besides their state: the stream each one's messages
	 * go to, and what its end must undo here.
	 * @since 0.2.0
	 */
	public LiveSessions liveSessions() {
		return this.liveSessions;
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

	/** How calls ask the client for input. */
	InputSettings inputSettings() {
		return this.input;
	}

	/** How the calls of a legacy request in a session ask its client: over the session, and wait. */
	InputSource sessionInput(McpSession session, McpMessageSink callStream) {
		return new SessionClientRequests(this.pendingClientRequests, session, this.liveSessions, callStream,
				this.input.timeout());
	}

	/** How many requests to legacy clients await answers, for tests. */
	int pendingClientRequestCount() {
		return this.pendingClientRequests.size();
	}

	@Nullable String instructions() {
		return this.instructions;
	}

	/** The same in both eras: what every feature declares, and log messages. */
	Map<String, Object> capabilities() {
		return this.capabilities;
	}

	long cacheTtlMillis() {
		return this.cacheTtlMillis;
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
			McpFeature feature = this.featuresByMethod.get(request.method());
			@Nullable Object result = (feature != null) ? feature.serve(request, context) : switch (request.method()) {
				case McpMethods.PING -> EMPTY_RESULT;
				case McpMethods.LOGGING_SET_LEVEL -> setLoggingLevel(request.params(), context);
				case McpMethods.INITIALIZE -> throw new McpProtocolException(JsonRpcError.ErrorCodes.INVALID_REQUEST,
						"This session is already initialized");
				default -> throw new McpProtocolException(JsonRpcError.ErrorCodes.METHOD_NOT_FOUND,
						"Method not found: " + request.method());
			};
			return (result != null) ? JsonRpcMessage.Response.result(request.id(), result) : null;
		}
		catch (McpSessionStore.SessionStoreUnavailableException ex) {
			// A 503 from the transport, not an error result: the request may succeed when retried.
			throw ex;
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
			if (requestId != null) {
				cancelHere(context.session().id(), requestId);
				if (this.fleet.isShared()) {
					// The call may run on another instance: the one its request landed on.
					this.fleet.broadcast(new McpFleet.Signal(McpFleet.Signal.CANCELLED, context.session().id(),
							this.signalCodec.mapper().writeValueAsString(Map.of("requestId", requestId))));
				}
			}
		}
		// Others (a cancellation for a call already answered, unknown notifications) need no action.
	}

	private void cancelHere(String sessionId, Object requestId) {
		for (McpFeature feature : this.features) {
			feature.cancel(sessionId, requestId);
		}
	}

	/**
	 * Takes a response the client sent: the answer to a request of this server (an elicitation, a
	 * sampling) that a call in its session awaits. One that answers nothing pending (late, or made
	 * up) is logged (one line) and otherwise ignored. An error response is not a malformed message.
	 * @param response the client's response
	 * @param context the session and transport it arrived with
	 * @since 0.1.0
	 */
	public void handle(JsonRpcMessage.Response response, McpRequestContext context) {
		if (context.session() != null
				&& this.pendingClientRequests.complete(context.session().id(), response.id(), response)) {
			return;
		}
		if (context.session() != null && this.fleet.isShared()) {
			// The call that asked may wait on another instance; the session's owner sent this answer.
			this.fleet.broadcast(new McpFleet.Signal(McpFleet.Signal.ANSWERED, context.session().id(),
					new String(this.signalCodec.toBytes(response), StandardCharsets.UTF_8)));
			return;
		}
		if (logger.isDebugEnabled()) {
			String session = (context.session() != null) ? context.session().id() : "none";
			logger.debug((response.error() != null)
					? "MCP client answered request " + response.id() + " with error " + response.error().code()
							+ " (session " + session + "); no such request is pending"
					: "MCP client answered request " + response.id() + " (session " + session
							+ "); no such request is pending");
		}
	}

	/** A request id or progress token: a string or an integer; anything else is no id. */
	static @Nullable Object requestId(@Nullable JsonNode node) {
		if (node == null) {
			return null;
		}
		if (node.isString()) {
			return node.asString();
		}
		return (node.isIntegralNumber() && node.canConvertToLong()) ? (Object) node.asLong() : null;
	}

	/**
	 * Whether the caller may know that a tool exists: it sees it, or may call it once it has the
	 * scopes. A hidden tool is answered as one that does not exist, in every respect.
	 */
	boolean isVisible(Offering offering, McpRequestContext context) {
		return this.accessPolicy.check(offering, context).verdict() != AccessPolicy.Verdict.HIDDEN;
	}

	/**
	 * The cache scope of a list: {@code private} whenever who may use what decides what a caller
	 * sees, since one caller's list is then no answer for another.
	 */
	String listCacheScope() {
		return (this.accessPolicy == AccessPolicy.ALLOW_ALL) ? ModernResult.PUBLIC : ModernResult.PRIVATE;
	}

	/**
	 * Tells every session with a stream, and every modern listener that asked, of a change.
	 * Sending only queues the message on each stream: no client holds up another.
	 */
	private void notifyListeners(String notification, String listenFlag) {
		notifyLocalListeners(notification, listenFlag);
		if (this.fleet.isShared()) {
			this.fleet.broadcast(new McpFleet.Signal(McpFleet.Signal.LIST_CHANGED, null,
					this.signalCodec.mapper().writeValueAsString(Map.of("method", notification, "flag", listenFlag))));
		}
	}

	/** The same, for the clients connected to this instance. */
	private void notifyLocalListeners(String notification, String listenFlag) {
		JsonRpcMessage.Notification changed = new JsonRpcMessage.Notification(notification, null);
		this.liveSessions.forEachOutbound((outbound) -> outbound.send(changed));
		for (Subscription subscription : this.subscriptions) {
			if (subscription.flags().contains(listenFlag)) {
				ObjectNode params = JsonNodeFactory.instance.objectNode();
				params.putObject("_meta").putPOJO(RequestMeta.SUBSCRIPTION_ID, subscription.requestId());
				subscription.stream().send(new JsonRpcMessage.Notification(notification, params));
			}
		}
	}

	/** The {@code subscriptions/listen} flags this server honours: those of its features. */
	Set<String> listenFlags() {
		return this.listenFlags;
	}

	/** Registers a modern listen stream for the changes it asked for. */
	Subscription subscribe(Object requestId, McpMessageSink stream, Set<String> flags) {
		Subscription subscription = new Subscription(requestId, stream, flags);
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
	 * A modern listen stream and the changes it asked for: identity matters, not equality (two
	 * clients may use the same request id).
	 */
	static final class Subscription {

		private final Object requestId;

		private final McpMessageSink stream;

		private final Set<String> flags;

		Subscription(Object requestId, McpMessageSink stream, Set<String> flags) {
			this.requestId = requestId;
			this.stream = stream;
			this.flags = Set.copyOf(flags);
		}

		Set<String> flags() {
			return this.flags;
		}

		Object requestId() {
			return this.requestId;
		}

		McpMessageSink stream() {
			return this.stream;
		}

	}

	/** What the server gives its features. */
	private final class FeatureSupport implements McpFeature.Support {

		@Override
		public AccessPolicy accessPolicy() {
			return McpServer.this.accessPolicy;
		}

		@Override
		public int pageSize() {
			return McpServer.this.pageSize;
		}

		@Override
		public ToolCallObserver observer() {
			return McpServer.this.observer;
		}

		@Override
		public boolean interruptOnCancel() {
			return McpServer.this.interruptOnCancel;
		}

		@Override
		public void notifyListeners(String notification, String listenFlag) {
			McpServer.this.notifyListeners(notification, listenFlag);
		}

		@Override
		public LiveSessions liveSessions() {
			return McpServer.this.liveSessions;
		}

		@Override
		public boolean runUnconfirmed() {
			return McpServer.this.input.runUnconfirmed();
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
