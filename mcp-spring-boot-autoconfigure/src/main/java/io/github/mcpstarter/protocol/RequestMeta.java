package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a modern-era request says of itself in {@code params._meta}: its protocol version, the
 * client's capabilities and, optionally, who the client is and which log messages it wants.
 *
 * <p>It is authoritative for that one request: nothing is carried over from an earlier one.
 *
 * @param protocolVersion the version the request speaks
 * @param clientCapabilities what the client can do for this request ({@code {}} for nothing)
 * @param clientInfo the client's name and version, or {@code null}
 * @param logLevel the least severe log message the client wants, or {@code null} for none at all
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic#meta">Request _meta</a>
 */
public record RequestMeta(String protocolVersion, JsonNode clientCapabilities, @Nullable Implementation clientInfo,
		@Nullable LoggingLevel logLevel) {

	public static final String PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

	public static final String CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

	public static final String CLIENT_INFO = "io.modelcontextprotocol/clientInfo";

	public static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";

	/** The key of the server's name and version in a result's {@code _meta}. */
	public static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";

	/** The key naming the {@code subscriptions/listen} request a notification belongs to. */
	public static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

	/**
	 * Whether the parameters carry a modern {@code _meta}: the mark of a modern-era request.
	 * @param params the request's parameters, or {@code null}
	 */
	public static boolean isPresent(@Nullable JsonNode params) {
		return params != null && params.path("_meta").has(PROTOCOL_VERSION);
	}

	/**
	 * Reads and checks a modern request's {@code _meta}.
	 * @param params the request's parameters, or {@code null}
	 * @return what the request says of itself
	 * @throws McpProtocolException {@code -32602} when a required field is missing or malformed
	 */
	public static RequestMeta read(@Nullable JsonNode params) {
		JsonNode meta = (params != null) ? params.get("_meta") : null;
		if (meta == null || !meta.isObject()) {
			throw McpProtocolException.invalidParams("Invalid params: every request needs params._meta with \""
					+ PROTOCOL_VERSION + "\" and \"" + CLIENT_CAPABILITIES + "\"");
		}
		JsonNode version = meta.get(PROTOCOL_VERSION);
		if (version == null || !version.isString() || version.asString().isEmpty()) {
			throw McpProtocolException.invalidParams("Invalid params: _meta needs a string \"" + PROTOCOL_VERSION + "\"");
		}
		McpLimits.requireAtMost("_meta." + PROTOCOL_VERSION, version.asString(), McpLimits.MAX_PROTOCOL_VERSION_LENGTH);
		JsonNode capabilities = meta.get(CLIENT_CAPABILITIES);
		if (capabilities == null || !capabilities.isObject()) {
			throw McpProtocolException.invalidParams(
					"Invalid params: _meta needs an object \"" + CLIENT_CAPABILITIES + "\" ({} for none)");
		}
		McpLimits.requireSmallCapabilities(capabilities);
		JsonNode info = meta.get(CLIENT_INFO);
		if (info != null && !info.isNull() && !info.isObject()) {
			throw McpProtocolException.invalidParams("Invalid params: _meta \"" + CLIENT_INFO + "\" must be an object");
		}
		LoggingLevel logLevel = null;
		JsonNode level = meta.get(LOG_LEVEL);
		if (level != null && !level.isNull()) {
			logLevel = LoggingLevel.fromWireName(level.isString() ? level.asString() : null);
			if (logLevel == null) {
				throw McpProtocolException.invalidParams("Invalid params: _meta \"" + LOG_LEVEL
						+ "\" must be one of debug, info, notice, warning, error, critical, alert, emergency");
			}
		}
		return new RequestMeta(version.asString(), capabilities, McpLimits.clientInfo(info), logLevel);
	}

	/** Whether the client declared a capability for this request, such as {@code sampling}. */
	public boolean declares(String capability) {
		JsonNode declared = this.clientCapabilities.get(capability);
		return declared != null && declared.isObject();
	}

}
