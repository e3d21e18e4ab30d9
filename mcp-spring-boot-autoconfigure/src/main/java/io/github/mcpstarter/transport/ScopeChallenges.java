package io.github.mcpstarter.transport;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import io.github.mcpstarter.protocol.JsonRpcError;
import io.github.mcpstarter.protocol.JsonRpcMessage;

/**
 * Turns the protocol core's insufficient-scope error into what a client needs to step up: on
 * HTTP, a 403 with {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="...",
 * resource_metadata="..."} (RFC 6750 §3.1); on a stream, whose status is already sent, the same
 * parameters in the JSON-RPC error's {@code data}.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#scope-challenge-handling">Scope challenges</a>
 */
public final class ScopeChallenges {

	private ScopeChallenges() {
	}

	/** Whether a response is the insufficient-scope error. */
	public static boolean isInsufficientScope(JsonRpcMessage.Response response) {
		return response.error() != null && response.error().code() == JsonRpcError.ErrorCodes.INSUFFICIENT_SCOPE;
	}

	/**
	 * The error with {@code resource_metadata} added to its data, when there is metadata.
	 */
	public static JsonRpcMessage.Response withResourceMetadata(JsonRpcMessage.Response response,
			@Nullable String resourceMetadata) {
		JsonRpcError error = response.error();
		if (error == null || resourceMetadata == null || !(error.data() instanceof Map<?, ?> data)) {
			return response;
		}
		Map<Object, Object> extended = new LinkedHashMap<>(data);
		extended.put("resource_metadata", resourceMetadata);
		return JsonRpcMessage.Response.error(response.id(), new JsonRpcError(error.code(), error.message(), extended));
	}

	/**
	 * Sets status 403 and the {@code WWW-Authenticate} challenge for an insufficient-scope error.
	 */
	public static void challenge(HttpServletRequest request, HttpServletResponse response,
			JsonRpcMessage.Response error, ResourceMetadataLocator locator) {
		String scope = (error.error() != null && error.error().data() instanceof Map<?, ?> data)
				? String.valueOf(data.get("scope")) : "";
		StringBuilder header = new StringBuilder("Bearer error=\"insufficient_scope\", error_description=\"")
			.append("The request requires higher privileges than provided by the access token.\", scope=\"")
			.append(scope)
			.append('"');
		String metadata = locator.resourceMetadataUrl(request);
		if (metadata != null) {
			header.append(", resource_metadata=\"").append(metadata).append('"');
		}
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, header.toString());
	}

}
