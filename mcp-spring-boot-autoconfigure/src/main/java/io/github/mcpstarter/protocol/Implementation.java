package io.github.mcpstarter.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The name and version of an MCP implementation ({@code serverInfo}, {@code clientInfo}).
 *
 * @param name programmatic name
 * @param title display name, or {@code null}
 * @param version version string
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Implementation(String name, @Nullable String title, String version) {
}
