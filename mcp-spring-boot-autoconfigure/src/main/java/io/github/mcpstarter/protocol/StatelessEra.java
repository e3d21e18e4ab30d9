package io.github.mcpstarter.protocol;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The modern era (2026-07-28): no {@code initialize} and no session. Every request names its
 * version and the client's capabilities in its own {@code _meta}, and is served from that and its
 * authorization alone.
 *
 * <p>A request is checked in the order the specification's conformance suite expects: its
 * {@code _meta} ({@code -32602}), what the transport's envelope repeats of it ({@code -32020}), its
 * version ({@code -32022}), its method ({@code -32601}).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">Versioning</a>
 */
final class StatelessEra implements ProtocolEra {

	/** Methods only this era has: a request for one belongs here even without its {@code _meta}. */
	private static final Set<String> OWN_METHODS = Set.of(McpMethods.SERVER_DISCOVER, McpMethods.SUBSCRIPTIONS_LISTEN);

	private final McpServer server;

	StatelessEra(McpServer server) {
		this.server = server;
	}

	@Override
	public List<String> versions() {
		return ProtocolVersions.MODERN;
	}

	/**
	 * A message that names no session, on a transport that serves this era, and that opens as this
	 * era's requests do: with the modern {@code _meta}, a modern version in the envelope, or a method
	 * only this era has. An {@code initialize} with the modern {@code _meta} is this era's too (and
	 * unknown here), as the specification has it.
	 */
	@Override
	public boolean claims(JsonRpcMessage message, McpExchange exchange) {
		if (exchange.session() != null || !servesThisEra(exchange)) {
			return false;
		}
		if (message instanceof JsonRpcMessage.Request request) {
			return RequestMeta.isPresent(request.params()) || ProtocolVersions.isModern(exchange.declaredVersion())
					|| OWN_METHODS.contains(request.method());
		}
		if (message instanceof JsonRpcMessage.Notification notification) {
			return RequestMeta.isPresent(notification.params()) || ProtocolVersions.isModern(exchange.declaredVersion());
		}
		return false;
	}

	private boolean servesThisEra(McpExchange exchange) {
		for (String version : exchange.versions()) {
			if (versions().contains(version)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public McpReply serve(JsonRpcMessage message, McpExchange exchange) {
		if (!(message instanceof JsonRpcMessage.Request request)) {
			// No client notification is defined over HTTP in this era; one is taken and has no effect.
			return new McpReply(null, McpReply.Status.ACCEPTED, null);
		}
		RequestMeta meta;
		try {
			meta = RequestMeta.read(request.params());
		}
		catch (McpProtocolException ex) {
			return McpReply.refused(McpReply.Status.MALFORMED, JsonRpcMessage.Response.error(request.id(), ex.getError()));
		}
		McpRequestContext context = new McpRequestContext(null, meta.protocolVersion(), exchange.transport(),
				exchange.notifications(), meta);
		JsonRpcError envelope = exchange.checkEnvelope(request, meta, (tool) -> this.server.isVisible(tool, context));
		if (envelope != null) {
			return McpReply.refused(McpReply.Status.MALFORMED, JsonRpcMessage.Response.error(request.id(), envelope));
		}
		if (!versions().contains(meta.protocolVersion()) || !exchange.versions().contains(meta.protocolVersion())) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("supported", exchange.versions());
			data.put("requested", meta.protocolVersion());
			return McpReply.refused(McpReply.Status.MALFORMED, JsonRpcMessage.Response.error(request.id(),
					new JsonRpcError(JsonRpcError.ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
							"Unsupported protocol version '" + meta.protocolVersion() + "'; supported: "
									+ String.join(", ", exchange.versions()),
							data)));
		}
		try {
			return switch (request.method()) {
				case McpMethods.SERVER_DISCOVER -> answer(request, discover(exchange), this.server.cacheTtlMillis(),
						ModernResult.PUBLIC);
				case McpMethods.SUBSCRIPTIONS_LISTEN -> listen(request, exchange, context);
				default -> (modernFeature(request.method()) != null)
						? featureAnswer(request, modernFeature(request.method()), withInput(request, meta, context, exchange))
						: McpReply.refused(McpReply.Status.UNKNOWN_METHOD, JsonRpcMessage.Response.error(request.id(),
						new JsonRpcError(JsonRpcError.ErrorCodes.METHOD_NOT_FOUND, "Method not found: "
								+ request.method())));
			};
		}
		catch (McpProtocolException ex) {
			// A missing client capability is the request's fault, as a malformed one is (HTTP 400).
			return (ex.getError().code() == JsonRpcError.ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY)
					? McpReply.refused(McpReply.Status.MALFORMED, this.server.refusal(request, ex))
					: McpReply.answered(this.server.refusal(request, ex), null);
		}
		catch (McpExchange.TransportRefusedException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			return McpReply.answered(this.server.failure(request, ex), null);
		}
	}

	/**
	 * The context of a request that may end with an input-required result, with its round-trip
	 * inputs: its {@code inputResponses} and {@code requestState} are checked here, before anything
	 * runs. Every other request ignores them.
	 */
	private McpRequestContext withInput(JsonRpcMessage.Request request, RequestMeta meta, McpRequestContext context,
			McpExchange exchange) {
		if (!RoundTripInputs.METHODS.contains(request.method())) {
			return context;
		}
		RoundTripInputs inputs = RoundTripInputs.read(request, meta, () -> exchange.transport().caller(),
				this.server.inputSettings().requestStates());
		return new McpRequestContext(null, context.protocolVersion(), context.transport(), context.notifications(), meta,
				inputs);
	}

	private McpReply answer(JsonRpcMessage.Request request, Object result, @Nullable Long ttlMs,
			@Nullable String cacheScope) {
		return McpReply.answered(JsonRpcMessage.Response.result(request.id(),
				new ModernResult(result, ttlMs, cacheScope, this.server.serverInfo())), null);
	}

	/** The feature that answers a method in this era, or {@code null}. */
	private @Nullable McpFeature modernFeature(String method) {
		McpFeature feature = this.server.feature(method);
		return (feature != null && !feature.legacyOnlyMethods().contains(method)) ? feature : null;
	}

	private McpReply featureAnswer(JsonRpcMessage.Request request, McpFeature feature, McpRequestContext context) {
		Object result = feature.serve(request, context);
		if (result == null) {
			return new McpReply(null, McpReply.Status.CANCELLED, null);
		}
		Long ttlMillis = feature.cacheTtlMillis(request.method());
		return feature.isCacheable(request.method())
				? answer(request, result, (ttlMillis != null) ? ttlMillis : this.server.cacheTtlMillis(),
						this.server.listCacheScope())
				: answer(request, result, null, null);
	}

	private Map<String, Object> discover(McpExchange exchange) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("supportedVersions", exchange.versions());
		result.put("capabilities", this.server.capabilities());
		if (this.server.instructions() != null) {
			result.put("instructions", this.server.instructions());
		}
		return result;
	}

	/**
	 * Opens a {@code subscriptions/listen} stream: its first message acknowledges the notifications
	 * this server will send (of those asked for, the changes its features tell), and every later one names
	 * the listen request.
	 */
	private McpReply listen(JsonRpcMessage.Request request, McpExchange exchange, McpRequestContext context) {
		JsonNode asked = (request.params() != null) ? request.params().get("notifications") : null;
		if (asked == null || !asked.isObject()) {
			throw McpProtocolException.invalidParams("subscriptions/listen needs an object \"notifications\"");
		}
		Set<String> flags = new LinkedHashSet<>();
		for (String flag : this.server.listenFlags()) {
			if (asked.path(flag).asBoolean(false)) {
				flags.add(flag);
			}
		}
		ObjectNode params = JsonNodeFactory.instance.objectNode();
		params.putObject("_meta").putPOJO(RequestMeta.SUBSCRIPTION_ID, request.id());
		ObjectNode honoured = params.putObject("notifications");
		flags.forEach((flag) -> honoured.put(flag, true));
		// Features read their part of the filter before any stream opens: a malformed one is an error.
		List<McpFeature.Listening> listenings = new java.util.ArrayList<>();
		for (McpFeature feature : this.server.features()) {
			McpFeature.Listening listening = feature.listen(asked, context, honoured);
			if (listening != null) {
				listenings.add(listening);
			}
		}
		Listener listener = new Listener();
		McpMessageSink stream = exchange.openStream(listener::closed);
		if (stream == null) {
			listenings.forEach(McpFeature.Listening::stop);
			return McpReply.refused(McpReply.Status.UNKNOWN_METHOD, JsonRpcMessage.Response.error(request.id(),
					new JsonRpcError(JsonRpcError.ErrorCodes.METHOD_NOT_FOUND,
							"Method not found: this transport offers no streams")));
		}
		// The acknowledgement goes first, so that no change can overtake it on the stream.
		stream.send(new JsonRpcMessage.Notification(McpMethods.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED, params));
		if (!flags.isEmpty()) {
			listener.attach(this.server.subscribe(request.id(), stream, flags));
		}
		if (!listenings.isEmpty()) {
			listener.attach(listenings, tagged(stream, request.id()));
		}
		return new McpReply(null, McpReply.Status.STREAMING, null);
	}

	/** The stream as a feature sends on it: each notification names the listen request. */
	private static McpMessageSink tagged(McpMessageSink stream, Object subscriptionId) {
		return (message) -> {
			if (!(message instanceof JsonRpcMessage.Notification notification)) {
				return stream.send(message);
			}
			ObjectNode params = (notification.params() instanceof ObjectNode object) ? object.deepCopy()
					: JsonNodeFactory.instance.objectNode();
			params.putObject("_meta").putPOJO(RequestMeta.SUBSCRIPTION_ID, subscriptionId);
			return stream.send(new JsonRpcMessage.Notification(notification.method(), params));
		};
	}

	/** Ties a listen stream to its subscription, whichever of the two ends first. */
	private final class Listener {

		private McpServer.@Nullable Subscription subscription;

		private boolean closed;

		private List<McpFeature.Listening> listenings = List.of();

		void attach(McpServer.Subscription subscription) {
			boolean alreadyClosed;
			synchronized (this) {
				this.subscription = subscription;
				alreadyClosed = this.closed;
			}
			if (alreadyClosed) {
				StatelessEra.this.server.unsubscribe(subscription);
			}
		}

		/**
		 * Starts the features' parts of the stream, or stops them when it is already closed. A
		 * close during the start stops them too, and a {@link McpFeature.Listening} ignores a start
		 * after its stop.
		 */
		void attach(List<McpFeature.Listening> listenings, McpMessageSink stream) {
			boolean alreadyClosed;
			synchronized (this) {
				alreadyClosed = this.closed;
				if (!alreadyClosed) {
					this.listenings = listenings;
				}
			}
			if (alreadyClosed) {
				listenings.forEach(McpFeature.Listening::stop);
			}
			else {
				listenings.forEach((listening) -> listening.start(stream));
			}
		}

		void closed() {
			McpServer.Subscription attached;
			List<McpFeature.Listening> toStop;
			synchronized (this) {
				this.closed = true;
				attached = this.subscription;
				toStop = this.listenings;
				this.listenings = List.of();
			}
			if (attached != null) {
				StatelessEra.this.server.unsubscribe(attached);
			}
			toStop.forEach(McpFeature.Listening::stop);
		}

	}

}
