package io.github.mcpstarter.protocol;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Bounds on what a client sends that the server reads or keeps: a hostile client must not make the
 * server hold megabytes of its strings. Anything larger is {@code -32602}, naming the field.
 */
final class McpLimits {

	/** Longest client name, title or version kept. */
	static final int MAX_CLIENT_INFO_LENGTH = 256;

	/** Longest protocol version string read; real ones are ten characters. */
	static final int MAX_PROTOCOL_VERSION_LENGTH = 64;

	/** Longest progress token or cursor read: a string a server hands out or a client makes up. */
	static final int MAX_TOKEN_LENGTH = 256;

	/**
	 * Most characters of one prompt argument's value: room for a file to review, not for a flood.
	 * (Argument names are checked against the prompt's own, so they need no bound of their own.)
	 */
	static final int MAX_PROMPT_ARGUMENT_LENGTH = 64 * 1024;

	/** Most characters of names and strings in the client's capabilities. */
	static final int MAX_CAPABILITIES_SIZE = 16 * 1024;

	/** Longest resource URI read or kept. */
	static final int MAX_URI_LENGTH = 4096;

	/** Most resources one session, or one listen stream, subscribes to. */
	static final int MAX_RESOURCE_SUBSCRIPTIONS = 100;

	private McpLimits() {
	}

	static void requireAtMost(String field, String value, int maxLength) {
		if (value.length() > maxLength) {
			throw McpProtocolException.invalidParams(
					"Invalid " + field + ": at most " + maxLength + " characters, got " + value.length());
		}
	}

	/** The client's capabilities are read, not kept; still, a megabyte of them is no capability. */
	static void requireSmallCapabilities(@Nullable JsonNode capabilities) {
		if (capabilities != null && size(capabilities, MAX_CAPABILITIES_SIZE + 1) > MAX_CAPABILITIES_SIZE) {
			throw McpProtocolException.invalidParams(
					"Invalid capabilities: at most " + MAX_CAPABILITIES_SIZE + " characters of names and values");
		}
	}

	/** The client's name and version, bounded, or {@code null} when it gave none. */
	static @Nullable Implementation clientInfo(@Nullable JsonNode node) {
		if (node == null || !node.isObject() || !node.path("name").isString()) {
			return null;
		}
		JsonNode title = node.get("title");
		String name = node.path("name").asString();
		String version = node.path("version").isString() ? node.path("version").asString() : "";
		requireAtMost("clientInfo.name", name, MAX_CLIENT_INFO_LENGTH);
		requireAtMost("clientInfo.version", version, MAX_CLIENT_INFO_LENGTH);
		String titleText = (title != null && title.isString()) ? title.asString() : null;
		if (titleText != null) {
			requireAtMost("clientInfo.title", titleText, MAX_CLIENT_INFO_LENGTH);
		}
		return new Implementation(name, titleText, version);
	}

	/** Characters of names and scalar values in a JSON tree, counted up to a limit. */
	private static int size(JsonNode node, int limit) {
		if (node.isContainer()) {
			int total = 0;
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				total += property.getKey().length() + size(property.getValue(), limit - total);
				if (total >= limit) {
					return total;
				}
			}
			for (JsonNode element : node.isArray() ? node.values() : List.<JsonNode>of()) {
				total += 1 + size(element, limit - total);
				if (total >= limit) {
					return total;
				}
			}
			return total;
		}
		return node.isString() ? node.asString().length() : 4;
	}

}
