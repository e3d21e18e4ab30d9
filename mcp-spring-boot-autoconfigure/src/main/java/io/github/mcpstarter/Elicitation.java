package io.github.mcpstarter;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user's answer to {@link ClientInput#ask}: what they did, and what they entered.
 *
 * @param action what the user did, or {@link Action#UNAVAILABLE} when there was no user to ask
 * @param content the fields they entered, as the form named them (empty unless accepted); every
 * field asked for is checked against the form before the endpoint sees it
 * @since 0.2.0
 */
public record Elicitation(Action action, ObjectNode content) {

	/** What the user did with the request. */
	public enum Action {

		/** Submitted the form (or, in URL mode, agreed to open the URL). */
		ACCEPT,

		/** Refused explicitly. */
		DECLINE,

		/** Dismissed it without choosing, or did not answer in time. */
		CANCEL,

		/**
		 * Nobody could be asked: a plain REST call, a client that declared no elicitation, or one
		 * that cannot be reached. The endpoint decides what that means (proceed with defaults, or refuse).
		 */
		UNAVAILABLE

	}

	/** The answer of a call with nobody to ask. */
	public static Elicitation unavailable() {
		return new Elicitation(Action.UNAVAILABLE, JsonNodeFactory.instance.objectNode());
	}

	/**
	 * An answer as the client sent it ({@code action}, {@code content}), already checked.
	 * @param result the client's elicitation result, or {@code null} for none
	 */
	public static Elicitation of(@Nullable JsonNode result) {
		if (result == null) {
			return unavailable();
		}
		Action action = switch (result.path("action").asString("")) {
			case "accept" -> Action.ACCEPT;
			case "decline" -> Action.DECLINE;
			default -> Action.CANCEL;
		};
		JsonNode content = result.get("content");
		return new Elicitation(action, (action == Action.ACCEPT && content instanceof ObjectNode object) ? object
				: JsonNodeFactory.instance.objectNode());
	}

	public boolean isAccepted() {
		return this.action == Action.ACCEPT;
	}

	/** A text field, or {@code null} when not entered. */
	public @Nullable String getString(String field) {
		JsonNode value = this.content.get(field);
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	/** A number field, or {@code null} when not entered. */
	public @Nullable Number getNumber(String field) {
		JsonNode value = this.content.get(field);
		return (value != null && value.isNumber()) ? value.numberValue() : null;
	}

	/** A yes/no field, or {@code null} when not entered. */
	public @Nullable Boolean getBoolean(String field) {
		JsonNode value = this.content.get(field);
		return (value != null && value.isBoolean()) ? value.asBoolean() : null;
	}

	/** The fields as plain Java values (strings, numbers, booleans, lists of strings). */
	public Map<String, Object> asMap() {
		Map<String, Object> values = new java.util.LinkedHashMap<>();
		this.content.properties().forEach((entry) -> {
			JsonNode value = entry.getValue();
			if (value.isArray()) {
				java.util.List<String> items = new java.util.ArrayList<>();
				value.forEach((item) -> items.add(item.asString()));
				values.put(entry.getKey(), items);
			}
			else if (value.isNumber()) {
				values.put(entry.getKey(), value.numberValue());
			}
			else if (value.isBoolean()) {
				values.put(entry.getKey(), value.asBoolean());
			}
			else if (!value.isNull()) {
				values.put(entry.getKey(), value.asString());
			}
		});
		return values;
	}

}
