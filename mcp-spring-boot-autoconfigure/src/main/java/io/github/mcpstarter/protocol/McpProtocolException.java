package io.github.mcpstarter.protocol;

/**
 * A request the protocol core refuses with a JSON-RPC error, such as an unknown tool or a bad cursor.
 */
public class McpProtocolException extends RuntimeException {

	private final JsonRpcError error;

	public McpProtocolException(int code, String message) {
		super(message);
		this.error = new JsonRpcError(code, message);
	}

	public JsonRpcError getError() {
		return this.error;
	}

	public static McpProtocolException invalidParams(String message) {
		return new McpProtocolException(JsonRpcError.ErrorCodes.INVALID_PARAMS, message);
	}

}
