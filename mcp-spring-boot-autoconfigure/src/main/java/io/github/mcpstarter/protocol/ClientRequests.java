package io.github.mcpstarter.protocol;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How one call asks the client for input, as its era does it: in the legacy era by sending the
 * requests over the session and waiting for the answers; in the modern era by ending the call with
 * an {@link InputRequiredResult} and finding the answers in the retry.
 *
 * @since 0.2.0
 */
public interface ClientRequests {

	/** Asks nothing and gets nothing: a call with no client to ask (plain REST, no session). */
	ClientRequests NONE = new ClientRequests() {

		@Override
		public boolean supports(InputRequest request) {
			return false;
		}

		@Override
		public Map<String, JsonNode> ask(List<InputRequest> requests) {
			return Map.of();
		}

	};

	/** Whether the client can answer such a request: it declared the capability, and can be reached. */
	boolean supports(InputRequest request);

	/**
	 * Asks the client.
	 * @param requests the requests, with keys unique within the call
	 * @return the client's answers by key (its {@code result}s); a request it cannot answer, or did not
	 * answer in time, has none
	 * @throws InputRequiredException in the modern era, when an answer is still to come: the call
	 * ends, and the client retries it with the answers
	 * @throws McpProtocolException when an answer the client sent is malformed
	 */
	Map<String, JsonNode> ask(List<InputRequest> requests);

	/**
	 * What ended the call early, if anything: the {@link InputRequiredException} or the
	 * {@link McpProtocolException} that {@link #ask} threw. The call ends with it even when the
	 * endpoint caught it, or the application's exception handling turned it into a response.
	 */
	default @Nullable RuntimeException interruption() {
		return null;
	}

}
