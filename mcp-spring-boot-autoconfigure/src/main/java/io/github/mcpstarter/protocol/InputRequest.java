package io.github.mcpstarter.protocol;

import tools.jackson.databind.node.ObjectNode;

/**
 * One request the server needs the client to answer before a call can finish: an
 * {@code elicitation/create} (ask the user), a {@code sampling/createMessage} (ask the model) or a
 * {@code roots/list}.
 *
 * @param key the server's name for it, unique within the call: the key of the client's answer in
 * the modern era's {@code inputResponses}
 * @param method the request's method
 * @param params the request's params
 * @param stateBound whether only an answer to a request this server issued counts (one that comes
 * with the signed {@code requestState} that asked for it): a confirmation, which the client must
 * not be able to give without being asked
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi round-trip requests</a>
 * @since 0.2.0
 */
public record InputRequest(String key, String method, ObjectNode params, boolean stateBound) {

	/** The capability a client declares to answer requests of a method. */
	public static String capabilityOf(String method) {
		return switch (method) {
			case McpMethods.ELICITATION_CREATE -> "elicitation";
			case McpMethods.SAMPLING_CREATE_MESSAGE -> "sampling";
			case McpMethods.ROOTS_LIST -> "roots";
			default -> throw new IllegalArgumentException("No client request: " + method);
		};
	}

	/** Whether this is an elicitation in URL mode, which a client declares apart from forms. */
	public boolean isUrlElicitation() {
		return McpMethods.ELICITATION_CREATE.equals(this.method) && "url".equals(this.params.path("mode").asString(""));
	}

}
