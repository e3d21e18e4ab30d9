package io.github.mcpstarter.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@code prompts/get}.
 *
 * @param description what this prompt, with these arguments, is; or {@code null}
 * @param messages the messages
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "description", "messages" })
public record GetPromptResult(@Nullable String description, List<PromptMessage> messages) {

	public GetPromptResult {
		messages = List.copyOf(messages);
	}

}
