package io.github.mcpstarter.protocol;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The legacy era (2025-11-25 and before): a client negotiates a version with {@code initialize},
 * which opens a session, and every later message names that session. A transport in stateless mode
 * serves these messages without a session.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle">Lifecycle</a>
 */
final class SessionEra implements ProtocolEra {

	private final McpServer server;

	SessionEra(McpServer server) {
		this.server = server;
	}

	@Override
	public List<String> versions() {
		return ProtocolVersions.SUPPORTED;
	}

	/** Whatever no newer era claims. */
	@Override
	public boolean claims(JsonRpcMessage message, McpExchange exchange) {
		return true;
	}

	@Override
	public McpReply serve(JsonRpcMessage message, McpExchange exchange) {
		if (message instanceof JsonRpcMessage.Request request && McpMethods.INITIALIZE.equals(request.method())) {
			return initialize(request, exchange);
		}
		McpSession session = exchange.session();
		if (session == null && !exchange.servesLegacyWithoutSession()) {
			return McpReply.refused(McpReply.Status.SESSION_REQUIRED, JsonRpcMessage.Response.error(JsonRpcMessage.idOf(message),
					new JsonRpcError(JsonRpcError.ErrorCodes.TRANSPORT_ERROR, "A session is required; send initialize first")));
		}
		String version = version(session, exchange);
		if (version == null) {
			return McpReply.refused(McpReply.Status.MALFORMED, JsonRpcMessage.Response.error(JsonRpcMessage.idOf(message),
					new JsonRpcError(JsonRpcError.ErrorCodes.TRANSPORT_ERROR, "Unsupported protocol version '"
							+ exchange.declaredVersion() + "'; supported: " + String.join(", ", exchange.versions()))));
		}
		McpRequestContext context = new McpRequestContext(session, version, exchange.transport(),
				exchange.notifications(), null, (session != null) ? sessionInput(session, exchange) : InputSource.NONE);
		if (message instanceof JsonRpcMessage.Request request) {
			JsonRpcMessage.Response answer = this.server.handle(request, context);
			return (answer != null) ? McpReply.answered(answer, session)
					: new McpReply(null, McpReply.Status.CANCELLED, session);
		}
		if (message instanceof JsonRpcMessage.Notification notification) {
			this.server.handle(notification, context);
		}
		else if (message instanceof JsonRpcMessage.Response response) {
			this.server.handle(response, context);
		}
		return new McpReply(null, McpReply.Status.ACCEPTED, session);
	}

	/** How the calls of a request in a session ask its client; made only for a call that asks. */
	private InputSource sessionInput(McpSession session, McpExchange exchange) {
		return (call) -> this.server.sessionInput(session, exchange.notifications()).forCall(call);
	}

	/**
	 * The version a request speaks: its session's, else the one the transport's envelope names,
	 * else the default for a request that names none; {@code null} when the envelope names one the
	 * transport does not serve. (The envelope is not checked against the session's version: some
	 * clients send their latest there.)
	 */
	private static @Nullable String version(@Nullable McpSession session, McpExchange exchange) {
		String declared = exchange.declaredVersion();
		if (declared != null && !exchange.versions().contains(declared)) {
			return null;
		}
		if (session != null) {
			return session.protocolVersion();
		}
		return (declared != null && !ProtocolVersions.isModern(declared)) ? declared
				: ProtocolVersions.DEFAULT_WITHOUT_HEADER;
	}

	private McpReply initialize(JsonRpcMessage.Request request, McpExchange exchange) {
		try {
			JsonNode params = request.params();
			if (params == null) {
				throw McpProtocolException.invalidParams("initialize needs params with a protocolVersion");
			}
			JsonNode requested = params.get("protocolVersion");
			if (requested == null || !requested.isString()) {
				throw McpProtocolException.invalidParams("initialize needs a string protocolVersion");
			}
			McpLimits.requireAtMost("protocolVersion", requested.asString(), McpLimits.MAX_PROTOCOL_VERSION_LENGTH);
			McpLimits.requireSmallCapabilities(params.get("capabilities"));
			String version = ProtocolVersions.negotiate(requested.asString(), exchange.versions());
			Implementation clientInfo = McpLimits.clientInfo(params.get("clientInfo"));
			McpSession session = exchange.openSession(version, clientInfo);
			if (session != null) {
				// What the server may ask the client (elicitation, sampling, roots) depends on them.
				session.setClientCapabilities(params.get("capabilities"));
			}
			InitializeResult result = new InitializeResult(version, this.server.capabilities(),
					this.server.serverInfo(), this.server.instructions());
			return McpReply.answered(JsonRpcMessage.Response.result(request.id(), result), session);
		}
		catch (McpSessionStore.SessionLimitExceededException | McpSessionStore.SessionQuotaExceededException
				| McpSessionStore.SessionStoreUnavailableException ex) {
			// The transport's to answer: 429, 503.
			throw ex;
		}
		catch (McpProtocolException ex) {
			return McpReply.answered(JsonRpcMessage.Response.error(request.id(), ex.getError()), null);
		}
	}

}
