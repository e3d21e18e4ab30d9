package io.github.mcpstarter.invocation;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

import io.github.mcpstarter.protocol.CallToolResult;
import io.github.mcpstarter.protocol.Content;

/**
 * Turns the response an endpoint wrote into a tool result.
 *
 * <ul>
 * <li>2xx with a JSON body: {@code structuredContent} (a JSON object; anything else wrapped as
 * {@code {"result": ...}}) and the same JSON as a text block.</li>
 * <li>2xx with an image or audio body: an image or audio block; with text: a text block.</li>
 * <li>2xx without a body: a short text naming the status.</li>
 * <li>Anything else: {@code isError} with the status, and the body (a ProblemDetail, say) as text.</li>
 * </ul>
 * The JSON body is embedded as written, not parsed into a tree and written again; it is only
 * scanned once to check that it is well-formed.
 */
final class ToolResults {

	private final JsonMapper mapper;

	ToolResults(JsonMapper mapper) {
		this.mapper = mapper;
	}

	CallToolResult from(CapturedResponse response, @Nullable String detail) {
		int status = response.status();
		byte[] body = response.body();
		MediaType mediaType = response.mediaType();
		if (status < 200 || status >= 300) {
			return error(status, response, body, mediaType, detail);
		}
		if (body.length == 0) {
			return CallToolResult.text(statusLine(status) + withLocation(response));
		}
		if (mediaType != null && isJson(mediaType)) {
			Charset charset = response.charset();
			// UTF-8 (nearly always) is checked on the bytes: Jackson's byte parser skips a document
			// much faster than its char parser, and a malformed body needs no String at all.
			JsonToken first = StandardCharsets.UTF_8.equals(charset) ? wellFormedJson(body)
					: wellFormedJson(new String(body, charset));
			if (first != null) {
				return structured(new String(body, charset), first == JsonToken.START_OBJECT);
			}
		}
		if (mediaType != null && "image".equals(mediaType.getType())) {
			return new CallToolResult(List.of(new Content.Image(Base64.getEncoder().encodeToString(body),
					mediaType.getType() + "/" + mediaType.getSubtype())), null, false);
		}
		if (mediaType != null && "audio".equals(mediaType.getType())) {
			return new CallToolResult(List.of(new Content.Audio(Base64.getEncoder().encodeToString(body),
					mediaType.getType() + "/" + mediaType.getSubtype())), null, false);
		}
		if (mediaType == null || isTextual(mediaType)) {
			return CallToolResult.text(new String(body, response.charset()));
		}
		return CallToolResult.text(statusLine(status) + ": " + body.length + " bytes of " + mediaType
				+ ", which this tool cannot return as text.");
	}

	private CallToolResult structured(String json, boolean isObject) {
		String text = isObject ? json : "{\"result\":" + json + "}";
		JsonNode raw = JsonNodeFactory.instance.rawValueNode(new RawValue(json));
		JsonNode structured = raw;
		if (!isObject) {
			ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
			wrapper.set("result", raw);
			structured = wrapper;
		}
		return new CallToolResult(List.of(new Content.Text(text)), structured, false);
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
		if (body.length > 0 && (mediaType == null || isJson(mediaType) || isTextual(mediaType))) {
			text.append('\n').append(new String(body, response.charset()));
		}
		List<Content> content = new ArrayList<>(1);
		content.add(new Content.Text(text.toString()));
		return new CallToolResult(content, null, true);
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

	/** The first token of a well-formed JSON document, or {@code null} when it is not one. */
	private @Nullable JsonToken wellFormedJson(String json) {
		try (JsonParser parser = this.mapper.createParser(json)) {
			return wellFormedJson(parser);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** The same for a UTF-8 document. */
	private @Nullable JsonToken wellFormedJson(byte[] json) {
		try (JsonParser parser = this.mapper.createParser(json)) {
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

	private static boolean isJson(MediaType mediaType) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(mediaType) || mediaType.getSubtype().endsWith("+json");
	}

	private static boolean isTextual(MediaType mediaType) {
		return "text".equals(mediaType.getType()) || mediaType.getSubtype().endsWith("+xml")
				|| "xml".equals(mediaType.getSubtype()) || "javascript".equals(mediaType.getSubtype())
				|| "x-www-form-urlencoded".equals(mediaType.getSubtype());
	}

}
