package io.github.mcpstarter.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The error object of a JSON-RPC response.
 *
 * @param code one of {@link ErrorCodes} or an application code
 * @param message a short description, never a stack trace
 * @param data further detail, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonRpcError(int code, String message, @Nullable Object data) {

	public JsonRpcError(int code, String message) {
		this(code, message, null);
	}

	/** The error codes of JSON-RPC 2.0 that MCP uses. */
	public static final class ErrorCodes {

		/** Invalid JSON was received. */
		public static final int PARSE_ERROR = -32700;

		/** The JSON sent is not a valid request object. */
		public static final int INVALID_REQUEST = -32600;

		/** The method does not exist or is not available. */
		public static final int METHOD_NOT_FOUND = -32601;

		/** Invalid method parameters, an unknown tool among them. */
		public static final int INVALID_PARAMS = -32602;

		/** An internal error; details go to the server's log, not to the client. */
		public static final int INTERNAL_ERROR = -32603;

		/**
		 * The resource a legacy-era {@code resources/read} names does not exist (2025-11-25 and
		 * before; the modern era answers {@link #INVALID_PARAMS}); {@code data} names the URI.
		 */
		public static final int RESOURCE_NOT_FOUND = -32002;

		/** The session named by the request does not exist (any more). */
		public static final int SESSION_NOT_FOUND = -32001;

		/** The caller's token lacks scopes the call needs; {@code data} names them (scope step-up). */
		public static final int INSUFFICIENT_SCOPE = -32003;

		/**
		 * What the transport's envelope repeats of a modern request (HTTP headers) disagrees with the
		 * request, or is missing (2026-07-28).
		 */
		public static final int HEADER_MISMATCH = -32020;

		/** A modern request needs a client capability its {@code _meta} does not declare (2026-07-28). */
		public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;

		/** A modern request names a protocol version this server does not serve; {@code data} lists those it does. */
		public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

		/** A transport-level refusal (headers, media types, sizes), as the MCP SDKs use it. */
		public static final int TRANSPORT_ERROR = -32000;

		private ErrorCodes() {
		}

	}

}
