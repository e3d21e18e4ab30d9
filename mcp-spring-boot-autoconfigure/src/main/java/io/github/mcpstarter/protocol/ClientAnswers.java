package io.github.mcpstarter.protocol;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What both eras check of a client and its answers: whether it declared what a request needs, and
 * whether an answer has the shape of its method's result (for an accepted form, the form's own
 * schema), so that an endpoint never sees an answer that does not fit what it asked.
 */
final class ClientAnswers {

	private static final Set<String> ACTIONS = Set.of("accept", "decline", "cancel");

	private ClientAnswers() {
	}

	/**
	 * Whether capabilities declare what a request needs: {@code sampling}, {@code roots}, or
	 * {@code elicitation} with the request's mode ({@code {}} alone means forms only).
	 * @param capabilities the client's capabilities, or {@code null} when unknown
	 */
	static boolean declares(@Nullable JsonNode capabilities, InputRequest request) {
		if (capabilities == null) {
			return false;
		}
		JsonNode declared = capabilities.get(InputRequest.capabilityOf(request.method()));
		if (declared == null || !declared.isObject()) {
			return false;
		}
		if (!McpMethods.ELICITATION_CREATE.equals(request.method())) {
			return true;
		}
		if (request.isUrlElicitation()) {
			return declared.path("url").isObject();
		}
		return declared.path("form").isObject() || !declared.has("url");
	}

	/**
	 * What is wrong with an answer, or {@code null} when it fits.
	 * @param request what was asked
	 * @param answer the client's result
	 */
	static @Nullable String problem(InputRequest request, JsonNode answer) {
		if (!answer.isObject()) {
			return "must be an object (the client's " + request.method() + " result)";
		}
		switch (request.method()) {
			case McpMethods.ELICITATION_CREATE -> {
				JsonNode action = answer.get("action");
				if (action == null || !action.isString() || !ACTIONS.contains(action.asString())) {
					return "needs an \"action\" of accept, decline or cancel";
				}
				if (!"accept".equals(action.asString()) || request.isUrlElicitation()) {
					return null;
				}
				JsonNode content = answer.get("content");
				if (content != null && !content.isNull() && !content.isObject()) {
					return "content must be an object of the form's fields";
				}
				return formProblem(request.params().path("requestedSchema"), content);
			}
			case McpMethods.SAMPLING_CREATE_MESSAGE -> {
				JsonNode content = answer.get("content");
				if (!answer.path("role").isString() || content == null || !(content.isObject() || content.isArray())) {
					return "needs a \"role\" and \"content\" (a sampling result)";
				}
				return null;
			}
			case McpMethods.ROOTS_LIST -> {
				JsonNode roots = answer.get("roots");
				if (roots == null || !roots.isArray()) {
					return "needs an array \"roots\"";
				}
				for (JsonNode root : roots) {
					if (!root.path("uri").isString()) {
						return "every root needs a string \"uri\"";
					}
				}
				return null;
			}
			default -> {
				return null;
			}
		}
	}

	/** Checks accepted content against the form's schema: required fields, types, choices. */
	private static @Nullable String formProblem(JsonNode schema, @Nullable JsonNode content) {
		JsonNode properties = schema.path("properties");
		for (JsonNode required : schema.path("required")) {
			JsonNode value = (content != null) ? content.get(required.asString()) : null;
			if (value == null || value.isNull()) {
				return "content lacks the required field '" + required.asString() + "'";
			}
		}
		if (content == null || content.isNull()) {
			return null;
		}
		for (var field : content.properties()) {
			JsonNode property = properties.get(field.getKey());
			if (property == null) {
				// Not asked for: ignored, never passed on (the endpoint reads the fields it asked for).
				continue;
			}
			String problem = valueProblem(property, field.getValue());
			if (problem != null) {
				return "content field '" + field.getKey() + "' " + problem;
			}
		}
		return null;
	}

	private static @Nullable String valueProblem(JsonNode property, JsonNode value) {
		String type = property.path("type").asString("");
		switch (type) {
			case "string" -> {
				if (!value.isString()) {
					return "must be a string";
				}
				if (!choices(property).isEmpty() && !choices(property).contains(value.asString())) {
					return "must be one of " + choices(property);
				}
			}
			case "integer" -> {
				if (!value.isIntegralNumber()) {
					return "must be an integer";
				}
			}
			case "number" -> {
				if (!value.isNumber()) {
					return "must be a number";
				}
			}
			case "boolean" -> {
				if (!value.isBoolean()) {
					return "must be true or false";
				}
			}
			case "array" -> {
				if (!value.isArray()) {
					return "must be an array";
				}
				Set<String> allowed = choices(property.path("items"));
				for (JsonNode element : value) {
					if (!element.isString() || (!allowed.isEmpty() && !allowed.contains(element.asString()))) {
						return "must hold only " + (allowed.isEmpty() ? "strings" : "values of " + allowed);
					}
				}
			}
			default -> {
				// A type the forms of MCP do not have: nothing to check.
			}
		}
		return null;
	}

	/** The values a choice allows: {@code enum}, or the {@code const}s of {@code oneOf}/{@code anyOf}. */
	private static Set<String> choices(JsonNode schema) {
		Set<String> values = new java.util.LinkedHashSet<>();
		schema.path("enum").forEach((value) -> values.add(value.asString()));
		for (String keyword : new String[] { "oneOf", "anyOf" }) {
			schema.path(keyword).forEach((option) -> {
				if (option.path("const").isString()) {
					values.add(option.path("const").asString());
				}
			});
		}
		return values;
	}

}
