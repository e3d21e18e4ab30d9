package io.github.mcpstarter.protocol;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the suggestions for one argument of one offering (a prompt's argument, a resource
 * template's variable) come from.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface CompletionSource {

	/**
	 * Suggests values.
	 * @param value what the user has typed so far
	 * @param context the values of the offering's other arguments the client already knows
	 * @param request the request asking, with its caller
	 * @return the suggestions
	 */
	CompleteResult complete(String value, Map<String, String> context, McpRequestContext request);

	/** Finds the source of an offering's argument. */
	@FunctionalInterface
	interface Lookup {

		/** No argument of any offering has suggestions. */
		Lookup NONE = (offering, argument) -> null;

		/**
		 * @param offering the prompt or resource template
		 * @param argument the argument's name
		 * @return its source, or {@code null} when it has no suggestions
		 */
		@Nullable CompletionSource find(Offering offering, String argument);

	}

}
