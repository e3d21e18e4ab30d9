package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One JSON-RPC 2.0 message, as MCP restricts it: a request, a notification or a response.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic#messages">MCP messages</a>
 */
public sealed interface JsonRpcMessage
		permits JsonRpcMessage.Request, JsonRpcMessage.Notification, JsonRpcMessage.Response {

	/** The protocol version string every message carries. */
	String VERSION = "2.0";

	/**
	 * The id of a request or response, for an error about it; {@code null} for a notification,
	 * which has none.
	 */
	static @Nullable Object idOf(JsonRpcMessage message) {
		if (message instanceof Request request) {
			return request.id();
		}
		return (message instanceof Response response) ? response.id() : null;
	}

	/**
	 * A request: expects exactly one response with the same id.
	 *
	 * @param id a string or an integral number, never {@code null} in MCP
	 * @param method the method name
	 * @param params the parameters, or {@code null} when absent
	 */
	record Request(Object id, String method, @Nullable JsonNode params) implements JsonRpcMessage {

		public Request {
			if (!(id instanceof String) && !(id instanceof Long) && !(id instanceof java.math.BigInteger)) {
				throw new IllegalArgumentException("id must be a string or an integer");
			}
		}

	}

	/**
	 * A notification: no id, and no response.
	 *
	 * @param method the method name
	 * @param params the parameters, or {@code null} when absent
	 */
	record Notification(String method, @Nullable JsonNode params) implements JsonRpcMessage {
	}

	/**
	 * A response: a result or an error for the request with the same id.
	 *
	 * @param id the request's id; {@code null} only for an error about a request whose id could
	 * not be read
	 * @param result the result, or {@code null} for an error
	 * @param error the error, or {@code null} for a result
	 */
	record Response(@Nullable Object id, @Nullable Object result, @Nullable JsonRpcError error)
			implements JsonRpcMessage {

		public static Response result(Object id, Object result) {
			return new Response(id, result, null);
		}

		public static Response error(@Nullable Object id, JsonRpcError error) {
			return new Response(id, null, error);
		}

	}

}
