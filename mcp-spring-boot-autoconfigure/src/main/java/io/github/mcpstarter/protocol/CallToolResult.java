package io.github.mcpstarter.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The result of {@code tools/call}.
 *
 * <p>Errors of the tool itself (a 4xx or 5xx from the endpoint, failed argument validation) are
 * results with {@code isError} true, so that the model can read them and correct itself.
 *
 * @param content the content blocks; never {@code null}, may be empty
 * @param structuredContent a JSON object conforming to the tool's output schema, or {@code null}
 * @param isError whether the tool failed
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-result">Tool result</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallToolResult(List<Content> content, @Nullable JsonNode structuredContent,
		@JsonProperty("isError") boolean isError) {

	public static CallToolResult text(String text) {
		return new CallToolResult(List.of(new Content.Text(text)), null, false);
	}

	public static CallToolResult error(String text) {
		return new CallToolResult(List.of(new Content.Text(text)), null, true);
	}

}
