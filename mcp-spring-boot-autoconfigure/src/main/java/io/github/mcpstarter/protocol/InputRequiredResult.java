package io.github.mcpstarter.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The modern era's answer to a call that needs input from the client first: what to ask, and the
 * state to send back with the answers when the client retries the same request.
 *
 * @param inputRequests the requests, by key, each a {@code method} and its {@code params}
 * @param requestState the signed state the retry must carry, or {@code null}
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi round-trip requests</a>
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputRequiredResult(Map<String, Request> inputRequests, @Nullable String requestState) {

	/** The {@code resultType} of this result. */
	public static final String RESULT_TYPE = "input_required";

	@com.fasterxml.jackson.annotation.JsonProperty("resultType")
	public String resultType() {
		return RESULT_TYPE;
	}

	/** One request, as {@code inputRequests} lists it. */
	public record Request(String method, Object params) {
	}

}
