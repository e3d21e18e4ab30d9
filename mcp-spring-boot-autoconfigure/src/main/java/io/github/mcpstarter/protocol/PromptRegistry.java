package io.github.mcpstarter.protocol;

/**
 * The published prompts, in a stable order, looked up by name.
 *
 * <p>The set is replaced whole, so readers always see a consistent snapshot without locking; a
 * replacement that changes what {@code prompts/list} shows tells every listener.
 *
 * @since 0.2.0
 */
public class PromptRegistry extends OfferingRegistry<RegisteredPrompt> {

	public PromptRegistry() {
		super("prompt", RegisteredPrompt::prompt);
	}

}
