package io.github.mcpstarter.protocol;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One message of a prompt.
 *
 * @param role {@code user} or {@code assistant}
 * @param content what it says: text, an image, audio, an embedded resource or a resource link
 * @since 0.2.0
 */
@JsonPropertyOrder({ "role", "content" })
public record PromptMessage(String role, Content content) {

	public static final String USER = "user";

	public static final String ASSISTANT = "assistant";

	public PromptMessage {
		if (!USER.equals(role) && !ASSISTANT.equals(role)) {
			throw new IllegalArgumentException("role must be 'user' or 'assistant'");
		}
	}

	public static PromptMessage user(Content content) {
		return new PromptMessage(USER, content);
	}

}
