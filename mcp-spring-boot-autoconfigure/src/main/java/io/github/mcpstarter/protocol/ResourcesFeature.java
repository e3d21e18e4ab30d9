package io.github.mcpstarter.protocol;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resources feature: {@code resources/list}, {@code resources/templates/list},
 * {@code resources/read}, and the updates of subscribed resources, in both eras.
 *
 * <ul>
 * <li>A caller sees only what it may read: a resource or template the access policy hides, or
 * refuses for want of scopes, is not listed. Reading a hidden one is answered as reading a URI
 * that does not exist; one that needs scopes, with the insufficient-scope error (step-up).</li>
 * <li>A read tries the resource of that exact URI first, then the templates in order; the first
 * that matches decides.</li>
 * <li>Not found is {@code -32602} with {@code data.uri} in the modern era (2026-07-28, SEP-2164),
 * and {@code -32002} with {@code data.uri} for a legacy session, as each revision's text says.</li>
 * <li>Updates ({@link ResourceUpdates}) reach the legacy sessions that sent
 * {@code resources/subscribe} for the URI, on their stream, and the modern
 * {@code subscriptions/listen} streams that list it in {@code resourceSubscriptions}. Either
 * subscription needs the caller to be allowed to read the resource when it subscribes.</li>
 * </ul>
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/resources">Resources (2025-11-25)</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/server/resources">Resources (2026-07-28)</a>
 * @since 0.2.0
 */
public final class ResourcesFeature implements McpFeature {

	/** What a {@code subscriptions/listen} asks for to hear that the lists changed. */
	public static final String LIST_CHANGED_FLAG = "resourcesListChanged";

	/** The part of a {@code subscriptions/listen} filter that names resources to hear updates of. */
	public static final String RESOURCE_SUBSCRIPTIONS = "resourceSubscriptions";

	private static final Map<String, Object> CAPABILITY;

	static {
		Map<String, Object> capability = new LinkedHashMap<>();
		capability.put("subscribe", true);
		capability.put("listChanged", true);
		CAPABILITY = java.util.Collections.unmodifiableMap(capability);
	}

	private static final Map<String, Object> EMPTY_RESULT = Map.of();

	private final ResourceRegistry resources;

	private final ResourceTemplateRegistry templates;

	private final McpFeature.Support support;

	/** The legacy sessions' subscriptions, by session id; forgotten when the session ends. */
	private final ConcurrentMap<String, SessionSubscriptions> sessions = new ConcurrentHashMap<>();

	/** The open modern listen streams that subscribe to resources. */
	private final Set<StreamSubscriptions> streams = ConcurrentHashMap.newKeySet();

	ResourcesFeature(ResourceRegistry resources, ResourceTemplateRegistry templates, ResourceUpdates updates,
			McpFeature.Support support) {
		this.resources = resources;
		this.templates = templates;
		this.support = support;
		Runnable changed = () -> support.notifyListeners(McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED,
				LIST_CHANGED_FLAG);
		resources.addListener(changed);
		templates.addListener(changed);
		updates.addListener(this::updated);
	}

	/**
	 * The feature, for {@link McpServer}'s list of features.
	 * @param resources the published resources
	 * @param templates the published resource templates
	 * @param updates where the application says a resource changed
	 */
	public static McpFeature.Factory factory(ResourceRegistry resources, ResourceTemplateRegistry templates,
			ResourceUpdates updates) {
		return (support) -> new ResourcesFeature(resources, templates, updates, support);
	}

	@Override
	public String capability() {
		return "resources";
	}

	@Override
	public Map<String, Object> capabilityValue() {
		return CAPABILITY;
	}

	@Override
	public Set<String> methods() {
		return Set.of(McpMethods.RESOURCES_LIST, McpMethods.RESOURCES_TEMPLATES_LIST, McpMethods.RESOURCES_READ,
				McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE);
	}

	/** The modern era subscribes with {@code subscriptions/listen} instead. */
	@Override
	public Set<String> legacyOnlyMethods() {
		return Set.of(McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE);
	}

	@Override
	public Set<String> listenFlags() {
		return Set.of(LIST_CHANGED_FLAG);
	}

	/** The lists, and a resource's contents (the 2026-07-28 schema requires hints on a read). */
	@Override
	public boolean isCacheable(String method) {
		return McpMethods.RESOURCES_LIST.equals(method) || McpMethods.RESOURCES_TEMPLATES_LIST.equals(method)
				|| McpMethods.RESOURCES_READ.equals(method);
	}

	/**
	 * Contents are the endpoint's current answer, which a REST client would ask for again: immediately
	 * stale ({@code 0}), where the lists keep the server's time.
	 */
	@Override
	public @Nullable Long cacheTtlMillis(String method) {
		return McpMethods.RESOURCES_READ.equals(method) ? 0L : null;
	}

	@Override
	public @Nullable Object serve(JsonRpcMessage.Request request, McpRequestContext context) {
		return switch (request.method()) {
			case McpMethods.RESOURCES_LIST -> listResources(request.params(), context);
			case McpMethods.RESOURCES_TEMPLATES_LIST -> listTemplates(request.params(), context);
			case McpMethods.RESOURCES_READ -> read(request.params(), context);
			case McpMethods.RESOURCES_SUBSCRIBE -> subscribe(request.params(), context);
			case McpMethods.RESOURCES_UNSUBSCRIBE -> unsubscribe(request.params(), context);
			default -> throw new IllegalArgumentException("Not a resources method: " + request.method());
		};
	}

	ListResourcesResult listResources(@Nullable JsonNode params, McpRequestContext context) {
		ListPages.Page<Resource> page = ListPages.visible(this.resources, RegisteredResource::resource, params,
				context, this.support);
		return new ListResourcesResult(page.items(), page.nextCursor());
	}

	ListResourceTemplatesResult listTemplates(@Nullable JsonNode params, McpRequestContext context) {
		ListPages.Page<ResourceTemplate> page = ListPages.visible(this.templates, RegisteredResourceTemplate::template,
				params, context, this.support);
		return new ListResourceTemplatesResult(page.items(), page.nextCursor());
	}

	/** The contents, or an input-required result (modern era). */
	@Nullable Object read(@Nullable JsonNode params, McpRequestContext context) {
		String uri = requireUri(params, McpMethods.RESOURCES_READ);
		// Observed (metrics, traces, the audit log) under the published name it matched, a static
		// URI or a template, never the URI itself: a client cannot flood them with made-up URIs.
		Visible matched = visibleTarget(uri, context);
		ObjectNode arguments = JsonNodeFactory.instance.objectNode();
		if (matched != null) {
			matched.target().variables().forEach(arguments::put);
		}
		ToolCallContext call = new ToolCallContext(context, McpMethods.RESOURCES_READ,
				(matched != null) ? matched.target().offering().name() : null, arguments, null);
		return this.support.observer().observe(call, () -> {
			Target target = readable(uri, matched, context, call);
			ReadResourceResult result;
			try {
				result = target.reader().read(uri, target.variables(), context.boundTo(call));
				InputRequiredResult inputRequired = call.inputRequired();
				if (inputRequired != null) {
					return inputRequired;
				}
			}
			catch (InputRequiredException ex) {
				return ex.result();
			}
			if (result == null) {
				throw notFound(uri, context);
			}
			return result;
		});
	}

	/**
	 * Whether the caller may read that very URI: its resource is one it may see, and a read of it
	 * runs, through the application's URL rules for the concrete path and its method security on
	 * the actual values (such as {@code #owner == authentication.name}), which no check of the
	 * template alone can decide. So a subscription costs one read; no update reaches a caller that
	 * could not read what changed.
	 */
	private boolean readableNow(String uri, Target target, McpRequestContext context) {
		try {
			return target.reader().read(uri, target.variables(), context) != null;
		}
		catch (McpProtocolException ex) {
			return false;
		}
	}

	private Map<String, Object> subscribe(@Nullable JsonNode params, McpRequestContext context) {
		String uri = requireUri(params, McpMethods.RESOURCES_SUBSCRIBE);
		McpSession session = context.session();
		if (session == null) {
			throw new McpProtocolException(JsonRpcError.ErrorCodes.INVALID_REQUEST,
					"resources/subscribe needs a session, whose stream its updates go to; send initialize first");
		}
		Target readable = readable(uri, visibleTarget(uri, context), context, null);
		if (!readableNow(uri, readable, context)) {
			// As a read of it would be answered: the caller learns no more by subscribing.
			throw notFound(uri, context);
		}
		boolean[] created = new boolean[1];
		SessionSubscriptions subscriptions = this.sessions.computeIfAbsent(session.id(), (id) -> {
			created[0] = true;
			return new SessionSubscriptions(session);
		});
		if (created[0]) {
			// Once per session, after the put: a session that ended already runs it at once.
			this.support.liveSessions().onEnd(session, () -> this.sessions.remove(session.id(), subscriptions));
		}
		if (!subscriptions.add(uri)) {
			throw McpProtocolException.invalidParams("Too many subscriptions: a session subscribes to at most "
					+ McpLimits.MAX_RESOURCE_SUBSCRIPTIONS + " resources; unsubscribe from one first");
		}
		return EMPTY_RESULT;
	}

	private Map<String, Object> unsubscribe(@Nullable JsonNode params, McpRequestContext context) {
		String uri = requireUri(params, McpMethods.RESOURCES_UNSUBSCRIBE);
		McpSession session = context.session();
		SessionSubscriptions subscriptions = (session != null) ? this.sessions.get(session.id()) : null;
		if (subscriptions != null) {
			subscriptions.remove(uri);
		}
		// Unsubscribing from what one is not subscribed to leaves the same state: no error.
		return EMPTY_RESULT;
	}

	/**
	 * Reads {@code resourceSubscriptions} of a modern listen: the URIs the caller may read are
	 * honoured (and acknowledged); others are left out of the acknowledgement, as a server leaves out
	 * what it does not support, revealing no more than a read would.
	 */
	@Override
	public @Nullable Listening listen(JsonNode asked, McpRequestContext context, ObjectNode honoured) {
		JsonNode requested = asked.get(RESOURCE_SUBSCRIPTIONS);
		if (requested == null || requested.isNull()) {
			return null;
		}
		if (!requested.isArray()) {
			throw McpProtocolException.invalidParams("notifications." + RESOURCE_SUBSCRIPTIONS
					+ " must be an array of resource URIs");
		}
		if (requested.size() > McpLimits.MAX_RESOURCE_SUBSCRIPTIONS) {
			throw McpProtocolException.invalidParams("notifications." + RESOURCE_SUBSCRIPTIONS + " lists at most "
					+ McpLimits.MAX_RESOURCE_SUBSCRIPTIONS + " URIs, got " + requested.size());
		}
		Set<String> uris = new LinkedHashSet<>();
		for (JsonNode element : requested.values()) {
			if (!element.isString()) {
				throw McpProtocolException.invalidParams("notifications." + RESOURCE_SUBSCRIPTIONS
						+ " must be an array of resource URIs (strings)");
			}
			McpLimits.requireAtMost("notifications." + RESOURCE_SUBSCRIPTIONS + " URI", element.asString(),
					McpLimits.MAX_URI_LENGTH);
			Visible visible = visibleTarget(element.asString(), context);
			if (visible != null && visible.access().verdict() == AccessPolicy.Verdict.ALLOWED
					&& readableNow(element.asString(), visible.target(), context)) {
				uris.add(element.asString());
			}
		}
		if (uris.isEmpty()) {
			return null;
		}
		ArrayNode acknowledged = honoured.putArray(RESOURCE_SUBSCRIPTIONS);
		uris.forEach(acknowledged::add);
		return new StreamSubscriptions(uris);
	}

	/** Tells the subscribers of a URI that its resource changed. */
	void updated(String uri) {
		for (SessionSubscriptions subscriptions : this.sessions.values()) {
			if (subscriptions.contains(uri)) {
				this.support.liveSessions().outbound(subscriptions.session()).send(updatedNotification(uri));
			}
		}
		for (StreamSubscriptions subscriptions : this.streams) {
			subscriptions.send(uri);
		}
	}

	/** How many legacy sessions hold subscriptions, for tests. */
	int subscribedSessions() {
		return this.sessions.size();
	}

	private static JsonRpcMessage.Notification updatedNotification(String uri) {
		ObjectNode params = JsonNodeFactory.instance.objectNode();
		params.put("uri", uri);
		return new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_RESOURCES_UPDATED, params);
	}

	private static String requireUri(@Nullable JsonNode params, String method) {
		JsonNode uri = (params != null) ? params.get("uri") : null;
		if (uri == null || !uri.isString()) {
			throw McpProtocolException.invalidParams(method + " needs a string \"uri\"");
		}
		McpLimits.requireAtMost("uri", uri.asString(), McpLimits.MAX_URI_LENGTH);
		return uri.asString();
	}

	/**
	 * The published resource a URI names, which the caller may read.
	 * @param matched what {@link #visibleTarget} found for the URI
	 * @throws McpProtocolException not found (none it may see), or insufficient scope
	 */
	private Target readable(String uri, @Nullable Visible matched, McpRequestContext context,
			@Nullable ToolCallContext call) {
		if (matched == null) {
			// The same answer as for a URI nothing publishes: a hidden resource's existence is not revealed.
			throw notFound(uri, context);
		}
		if (call != null && matched.access().verdict() != AccessPolicy.Verdict.ALLOWED) {
			call.markDenied();
		}
		if (matched.access().verdict() == AccessPolicy.Verdict.INSUFFICIENT_SCOPE) {
			throw new InsufficientScopeException(matched.access().requiredScopes(), "resource");
		}
		return matched.target();
	}

	/**
	 * The resource a URI names for this caller: the exact one, else the first template that
	 * matches, passing over those the caller may not see, so that which answers a URI says
	 * nothing of what is hidden from it (a hidden exact resource does not stop a visible template
	 * from answering, as if it did not exist).
	 * @return the resource and the caller's access to it, or {@code null} when none it may see matches
	 */
	private @Nullable Visible visibleTarget(String uri, McpRequestContext context) {
		RegisteredResource resource = this.resources.find(uri);
		if (resource != null) {
			Visible visible = visible(new Target(resource, resource.reader(), Map.of()), context);
			if (visible != null) {
				return visible;
			}
		}
		for (RegisteredResourceTemplate template : this.templates.all()) {
			Map<String, String> variables = template.uriTemplate().match(uri);
			if (variables != null) {
				Visible visible = visible(new Target(template, template.reader(), variables), context);
				if (visible != null) {
					return visible;
				}
			}
		}
		return null;
	}

	private @Nullable Visible visible(Target target, McpRequestContext context) {
		AccessPolicy.Access access = this.support.accessPolicy().check(target.offering(), context);
		return (access.verdict() == AccessPolicy.Verdict.HIDDEN) ? null : new Visible(target, access);
	}

	/** A resource the caller may see, and its access to it. */
	private record Visible(Target target, AccessPolicy.Access access) {
	}

	/** Each revision's answer for a resource that does not exist, naming the URI. */
	static McpProtocolException notFound(String uri, McpRequestContext context) {
		int code = (context.meta() != null) ? JsonRpcError.ErrorCodes.INVALID_PARAMS
				: JsonRpcError.ErrorCodes.RESOURCE_NOT_FOUND;
		return new McpProtocolException(new JsonRpcError(code, "Resource not found", Map.of("uri", uri)));
	}

	private record Target(Offering offering, ResourceReader reader, Map<String, String> variables) {
	}

	/** The URIs one legacy session subscribed to. */
	private static final class SessionSubscriptions {

		private final McpSession session;

		private final Set<String> uris = ConcurrentHashMap.newKeySet();

		SessionSubscriptions(McpSession session) {
			this.session = session;
		}

		McpSession session() {
			return this.session;
		}

		/** Adds a URI, unless the session holds as many as it may; subscribing twice is once. */
		synchronized boolean add(String uri) {
			if (this.uris.contains(uri)) {
				return true;
			}
			if (this.uris.size() >= McpLimits.MAX_RESOURCE_SUBSCRIPTIONS) {
				return false;
			}
			this.uris.add(uri);
			return true;
		}

		void remove(String uri) {
			this.uris.remove(uri);
		}

		boolean contains(String uri) {
			return this.uris.contains(uri);
		}

	}

	/** The URIs one modern listen stream subscribed to, and the stream, once started. */
	private final class StreamSubscriptions implements Listening {

		private final Set<String> uris;

		private @Nullable McpMessageSink stream;

		private boolean stopped;

		StreamSubscriptions(Set<String> uris) {
			this.uris = Set.copyOf(uris);
		}

		@Override
		public synchronized void start(McpMessageSink stream) {
			if (!this.stopped) {
				this.stream = stream;
				ResourcesFeature.this.streams.add(this);
			}
		}

		@Override
		public synchronized void stop() {
			this.stopped = true;
			ResourcesFeature.this.streams.remove(this);
		}

		void send(String uri) {
			McpMessageSink sink;
			synchronized (this) {
				sink = this.stopped ? null : this.stream;
			}
			if (sink != null && this.uris.contains(uri)) {
				sink.send(updatedNotification(uri));
			}
		}

	}

}
