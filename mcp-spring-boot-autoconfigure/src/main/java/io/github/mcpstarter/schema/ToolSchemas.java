package io.github.mcpstarter.schema;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of one tool.
 *
 * @param input the schema of the arguments; always of type object
 * @param output the schema of {@code structuredContent}, or {@code null} when the endpoint returns
 * nothing or nothing describable
 * @param outputWrapped whether a non-object result is wrapped as {@code {"result": ...}}
 */
public record ToolSchemas(ObjectNode input, @Nullable ObjectNode output, boolean outputWrapped) {
}
