package io.github.mcpstarter.conformance;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.github.mcpstarter.protocol.Content;
import io.github.mcpstarter.protocol.GetPromptResult;
import io.github.mcpstarter.protocol.Prompt;
import io.github.mcpstarter.protocol.PromptMessage;
import io.github.mcpstarter.protocol.PromptRegistry;
import io.github.mcpstarter.protocol.RegisteredPrompt;

/**
 * A prompt that comes and goes, for the scenario that watches the prompt list change
 * ({@code test_trigger_prompt_change}): publishing a different list is what tells listeners.
 */
@Component
class DynamicPrompts {

	private static final String NAME = "test_dynamic_prompt";

	private final PromptRegistry registry;

	DynamicPrompts(PromptRegistry registry) {
		this.registry = registry;
	}

	/** Adds the prompt when it is not published, else removes it; whether it is published now. */
	synchronized boolean toggle() {
		List<RegisteredPrompt> prompts = new ArrayList<>(this.registry.all());
		boolean added = prompts.removeIf((prompt) -> NAME.equals(prompt.name())) ? false
				: prompts.add(new RegisteredPrompt(new Prompt(NAME, null, "A prompt added at run time", List.of()),
						(arguments, context) -> new GetPromptResult(null,
								List.of(PromptMessage.user(new Content.Text("dynamic"))))));
		this.registry.publish(prompts);
		return added;
	}

}
