package io.github.mcpstarter.protocol;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code prompts/list}.
 *
 * @param prompts the prompts on this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListPromptsResult(List<Prompt> prompts, @Nullable String nextCursor) {
}
