package io.github.mcpstarter.protocol;

import org.jspecify.annotations.Nullable;

/**
 * A prompt as published: its description and what makes its messages.
 *
 * @param prompt what {@code prompts/list} shows
 * @param handler what {@code prompts/get} runs
 * @param origin what publishes the prompt (the invoker of its Spring MVC endpoint), or {@code null}
 * @since 0.2.0
 */
public record RegisteredPrompt(Prompt prompt, PromptHandler handler, @Nullable Object origin) implements Offering {

	/** A prompt made by hand. */
	public RegisteredPrompt(Prompt prompt, PromptHandler handler) {
		this(prompt, handler, null);
	}

	@Override
	public Kind kind() {
		return Kind.PROMPT;
	}

	@Override
	public String name() {
		return this.prompt.name();
	}

}
