package io.github.mcpstarter.invocation;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.mcpstarter.protocol.Content;
import io.github.mcpstarter.protocol.GetPromptResult;
import io.github.mcpstarter.protocol.PromptMessage;

/**
 * Reads the JSON an endpoint wrote as a prompt's messages, strictly: a list of messages, an object
 * {@code {"description": ..., "messages": [...]}}, or a string (one user message). Each message
 * and each content block must have the shape MCP defines, and nothing else: what the client
 * would refuse, or silently lose, is refused here, naming where it is
 * ({@code messages[1].content.data: not base64}).
 */
final class PromptMessages {

	private static final Set<String> RESULT_FIELDS = Set.of("description", "messages");

	private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content");

	private static final Map<String, Set<String>> CONTENT_FIELDS = Map.of("text", Set.of("type", "text"), "image",
			Set.of("type", "data", "mimeType"), "audio", Set.of("type", "data", "mimeType"), "resource",
			Set.of("type", "resource"), "resource_link",
			Set.of("type", "uri", "name", "title", "description", "mimeType", "size"));

	private static final Set<String> RESOURCE_FIELDS = Set.of("uri", "mimeType", "text", "blob");

	private PromptMessages() {
	}

	/**
	 * @param json the endpoint's JSON document
	 * @return the prompt's result
	 * @throws WrongShapeException when the document is no prompt
	 */
	static GetPromptResult read(JsonNode json) {
		if (json.isString()) {
			return new GetPromptResult(null, List.of(PromptMessage.user(new Content.Text(json.asString()))));
		}
		if (json.isArray()) {
			return new GetPromptResult(null, messages(json, "messages"));
		}
		if (json.isObject()) {
			onlyFields(json, RESULT_FIELDS, "");
			JsonNode description = json.get("description");
			if (description != null && !description.isNull() && !description.isString()) {
				throw new WrongShapeException("description: must be a string");
			}
			JsonNode messages = json.get("messages");
			if (messages == null || !messages.isArray()) {
				throw new WrongShapeException("messages: must be a list of messages");
			}
			return new GetPromptResult((description != null && description.isString()) ? description.asString() : null,
					messages(messages, "messages"));
		}
		throw new WrongShapeException("the body must be a list of messages, an object with \"messages\", or a string");
	}

	private static List<PromptMessage> messages(JsonNode array, String at) {
		List<PromptMessage> messages = new ArrayList<>(array.size());
		for (int i = 0; i < array.size(); i++) {
			messages.add(message(array.get(i), at + "[" + i + "]"));
		}
		return messages;
	}

	private static PromptMessage message(JsonNode message, String at) {
		if (!message.isObject()) {
			throw new WrongShapeException(at + ": must be an object with \"role\" and \"content\"");
		}
		onlyFields(message, MESSAGE_FIELDS, at + ".");
		String role = text(message, "role", at + ".role");
		if (!PromptMessage.USER.equals(role) && !PromptMessage.ASSISTANT.equals(role)) {
			throw new WrongShapeException(at + ".role: must be \"user\" or \"assistant\"");
		}
		return new PromptMessage(role, content(message.get("content"), at + ".content"));
	}

	private static Content content(@Nullable JsonNode content, String at) {
		if (content == null || !content.isObject()) {
			throw new WrongShapeException(at + ": must be a content object with a \"type\"");
		}
		String type = text(content, "type", at + ".type");
		Set<String> fields = CONTENT_FIELDS.get(type);
		if (fields == null) {
			throw new WrongShapeException(
					at + ".type: must be one of text, image, audio, resource, resource_link; got '" + type + "'");
		}
		onlyFields(content, with(fields, ANNOTATED_FIELDS), at + ".");
		Content typed = typedContent(content, type, at);
		if (content.has("annotations") || content.has("_meta")) {
			annotations(content.get("annotations"), at + ".annotations");
			meta(content.get("_meta"), at + "._meta");
			// Checked above as its type; kept whole, so that its annotations reach the client.
			return new Content.AsWritten(content.deepCopy());
		}
		return typed;
	}

	/** What every content block may carry besides its type's own fields. */
	private static final Set<String> ANNOTATED_FIELDS = Set.of("annotations", "_meta");

	private static final Set<String> ANNOTATION_FIELDS = Set.of("audience", "priority", "lastModified");

	private static Set<String> with(Set<String> fields, Set<String> more) {
		Set<String> all = new java.util.HashSet<>(fields);
		all.addAll(more);
		return all;
	}

	/** The schema's {@code Annotations}: who it is for, how much it matters, when it changed. */
	private static void annotations(@Nullable JsonNode annotations, String at) {
		if (annotations == null || annotations.isNull()) {
			return;
		}
		if (!annotations.isObject()) {
			throw new WrongShapeException(at + ": must be an object");
		}
		onlyFields(annotations, ANNOTATION_FIELDS, at + ".");
		JsonNode audience = annotations.get("audience");
		if (audience != null && !(audience.isArray() && audience.valueStream()
			.allMatch((role) -> PromptMessage.USER.equals(role.asString(null))
					|| PromptMessage.ASSISTANT.equals(role.asString(null))))) {
			throw new WrongShapeException(at + ".audience: must be a list of \"user\" and \"assistant\"");
		}
		JsonNode priority = annotations.get("priority");
		if (priority != null && !(priority.isNumber() && priority.asDouble() >= 0 && priority.asDouble() <= 1)) {
			throw new WrongShapeException(at + ".priority: must be a number from 0 to 1");
		}
		JsonNode lastModified = annotations.get("lastModified");
		if (lastModified != null && !lastModified.isString()) {
			throw new WrongShapeException(at + ".lastModified: must be an ISO 8601 date-time string");
		}
	}

	private static void meta(@Nullable JsonNode meta, String at) {
		if (meta != null && !meta.isNull() && !meta.isObject()) {
			throw new WrongShapeException(at + ": must be an object");
		}
	}

	private static Content typedContent(JsonNode content, String type, String at) {
		switch (type) {
			case "text":
				return new Content.Text(text(content, "text", at + ".text"));
			case "image":
				return new Content.Image(base64(content, at), mimeType(content, at));
			case "audio":
				return new Content.Audio(base64(content, at), mimeType(content, at));
			case "resource":
				return new Content.Resource(resource(content.get("resource"), at + ".resource"));
			default:
				JsonNode size = content.get("size");
				if (size != null && !size.isNull() && !(size.isIntegralNumber() && size.canConvertToLong() && size.asLong() >= 0)) {
					throw new WrongShapeException(at + ".size: must be a whole number of bytes");
				}
				return new Content.ResourceLink(nonEmpty(content, "uri", at), nonEmpty(content, "name", at),
						optionalText(content, "title", at), optionalText(content, "description", at),
						optionalText(content, "mimeType", at), (size != null && !size.isNull()) ? size.asLong() : null);
		}
	}

	private static Content.EmbeddedResource resource(@Nullable JsonNode resource, String at) {
		if (resource == null || !resource.isObject()) {
			throw new WrongShapeException(at + ": must be an object with \"uri\" and \"text\" or \"blob\"");
		}
		onlyFields(resource, RESOURCE_FIELDS, at + ".");
		String uri = nonEmpty(resource, "uri", at);
		String mimeType = optionalText(resource, "mimeType", at);
		boolean hasText = resource.has("text");
		if (hasText == resource.has("blob")) {
			throw new WrongShapeException(at + ": must have either \"text\" or \"blob\", not " + (hasText ? "both" : "neither"));
		}
		return hasText ? Content.EmbeddedResource.text(uri, mimeType, text(resource, "text", at + ".text"))
				: Content.EmbeddedResource.blob(uri, mimeType, base64(resource, "blob", at));
	}

	private static void onlyFields(JsonNode object, Set<String> allowed, String at) {
		for (String field : object.propertyNames()) {
			if (!allowed.contains(field)) {
				throw new WrongShapeException(at + field + ": not a field of this object; allowed: "
						+ new java.util.TreeSet<>(allowed));
			}
		}
	}

	private static String text(JsonNode object, String field, String at) {
		JsonNode value = object.get(field);
		if (value == null || !value.isString()) {
			throw new WrongShapeException(at + ": must be a string");
		}
		return value.asString();
	}

	private static String nonEmpty(JsonNode object, String field, String at) {
		String value = text(object, field, at + "." + field);
		if (value.isEmpty()) {
			throw new WrongShapeException(at + "." + field + ": must not be empty");
		}
		return value;
	}

	private static @Nullable String optionalText(JsonNode object, String field, String at) {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		return text(object, field, at + "." + field);
	}

	private static String mimeType(JsonNode content, String at) {
		return nonEmpty(content, "mimeType", at);
	}

	private static String base64(JsonNode content, String at) {
		return base64(content, "data", at);
	}

	private static String base64(JsonNode object, String field, String at) {
		String value = text(object, field, at + "." + field);
		try {
			Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			throw new WrongShapeException(at + "." + field + ": must be base64");
		}
		return value;
	}

	/** The endpoint's JSON is no prompt; the message says where and why, in JSON terms. */
	static final class WrongShapeException extends RuntimeException {

		WrongShapeException(String message) {
			super(message);
		}

	}

}
