package io.github.mcpstarter.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code tools/list}.
 *
 * @param tools the tools on this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListToolsResult(List<Tool> tools, @Nullable String nextCursor) {
}
