package io.github.mcpstarter.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool as {@code tools/list} describes it.
 *
 * @param name unique name, 1 to 128 characters of {@code [A-Za-z0-9_.-]}
 * @param title human-readable title, or {@code null}
 * @param description what the tool does, for the model
 * @param inputSchema JSON Schema (2020-12) of the arguments; always of type object
 * @param outputSchema JSON Schema of {@code structuredContent}, or {@code null}
 * @param annotations behaviour hints, or {@code null}
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool">Tool</a>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(String name, @Nullable String title, @Nullable String description, ObjectNode inputSchema,
		@Nullable ObjectNode outputSchema, @Nullable ToolAnnotations annotations) {

	/**
	 * Hints about a tool's behaviour; clients treat them as untrusted.
	 *
	 * @param title human-readable title, or {@code null}
	 * @param readOnlyHint whether the tool only reads
	 * @param destructiveHint whether the tool may destroy data
	 * @param idempotentHint whether repeated calls have no further effect
	 * @param openWorldHint whether the tool reaches an open world of entities
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ToolAnnotations(@Nullable String title, @Nullable Boolean readOnlyHint,
			@Nullable Boolean destructiveHint, @Nullable Boolean idempotentHint, @Nullable Boolean openWorldHint) {
	}

}
