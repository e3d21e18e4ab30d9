package io.github.mcpstarter.protocol;

import java.util.List;
import java.util.Map;

/**
 * A call the caller's token does not have the scopes for. Transports answer it as they can: the
 * Streamable HTTP transport with HTTP 403 and an {@code insufficient_scope} challenge, the SSE
 * transport (whose HTTP status is already sent) with this JSON-RPC error, whose {@code data}
 * carries the same information.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-challenge-handling">Scope challenges</a>
 */
public class InsufficientScopeException extends McpProtocolException {

	private final List<String> requiredScopes;

	public InsufficientScopeException(List<String> requiredScopes) {
		this(requiredScopes, "tool");
	}

	/**
	 * @param requiredScopes every scope the use needs
	 * @param noun what is used ({@code tool}, {@code prompt}), for the message
	 * @since 0.2.0
	 */
	public InsufficientScopeException(List<String> requiredScopes, String noun) {
		super(new JsonRpcError(JsonRpcError.ErrorCodes.INSUFFICIENT_SCOPE,
				"Forbidden: the access token lacks a scope this " + noun + " needs",
				Map.of("error", "insufficient_scope", "scope", String.join(" ", requiredScopes))));
		this.requiredScopes = List.copyOf(requiredScopes);
	}

	/** Every scope the call needs. */
	public List<String> getRequiredScopes() {
		return this.requiredScopes;
	}

}
