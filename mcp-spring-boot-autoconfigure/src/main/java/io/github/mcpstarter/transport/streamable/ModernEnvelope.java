package io.github.mcpstarter.transport.streamable;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.protocol.JsonRpcError;
import io.github.mcpstarter.protocol.JsonRpcMessage;
import io.github.mcpstarter.protocol.McpMethods;
import io.github.mcpstarter.protocol.RegisteredTool;
import io.github.mcpstarter.protocol.RequestMeta;
import io.github.mcpstarter.protocol.ToolRegistry;
import io.github.mcpstarter.transport.McpHttpHeaders;

/**
 * The headers a modern (2026-07-28) request repeats from its body, checked against it: a proxy or
 * gateway routes and authorizes on the headers, so they must say what the body says.
 *
 * <ul>
 * <li>{@code MCP-Protocol-Version}: the {@code _meta} version; {@code Mcp-Method}: the method;
 * {@code Mcp-Name}: the tool or prompt name, or resource URI, of {@code tools/call},
 * {@code prompts/get} and {@code resources/read}.</li>
 * <li>{@code Mcp-Param-{Name}}: each argument the tool's input schema marks with
 * {@code x-mcp-header}, when the call gives it a value.</li>
 * <li>A value outside visible ASCII travels as {@code =?base64?...?=} (UTF-8, padded base64).</li>
 * </ul>
 * Anything missing, malformed or different is {@code -32020}.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http">Request metadata</a>
 */
final class ModernEnvelope {

	private static final String ENCODED_PREFIX = "=?base64?";

	private static final String ENCODED_SUFFIX = "?=";

	/** The schema keyword that marks an argument to repeat in a header. */
	static final String X_MCP_HEADER = "x-mcp-header";

	private ModernEnvelope() {
	}

	/**
	 * @return the mismatch, or {@code null} when the headers agree with the request
	 */
	static @Nullable JsonRpcError check(HttpServletRequest http, JsonRpcMessage.Request request, RequestMeta meta,
			ToolRegistry tools, Predicate<RegisteredTool> visible) {
		JsonRpcError repeated = repeated(http, McpHttpHeaders.PROTOCOL_VERSION, McpHttpHeaders.METHOD,
				McpHttpHeaders.NAME);
		if (repeated != null) {
			return repeated;
		}
		String version = http.getHeader(McpHttpHeaders.PROTOCOL_VERSION);
		if (version == null) {
			return mismatch("the " + McpHttpHeaders.PROTOCOL_VERSION + " header is required");
		}
		if (!version.strip().equals(meta.protocolVersion())) {
			return mismatch(McpHttpHeaders.PROTOCOL_VERSION + " header value '" + shown(version)
					+ "' does not match _meta protocol version '" + shown(meta.protocolVersion()) + "'");
		}
		String method = http.getHeader(McpHttpHeaders.METHOD);
		if (method == null) {
			return mismatch("the " + McpHttpHeaders.METHOD + " header is required");
		}
		if (!method.strip().equals(request.method())) {
			return mismatch(McpHttpHeaders.METHOD + " header value '" + shown(method) + "' does not match body method '"
					+ shown(request.method()) + "'");
		}
		String nameField = nameField(request.method());
		if (nameField == null) {
			return null;
		}
		JsonNode params = request.params();
		JsonNode bodyName = (params != null) ? params.get(nameField) : null;
		String header = http.getHeader(McpHttpHeaders.NAME);
		if (header == null) {
			return mismatch("the " + McpHttpHeaders.NAME + " header is required for " + request.method());
		}
		String name = decode(header);
		if (name == null) {
			return mismatch(McpHttpHeaders.NAME + " header value is not valid");
		}
		if (bodyName == null || !bodyName.isString() || !name.equals(bodyName.asString())) {
			return mismatch(McpHttpHeaders.NAME + " header value '" + shown(name) + "' does not match body value '"
					+ ((bodyName != null && bodyName.isString()) ? shown(bodyName.asString()) : "") + "'");
		}
		if (McpMethods.TOOLS_CALL.equals(request.method())) {
			RegisteredTool tool = tools.find(name);
			// A tool the caller may not see is refused later as unknown: a mismatch here would reveal it.
			if (tool != null && hasHeaderArguments(tool) && visible.test(tool)) {
				return checkParams(http, tool, params.get("arguments"));
			}
		}
		return null;
	}

	/**
	 * A header sent more than once: a proxy that reads the last where this server reads the first
	 * would route on a value the server never checked, so neither is taken.
	 */
	private static @Nullable JsonRpcError repeated(HttpServletRequest http, String... names) {
		for (String name : names) {
			java.util.Enumeration<String> values = http.getHeaders(name);
			if (values != null && values.hasMoreElements()) {
				values.nextElement();
				if (values.hasMoreElements()) {
					return mismatch("the " + name + " header must be sent once");
				}
			}
		}
		return null;
	}

	private static @Nullable String nameField(String method) {
		return switch (method) {
			case McpMethods.TOOLS_CALL, "prompts/get" -> "name";
			case "resources/read" -> "uri";
			default -> null;
		};
	}

	private static boolean hasHeaderArguments(RegisteredTool tool) {
		for (Map.Entry<String, JsonNode> property : tool.tool().inputSchema().path("properties").properties()) {
			if (property.getValue().has(X_MCP_HEADER)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Each argument marked {@code x-mcp-header} that has a value must be repeated, exactly; a
	 * header for one that has none, or with invalid characters, does not match the body either.
	 */
	private static @Nullable JsonRpcError checkParams(HttpServletRequest http, RegisteredTool tool,
			@Nullable JsonNode arguments) {
		JsonNode properties = tool.tool().inputSchema().path("properties");
		for (Map.Entry<String, JsonNode> property : properties.properties()) {
			JsonNode headerName = property.getValue().get(X_MCP_HEADER);
			if (headerName == null || !headerName.isString()) {
				continue;
			}
			String header = McpHttpHeaders.PARAM_PREFIX + headerName.asString();
			JsonNode value = (arguments != null) ? arguments.get(property.getKey()) : null;
			JsonRpcError twice = repeated(http, header);
			if (twice != null) {
				return twice;
			}
			String sent = http.getHeader(header);
			boolean hasValue = value != null && !value.isNull();
			if (!hasValue && sent == null) {
				continue;
			}
			if (sent == null) {
				return mismatch("the " + header + " header is required: it repeats the argument '" + property.getKey() + "'");
			}
			// A recognised header is checked even when the argument has no value: a gateway may act on it.
			String decoded = decode(sent);
			if (decoded == null) {
				return mismatch(header + " header value is not valid: send visible ASCII or =?base64?...?=");
			}
			if (!hasValue) {
				return mismatch(header + " header value '" + shown(decoded) + "' does not match the argument '"
						+ property.getKey() + "', which has no value");
			}
			if (!sameValue(decoded, value)) {
				return mismatch(header + " header value '" + shown(decoded) + "' does not match the argument '"
						+ property.getKey() + "'");
			}
		}
		return null;
	}

	private static boolean sameValue(String header, JsonNode value) {
		if (value.isString()) {
			return header.equals(value.asString());
		}
		if (value.isBoolean()) {
			return header.equals(value.asBoolean() ? "true" : "false");
		}
		if (value.isNumber()) {
			try {
				return new java.math.BigDecimal(header).compareTo(value.decimalValue()) == 0;
			}
			catch (NumberFormatException ex) {
				return false;
			}
		}
		return false;
	}

	/**
	 * A header's value: plain visible ASCII (surrounding whitespace dropped, as HTTP does), or the
	 * UTF-8 text of a {@code =?base64?...?=} value; {@code null} when it is neither.
	 */
	static @Nullable String decode(String header) {
		String value = header.strip();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 || c > 0x7E) && c != '\t') {
				return null;
			}
		}
		if (!value.startsWith(ENCODED_PREFIX) || !value.endsWith(ENCODED_SUFFIX)
				|| value.length() < ENCODED_PREFIX.length() + ENCODED_SUFFIX.length()) {
			return value;
		}
		String encoded = value.substring(ENCODED_PREFIX.length(), value.length() - ENCODED_SUFFIX.length());
		if (encoded.length() % 4 != 0) {
			return null;
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(encoded);
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			return null;
		}
	}

	/** A value shown in an error, shortened: a client's header must not make a large answer. */
	private static String shown(String value) {
		return (value.length() > 64) ? value.substring(0, 64) + "..." : value;
	}

	private static JsonRpcError mismatch(String detail) {
		return new JsonRpcError(JsonRpcError.ErrorCodes.HEADER_MISMATCH, "Header mismatch: " + detail);
	}

}
