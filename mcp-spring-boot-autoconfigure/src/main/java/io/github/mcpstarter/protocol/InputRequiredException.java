package io.github.mcpstarter.protocol;

/**
 * Ends a modern-era call that needs input from the client: thrown where the endpoint asked, it
 * unwinds the endpoint, and the server answers with the {@link InputRequiredResult} it carries. The
 * client retries with the answers and the endpoint runs again, getting them this time.
 *
 * <p>An endpoint must let it pass. (If one catches it anyway, the call still ends with the
 * result, since the call has recorded it: the endpoint's own answer is dropped.)
 *
 * @since 0.2.0
 */
public final class InputRequiredException extends RuntimeException {

	private final transient InputRequiredResult result;

	InputRequiredException(InputRequiredResult result) {
		super("The call needs input from the client (" + String.join(", ", result.inputRequests().keySet())
				+ "); it ends with an input-required result, and runs again when the client retries", null, false,
				false);
		this.result = result;
	}

	/** What the client is asked. */
	public InputRequiredResult result() {
		return this.result;
	}

}
