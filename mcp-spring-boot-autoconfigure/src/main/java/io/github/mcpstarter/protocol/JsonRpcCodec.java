package io.github.mcpstarter.protocol;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.util.StreamUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON-RPC messages from bytes and writes responses, with MCP's rules: one message per body
 * (no batches since 2025-06-18), ids that are strings or integers and never {@code null}.
 *
 * <p>It uses its own {@link JsonMapper}, not the application's, so that an application's naming
 * strategy or inclusion rules can never change the protocol's wire format.
 */
public class JsonRpcCodec {

	private final JsonMapper mapper;

	public JsonRpcCodec() {
		this(JsonMapper.builder().build());
	}

	public JsonRpcCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** The mapper this codec writes with, for callers that build protocol JSON themselves. */
	public JsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * Reads one message.
	 * @param body the UTF-8 JSON body
	 * @return the message
	 * @throws InvalidMessageException with a parse error (-32700) or an invalid request (-32600)
	 */
	public JsonRpcMessage read(byte[] body) {
		if (!isUtf8(body)) {
			throw new InvalidMessageException(null, JsonRpcError.ErrorCodes.PARSE_ERROR,
					"Parse error: the body must be UTF-8 JSON");
		}
		JsonNode root;
		try {
			// A repeated key would be read last-one-wins here and maybe first-one-wins by a proxy in
			// front: refused, so that every reader sees the same message.
			root = this.mapper.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidMessageException(null, JsonRpcError.ErrorCodes.PARSE_ERROR, "Parse error: not valid JSON");
		}
		if (root == null || root.isMissingNode()) {
			throw new InvalidMessageException(null, JsonRpcError.ErrorCodes.PARSE_ERROR, "Parse error: empty body");
		}
		if (root.isArray()) {
			throw new InvalidMessageException(null, JsonRpcError.ErrorCodes.INVALID_REQUEST,
					"Invalid request: JSON-RPC batches are not supported; send one message per request");
		}
		if (!root.isObject()) {
			throw new InvalidMessageException(null, JsonRpcError.ErrorCodes.INVALID_REQUEST,
					"Invalid request: a JSON-RPC message must be a JSON object");
		}
		JsonNode idNode = root.get("id");
		Object id = readableId(idNode);
		JsonNode version = root.get("jsonrpc");
		if (version == null || !JsonRpcMessage.VERSION.equals(version.asString(null))) {
			throw new InvalidMessageException(id, JsonRpcError.ErrorCodes.INVALID_REQUEST,
					"Invalid request: \"jsonrpc\" must be \"2.0\"");
		}
		JsonNode method = root.get("method");
		JsonNode params = root.get("params");
		if (params != null && !params.isObject()) {
			if (params.isNull()) {
				params = null;
			}
			else {
				throw new InvalidMessageException(id, JsonRpcError.ErrorCodes.INVALID_REQUEST,
						"Invalid request: \"params\" must be an object");
			}
		}
		if (method != null) {
			if (!method.isString() || method.asString().isEmpty()) {
				throw new InvalidMessageException(id, JsonRpcError.ErrorCodes.INVALID_REQUEST,
						"Invalid request: \"method\" must be a non-empty string");
			}
			if (idNode == null) {
				return new JsonRpcMessage.Notification(method.asString(), params);
			}
			if (id == null) {
				throw new InvalidMessageException(null, JsonRpcError.ErrorCodes.INVALID_REQUEST,
						"Invalid request: \"id\" must be a string or an integer, never null");
			}
			return new JsonRpcMessage.Request(id, method.asString(), params);
		}
		JsonNode error = root.get("error");
		if (error != null && !error.isNull()) {
			// JSON-RPC allows a null id in an error about a request whose id could not be read.
			if (idNode != null && !idNode.isNull() && id == null) {
				throw new InvalidMessageException(null, JsonRpcError.ErrorCodes.INVALID_REQUEST,
						"Invalid request: \"id\" must be a string or an integer");
			}
			if (!error.isObject() || !error.path("code").isIntegralNumber() || !error.path("message").isString()) {
				throw new InvalidMessageException(id, JsonRpcError.ErrorCodes.INVALID_REQUEST,
						"Invalid request: \"error\" must be an object with an integer \"code\" and a string \"message\"");
			}
			return new JsonRpcMessage.Response(id, null,
					new JsonRpcError(error.path("code").asInt(), error.path("message").asString(), error.get("data")));
		}
		if (id != null && root.has("result")) {
			return new JsonRpcMessage.Response(id, root.get("result"), null);
		}
		throw new InvalidMessageException(id, JsonRpcError.ErrorCodes.INVALID_REQUEST,
				"Invalid request: a message needs a \"method\" (request, notification) or a \"result\" or \"error\" (response)");
	}

	/**
	 * Whether the bytes are UTF-8, the only encoding of MCP's messages. The parser would otherwise
	 * detect UTF-16 and UTF-32 on its own, and take Latin-1 bytes in strings as it finds them.
	 */
	private static boolean isUtf8(byte[] body) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(body);
		// Decoded in small pieces: only validity matters, not the text.
		CharBuffer out = CharBuffer.allocate(4096);
		while (true) {
			CoderResult result = decoder.decode(in, out, true);
			if (result.isError()) {
				return false;
			}
			if (result.isUnderflow()) {
				break;
			}
			out.clear();
		}
		// UTF-16 of ASCII text is valid UTF-8 byte by byte, with NULs between: JSON has no raw NUL.
		for (byte b : body) {
			if (b == 0) {
				return false;
			}
		}
		return true;
	}

	private static @Nullable Object readableId(@Nullable JsonNode id) {
		if (id == null) {
			return null;
		}
		if (id.isString()) {
			return id.asString();
		}
		if (id.isIntegralNumber()) {
			return id.canConvertToLong() ? (Object) id.asLong() : id.bigIntegerValue();
		}
		return null;
	}

	/**
	 * Writes a message as one JSON object, on one line.
	 * @param message the response, notification or request
	 * @param out where to write; left open
	 */
	public void write(JsonRpcMessage message, OutputStream out) {
		// Closing the generator must not close the servlet's stream: an SSE event continues after the JSON.
		try (JsonGenerator generator = this.mapper.createGenerator(StreamUtils.nonClosing(out))) {
			generator.writeStartObject();
			generator.writeStringProperty("jsonrpc", JsonRpcMessage.VERSION);
			if (message instanceof JsonRpcMessage.Response response) {
				generator.writeName("id");
				writeId(generator, response.id());
				if (response.error() != null) {
					generator.writePOJOProperty("error", response.error());
				}
				else if (response.result() instanceof CallToolResult result) {
					generator.writeName("result");
					writeToolResult(generator, result, null);
				}
				else if (response.result() instanceof ModernResult result) {
					generator.writeName("result");
					writeModernResult(generator, result);
				}
				else {
					generator.writePOJOProperty("result", response.result());
				}
			}
			else if (message instanceof JsonRpcMessage.Notification notification) {
				generator.writeStringProperty("method", notification.method());
				if (notification.params() != null) {
					generator.writePOJOProperty("params", notification.params());
				}
			}
			else if (message instanceof JsonRpcMessage.Request request) {
				generator.writeName("id");
				writeId(generator, request.id());
				generator.writeStringProperty("method", request.method());
				if (request.params() != null) {
					generator.writePOJOProperty("params", request.params());
				}
			}
			generator.writeEndObject();
		}
	}

	/**
	 * Writes a tool result field by field, as its annotations say. An endpoint's JSON body is in it
	 * twice, raw in {@code structuredContent} and escaped as the text of a block: both are written
	 * from its UTF-8 bytes, the text escaped byte by byte, without going through a String.
	 */
	private static void writeToolResult(JsonGenerator generator, CallToolResult result, @Nullable ModernResult modern) {
		RawJson json = RawJson.of(result.structuredContent());
		generator.writeStartObject();
		if (modern != null) {
			generator.writeStringProperty("resultType", ModernResult.COMPLETE);
		}
		generator.writeName("content");
		generator.writeStartArray();
		for (Content block : result.content()) {
			// The same String, not an equal one: then this text is the document's bytes, by construction.
			if (json != null && block instanceof Content.Text text && text.text() == json.text()) {
				byte[] utf8 = json.utf8();
				generator.writeStartObject();
				generator.writeStringProperty("type", text.type());
				generator.writeName("text");
				generator.writeUTF8String(utf8, 0, utf8.length);
				generator.writeEndObject();
			}
			else {
				generator.writePOJO(block);
			}
		}
		generator.writeEndArray();
		if (result.structuredContent() != null) {
			generator.writePOJOProperty("structuredContent", result.structuredContent());
		}
		generator.writeBooleanProperty("isError", result.isError());
		if (modern != null) {
			writeModernFields(generator, modern);
		}
		generator.writeEndObject();
	}

	/**
	 * Writes a modern-era result: {@code resultType} first, the result's own fields, then what the
	 * era adds (cache hints, the server's name in {@code _meta}).
	 */
	private void writeModernResult(JsonGenerator generator, ModernResult modern) {
		if (modern.result() instanceof CallToolResult result) {
			writeToolResult(generator, result, modern);
			return;
		}
		JsonNode fields = this.mapper.valueToTree(modern.result());
		generator.writeStartObject();
		// A result of its own type (input required) says so; every other is complete.
		generator.writeStringProperty("resultType", fields.path("resultType").asString(ModernResult.COMPLETE));
		for (java.util.Map.Entry<String, JsonNode> field : fields.properties()) {
			if (!"_meta".equals(field.getKey()) && !"resultType".equals(field.getKey())) {
				generator.writeName(field.getKey());
				generator.writeTree(field.getValue());
			}
		}
		writeModernFields(generator, modern);
		generator.writeEndObject();
	}

	private static void writeModernFields(JsonGenerator generator, ModernResult modern) {
		if (modern.ttlMs() != null) {
			generator.writeNumberProperty("ttlMs", modern.ttlMs());
			generator.writeStringProperty("cacheScope", modern.cacheScope());
		}
		generator.writeName("_meta");
		generator.writeStartObject();
		generator.writePOJOProperty(RequestMeta.SERVER_INFO, modern.serverInfo());
		generator.writeEndObject();
	}

	/** The message as UTF-8 JSON bytes. */
	public byte[] toBytes(JsonRpcMessage message) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(128);
		write(message, out);
		return out.toByteArray();
	}

	private static void writeId(JsonGenerator generator, @Nullable Object id) {
		if (id instanceof String text) {
			generator.writeString(text);
		}
		else if (id instanceof Long number) {
			generator.writeNumber(number);
		}
		else if (id instanceof BigInteger number) {
			generator.writeNumber(number);
		}
		else {
			generator.writeNull();
		}
	}

	/**
	 * A body that is not a valid JSON-RPC message.
	 */
	public static final class InvalidMessageException extends McpProtocolException {

		private final @Nullable Object id;

		InvalidMessageException(@Nullable Object id, int code, String message) {
			super(code, message);
			this.id = id;
		}

		/** The message's id when it could be read, else {@code null}. */
		public @Nullable Object id() {
			return this.id;
		}

	}

}
