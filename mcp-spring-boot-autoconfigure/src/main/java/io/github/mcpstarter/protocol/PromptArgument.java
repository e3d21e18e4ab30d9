package io.github.mcpstarter.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One argument of a prompt; its value is always a string.
 *
 * @param name its name
 * @param title human-readable title, or {@code null}
 * @param description what it means, or {@code null}
 * @param required whether {@code prompts/get} must supply it
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptArgument(String name, @Nullable String title, @Nullable String description, boolean required) {

	public PromptArgument(String name, @Nullable String description, boolean required) {
		this(name, null, description, required);
	}

}
