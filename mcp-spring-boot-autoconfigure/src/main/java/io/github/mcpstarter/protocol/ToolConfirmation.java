package io.github.mcpstarter.protocol;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks the user to confirm a tool call before its endpoint runs: what will happen, in plain words
 * (the tool, what it does, the arguments), as a form with nothing to fill in, which the user
 * accepts, declines or dismisses. Only acceptance lets the call run.
 */
final class ToolConfirmation {

	/** The key of the confirmation among a call's input requests; endpoints' own keys differ from it. */
	static final String KEY = "mcp_confirmation";

	private static final int MAX_VALUE_LENGTH = 200;

	private static final int MAX_MESSAGE_LENGTH = 2000;

	private ToolConfirmation() {
	}

	/** The elicitation that asks for it; its answer counts only as one to a request this server issued. */
	static InputRequest request(RegisteredTool tool, ObjectNode arguments) {
		ObjectNode params = JsonNodeFactory.instance.objectNode();
		params.put("mode", "form");
		params.put("message", message(tool, arguments));
		ObjectNode schema = params.putObject("requestedSchema");
		schema.put("type", "object");
		schema.putObject("properties");
		return new InputRequest(KEY, McpMethods.ELICITATION_CREATE, params, true);
	}

	static String message(RegisteredTool tool, ObjectNode arguments) {
		Tool described = tool.tool();
		StringBuilder message = new StringBuilder("Allow ");
		if (described.title() != null && !described.title().isBlank()) {
			message.append('"').append(described.title()).append("\" (").append(tool.name()).append(')');
		}
		else {
			message.append(tool.name());
		}
		message.append(" to run? It is not done unless you accept.");
		String summary = firstLine(described.description());
		if (summary != null) {
			message.append("\n").append(summary);
		}
		if (arguments.isEmpty()) {
			message.append("\nWith no arguments.");
		}
		else {
			message.append("\nWith:");
			for (Map.Entry<String, JsonNode> argument : arguments.properties()) {
				message.append("\n- ").append(argument.getKey()).append(": ").append(plain(argument.getValue()));
			}
		}
		return (message.length() > MAX_MESSAGE_LENGTH) ? message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…"
				: message.toString();
	}

	/** The text of a declined, dismissed or unanswered confirmation, as the call's result. */
	static String notDone(RegisteredTool tool, @Nullable String action) {
		String why = switch ((action != null) ? action : "") {
			case "decline" -> "the user declined";
			case "cancel" -> "the user dismissed the confirmation";
			default -> "no answer came from the user (in time, or at all)";
		};
		return "Not done: " + why + ", so '" + tool.name() + "' did not run and nothing was changed.";
	}

	private static @Nullable String firstLine(@Nullable String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String line = description.strip().lines().findFirst().orElse("");
		return (line.length() > 300) ? line.substring(0, 299) + "…" : line;
	}

	private static String plain(JsonNode value) {
		String text = value.isString() ? value.asString() : value.toString();
		return (text.length() > MAX_VALUE_LENGTH) ? text.substring(0, MAX_VALUE_LENGTH - 1) + "…" : text;
	}

}
