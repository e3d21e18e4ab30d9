package io.github.mcpstarter.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A prompt as {@code prompts/list} describes it.
 *
 * @param name unique name, 1 to 128 characters of {@code [A-Za-z0-9_.-]}
 * @param title human-readable title, or {@code null}
 * @param description what the prompt is for
 * @param arguments what {@code prompts/get} may supply, in order; empty when it takes none
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/prompts#data-types">Prompt</a>
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prompt(String name, @Nullable String title, @Nullable String description,
		List<PromptArgument> arguments) {

	public Prompt {
		arguments = List.copyOf(arguments);
	}

	/** The argument of that name, or {@code null}. */
	public @Nullable PromptArgument argument(String name) {
		for (PromptArgument argument : this.arguments) {
			if (argument.name().equals(name)) {
				return argument;
			}
		}
		return null;
	}

}
