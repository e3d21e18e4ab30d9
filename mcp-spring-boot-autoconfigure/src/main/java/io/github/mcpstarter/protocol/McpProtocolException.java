package io.github.mcpstarter.protocol;

/**
 * A request the protocol core refuses with a JSON-RPC error, such as an unknown tool or a bad cursor.
 */
public class McpProtocolException extends RuntimeException {

	private final JsonRpcError error;

	public McpProtocolException(int code, String message) {
		this(new JsonRpcError(code, message));
	}

	public McpProtocolException(JsonRpcError error) {
		super(error.message());
		this.error = error;
	}

	public JsonRpcError getError() {
		return this.error;
	}

	public static McpProtocolException invalidParams(String message) {
		return new McpProtocolException(JsonRpcError.ErrorCodes.INVALID_PARAMS, message);
	}

}
