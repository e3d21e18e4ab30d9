package io.github.mcpstarter.protocol;

import java.util.Map;

/**
 * What {@code prompts/get} runs for one prompt, once its arguments are checked against the
 * prompt's.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface PromptHandler {

	/**
	 * Makes the prompt's messages.
	 * @param arguments the arguments, by name: only the prompt's, every required one present
	 * @param context the request it answers
	 * @return the messages
	 * @throws McpProtocolException when the prompt cannot be made with these arguments
	 */
	GetPromptResult get(Map<String, String> arguments, McpRequestContext context);

}
