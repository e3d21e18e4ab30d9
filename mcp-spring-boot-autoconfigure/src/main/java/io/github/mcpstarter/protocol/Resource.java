package io.github.mcpstarter.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A resource as {@code resources/list} describes it.
 *
 * @param uri the resource's URI, what {@code resources/read} names it by
 * @param name its name
 * @param title a human-readable title, or {@code null}
 * @param description what it holds, for the model, or {@code null}
 * @param mimeType the media type of its contents, or {@code null} when not known before reading
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/server/resources#resource">Resource</a>
 * @since 0.2.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resource(String uri, String name, @Nullable String title, @Nullable String description,
		@Nullable String mimeType) {
}
