package io.github.mcpstarter.invocation;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JacksonException;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.Content;
import io.github.mcpstarter.protocol.Content.EmbeddedResource;
import io.github.mcpstarter.protocol.RawJson;

/**
 * Turns the response an endpoint wrote into a tool result.
 *
 * <ul>
 * <li>2xx with a JSON body: {@code structuredContent} (a JSON object; anything else wrapped as
 * {@code {"result": ...}}) and the same JSON as a text block.</li>
 * <li>2xx with a {@code multipart/*} body: one content block per part, each mapped as below, so
 * an endpoint can return text, images and resources together.</li>
 * <li>2xx with any other body, and each part of a multipart body (a JSON part too): with a {@code Content-Location}
 * header, an embedded resource at that URI (text, or a base64 blob); else an image block for
 * {@code image/*}, an audio block for {@code audio/*}, a text block for text and JSON, and an
 * embedded blob resource at the request's URL for any other bytes.</li>
 * <li>2xx without a body: a short text naming the status; for a tool that declares an output schema,
 * also an empty {@code structuredContent} object, which its schema admits (see
 * {@link OutputSchemaPolicy}): MCP requires a tool with an output schema to return conforming
 * structured content for every successful call, and a strict client refuses a result without. A
 * handler whose schema cannot admit it (its return type promised a body, and it returned
 * {@code null}) gets an error result instead, and one warning in the log.</li>
 * <li>A body larger than {@code mcp.server.tools.max-response-size}: {@code isError}, naming the
 * limit; its bytes were never held.</li>
 * <li>Anything else: {@code isError} with the status, and the body (a ProblemDetail, say) as text.</li>
 * </ul>
 * The JSON body is embedded as written, not parsed into a tree and written again; it is only
 * scanned once, on its bytes, to check that it is well-formed.
 */
final class ToolResults {

	private static final Log logger = LogFactory.getLog(ToolResults.class);

	/** The property that bounds a captured response, named in the error for a larger one. */
	static final String MAX_RESPONSE_SIZE_PROPERTY = "mcp.server.tools.max-response-size";

	private final JsonMapper mapper;

	/** What a successful call without a body answers, decided once from the tool's output schema. */
	private final Bodiless bodiless;

	private final String toolName;

	private final AtomicBoolean bodilessReported = new AtomicBoolean();

	ToolResults(JsonMapper mapper) {
		this(mapper, "", null);
	}

	/**
	 * @param mapper reads the endpoint's JSON
	 * @param toolName the tool's name, for the one log line of a broken promise
	 * @param outputSchema the tool's output schema, or {@code null}: with one, a successful call must
	 * carry {@code structuredContent} that conforms to it
	 */
	ToolResults(JsonMapper mapper, String toolName, @Nullable ObjectNode outputSchema) {
		this.mapper = mapper;
		this.toolName = toolName;
		this.bodiless = (outputSchema == null) ? Bodiless.TEXT
				: admitsEmptyObject(outputSchema, outputSchema) ? Bodiless.EMPTY_OBJECT : Bodiless.BROKEN_PROMISE;
	}

	/**
	 * @param response what the endpoint wrote
	 * @param detail what went wrong in the tool's own terms, for an error, or {@code null}
	 * @param requestUrl the URL the endpoint was called at, which relative {@code Content-Location}s
	 * resolve against
	 */
	CallToolResult from(CapturedResponse response, @Nullable String detail, String requestUrl) {
		if (response.tooLarge()) {
			return tooLarge(response.maxBodySize());
		}
		int status = response.status();
		byte[] body = response.body();
		MediaType mediaType = response.mediaType();
		if (status < 200 || status >= 300) {
			return error(status, response, body, mediaType, detail);
		}
		if (body.length == 0) {
			String text = statusLine(status) + withLocation(response);
			return switch (this.bodiless) {
				case TEXT -> CallToolResult.text(text);
				case EMPTY_OBJECT ->
					new CallToolResult(List.of(new Content.Text(text)), JsonNodeFactory.instance.objectNode(), false);
				case BROKEN_PROMISE -> brokenPromise(text);
			};
		}
		if (mediaType != null && MultipartBody.isMultipart(mediaType)) {
			return multipart(body, mediaType, requestUrl);
		}
		if (mediaType != null && isJson(mediaType)) {
			Charset charset = response.charset();
			// UTF-8 (nearly always) is checked on the bytes: Jackson's byte parser skips a document
			// much faster than its char parser, and a malformed body needs no String at all.
			byte[] json = utf8Json(body, charset);
			JsonToken first = (json != null) ? wellFormedJson(json) : null;
			if (first != null) {
				return structured(RawJson.ofWellFormed(json), first == JsonToken.START_OBJECT);
			}
		}
		Content block = block(mediaType, response.headers(), body, response.charset(), requestUrl);
		return new CallToolResult(List.of(block), null, false);
	}

	private static CallToolResult multipart(byte[] body, MediaType mediaType, String requestUrl) {
		List<MultipartBody.Part> parts;
		try {
			parts = MultipartBody.parse(body, mediaType);
		}
		catch (IllegalArgumentException ex) {
			return CallToolResult.error(statusLine(500) + ": the endpoint wrote a malformed " + mediaType.getType()
					+ "/" + mediaType.getSubtype() + " body (" + ex.getMessage() + ")");
		}
		List<Content> content = new ArrayList<>(parts.size());
		for (MultipartBody.Part part : parts) {
			MediaType partType = part.contentType();
			Charset charset = (partType != null && partType.getCharset() != null) ? partType.getCharset()
					: StandardCharsets.UTF_8;
			content.add(block(partType, part.headers(), part.body(), charset, requestUrl));
		}
		return new CallToolResult(content, null, false);
	}

	/** The content block for one body: the whole response's or one part's (a prompt's message too). */
	static Content block(@Nullable MediaType mediaType, HttpHeaders headers, byte[] body, Charset charset,
			String requestUrl) {
		String location = headers.getFirst(HttpHeaders.CONTENT_LOCATION);
		if (location != null) {
			return resource(resolve(requestUrl, location), mediaType, body, charset);
		}
		if (mediaType != null && "image".equals(mediaType.getType())) {
			return new Content.Image(Base64.getEncoder().encodeToString(body), withoutParameters(mediaType));
		}
		if (mediaType != null && "audio".equals(mediaType.getType())) {
			return new Content.Audio(Base64.getEncoder().encodeToString(body), withoutParameters(mediaType));
		}
		if (isText(mediaType)) {
			return new Content.Text(new String(body, charset));
		}
		// Bytes a model cannot read as text (a PDF, say) still reach the client, as the resource
		// that the endpoint's URL names.
		return resource(requestUrl, mediaType, body, charset);
	}

	private static Content resource(String uri, @Nullable MediaType mediaType, byte[] body, Charset charset) {
		String mimeType = (mediaType != null) ? withoutParameters(mediaType) : null;
		return new Content.Resource(isText(mediaType) ? EmbeddedResource.text(uri, mimeType, new String(body, charset))
				: EmbeddedResource.blob(uri, mimeType, Base64.getEncoder().encodeToString(body)));
	}

	private static String resolve(String base, String location) {
		try {
			return URI.create(base).resolve(location).toString();
		}
		catch (IllegalArgumentException ex) {
			return location;
		}
	}

	static String withoutParameters(MediaType mediaType) {
		return mediaType.getType() + "/" + mediaType.getSubtype();
	}

	static boolean isText(@Nullable MediaType mediaType) {
		return mediaType == null || isJson(mediaType) || isTextual(mediaType);
	}

	/**
	 * The result for a JSON body: the document itself as {@code structuredContent} (an object;
	 * anything else wrapped as {@code {"result": ...}}) and as the text of a block.
	 */
	private static CallToolResult structured(RawJson json, boolean isObject) {
		if (isObject) {
			// One String for both: the codec then writes the text from the document's bytes.
			return new CallToolResult(List.of(new Content.Text(json.text())), json.toNode(), false);
		}
		ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
		wrapper.set("result", json.toNode());
		return new CallToolResult(List.of(new Content.Text("{\"result\":" + json.text() + "}")), wrapper, false);
	}

	private CallToolResult error(int status, CapturedResponse response, byte[] body, @Nullable MediaType mediaType,
			@Nullable String detail) {
		StringBuilder text = new StringBuilder(statusLine(status));
		if (response.errorMessage() != null && !response.errorMessage().isBlank()) {
			text.append(": ").append(response.errorMessage());
		}
		text.append(withLocation(response));
		if (detail != null) {
			text.append('\n').append(detail);
		}
		if (body.length > 0 && isText(mediaType)) {
			text.append('\n').append(new String(body, response.charset()));
		}
		List<Content> content = new ArrayList<>(1);
		content.add(new Content.Text(text.toString()));
		return new CallToolResult(content, null, true);
	}

	/** The result for a body larger than the limit: the endpoint ran, but its answer cannot be carried. */
	static CallToolResult tooLarge(long maxBodySize) {
		return CallToolResult.error("The endpoint's response is larger than " + MAX_RESPONSE_SIZE_PROPERTY + " ("
				+ size(maxBodySize) + "), the most a tool result may carry; ask for less (a smaller page, a filter),"
				+ " or raise the limit");
	}

	static String size(long bytes) {
		long mb = 1024 * 1024;
		if (bytes >= mb && bytes % mb == 0) {
			return (bytes / mb) + "MB";
		}
		if (bytes >= 1024 && bytes % 1024 == 0) {
			return (bytes / 1024) + "KB";
		}
		return bytes + "B";
	}

	static CallToolResult internalError() {
		return CallToolResult.error(statusLine(500) + ": the endpoint failed; see the server's log");
	}

	static String statusLine(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return "HTTP " + status + ((known != null) ? " " + known.getReasonPhrase() : "");
	}

	private static String withLocation(CapturedResponse response) {
		String location = response.headers().getFirst(HttpHeaders.LOCATION);
		return (location != null) ? " (Location: " + location + ")" : "";
	}

	/**
	 * The body as UTF-8 JSON to embed, without a byte order mark (written raw, one would break the
	 * message); {@code null} for a body that says UTF-8 but is UTF-16 or UTF-32, which Jackson's
	 * parser would detect and accept, but whose bytes cannot be embedded.
	 */
	private static byte @Nullable [] utf8Json(byte[] body, Charset charset) {
		if (!StandardCharsets.UTF_8.equals(charset)) {
			return new String(body, charset).getBytes(StandardCharsets.UTF_8);
		}
		if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
			return Arrays.copyOfRange(body, 3, body.length);
		}
		if (body[0] == 0 || (body.length > 1 && body[1] == 0)) {
			return null;
		}
		return body;
	}

	/**
	 * The first token of a well-formed UTF-8 JSON document, or {@code null} when it is not one.
	 * Read with the mapper's token stream factory alone: skipping a document needs no databind.
	 */
	private @Nullable JsonToken wellFormedJson(byte[] json) {
		try (JsonParser parser = this.mapper.tokenStreamFactory().createParser(ObjectReadContext.empty(), json)) {
			return wellFormedJson(parser);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable JsonToken wellFormedJson(JsonParser parser) {
		JsonToken first = parser.nextToken();
		if (first == null) {
			return null;
		}
		parser.skipChildren();
		return (parser.nextToken() == null) ? first : null;
	}

	static boolean isJson(MediaType mediaType) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(mediaType) || mediaType.getSubtype().endsWith("+json");
	}

	private static boolean isTextual(MediaType mediaType) {
		return "text".equals(mediaType.getType()) || mediaType.getSubtype().endsWith("+xml")
				|| "xml".equals(mediaType.getSubtype()) || "javascript".equals(mediaType.getSubtype())
				|| "x-www-form-urlencoded".equals(mediaType.getSubtype());
	}

	/**
	 * A bodiless 2xx from a handler whose declared return type promised a body (it returned
	 * {@code null}): no structured content could conform to the output schema, and a strict client
	 * refuses a successful result without, so it is an error result, which the schema does not bind.
	 */
	private CallToolResult brokenPromise(String statusText) {
		if (this.bodilessReported.compareAndSet(false, true)) {
			logger.warn("Tool '" + this.toolName + "' answered " + statusText + " without a body, which its "
					+ "outputSchema does not admit, so the call is an error result; a handler that may return null "
					+ "should say so (@Nullable on its return type) or return ResponseEntity or Optional");
		}
		return CallToolResult.error(statusText + ": the endpoint answered without the result its output schema promises");
	}

	/** Whether {@code {}} validates against the schema, judged on the keywords the generator writes. */
	static boolean admitsEmptyObject(JsonNode schema, JsonNode root) {
		if (schema.isBoolean()) {
			return schema.asBoolean();
		}
		JsonNode ref = schema.get("$ref");
		if (ref != null && ref.isString() && ref.asString().startsWith("#/$defs/")) {
			JsonNode target = root.path("$defs").get(ref.asString().substring("#/$defs/".length()));
			if (target == null || !admitsEmptyObject(target, root)) {
				return false;
			}
		}
		JsonNode type = schema.get("type");
		if (type != null && !"object".equals(type.asString(""))) {
			return false;
		}
		if (schema.get("required") instanceof ArrayNode required && !required.isEmpty()) {
			return false;
		}
		if (schema.path("minProperties").asInt(0) > 0) {
			return false;
		}
		if (schema.get("allOf") instanceof ArrayNode all) {
			for (JsonNode each : all) {
				if (!admitsEmptyObject(each, root)) {
					return false;
				}
			}
		}
		for (String keyword : new String[] { "anyOf", "oneOf" }) {
			if (schema.get(keyword) instanceof ArrayNode branches && !branches.isEmpty()) {
				boolean any = false;
				for (JsonNode each : branches) {
					any |= admitsEmptyObject(each, root);
				}
				if (!any) {
					return false;
				}
			}
		}
		return true;
	}

	private enum Bodiless {

		/** No output schema: a short text naming the status. */
		TEXT,

		/** The schema admits {@code {}}, the structured content of a bodiless answer. */
		EMPTY_OBJECT,

		/** The schema requires properties a bodiless answer cannot have. */
		BROKEN_PROMISE

	}

}
